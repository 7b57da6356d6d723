/// An event that cannot be accepted: the field, the value and the reason.
///
/// Printed as "`at`: 2026-13-01 is not an RFC 3339 time".
public struct EventValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field at fault, as a path (`at`, `attributes.tags`, `categories[2].weight`); empty
    /// when the whole input is at fault.
    public var field: String
    /// The offending value as written (cut to ``Swift/String/excerpt``), or empty when the field
    /// is missing or the value must not be repeated (a control character).
    public var value: String
    /// Why it is refused.
    public var reason: String

    /// Creates an error.
    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String {
        let subject = value.isEmpty ? reason : "\(value) \(reason)"
        return field.isEmpty ? subject : "`\(field)`: \(subject)"
    }
}
