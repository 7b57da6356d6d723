import TenetModels

/// Fills an annotation's `{{ … }}` placeholders: `{{ value }}`, `{{ threshold }}`,
/// `{{ metric }}`, `{{ stat }}`, `{{ period }}`, `{{ status }}`, `{{ target }}`, `{{ rule }}`,
/// `{{ severity }}` (the names of `AlertRule.placeholders`) and `{{ labels.NAME }}`. Spaces inside
/// the braces do not matter. A label the instance lacks is written as nothing; a placeholder the
/// philosophy check would have refused, and a `{{` without `}}`, are left as written.
public struct AlertTemplate: Hashable, Sendable {
    /// The texts that replace the named placeholders (`value` → `1h 5m`).
    public var fields: [String: String]
    /// The instance's labels, for `{{ labels.NAME }}`.
    public var labels: [String: String]

    /// Creates the context of one rendering.
    public init(fields: [String: String], labels: [String: String]) {
        self.fields = fields
        self.labels = labels
    }

    /// `text` with every placeholder filled.
    public func render(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            output += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound].trimmingSpaces)
            if name.hasPrefix("labels."), name.count > 7 {
                output += labels[String(name.dropFirst(7))] ?? ""
            } else if let field = fields[name] {
                output += field
            } else {
                output += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }
}
