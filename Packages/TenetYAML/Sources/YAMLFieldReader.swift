import TenetModels

/// Reads typed values out of a ``YAMLNode`` tree and records every problem in ``diagnostics``
/// instead of stopping at the first, so that a checker can report all of a file's mistakes at
/// once. Each method returns `nil` after recording why a value is unusable.
///
/// Messages name the field's path and the value, and say what would be right:
/// ``unknown key `tz` in `schedules.support`; did you mean `zone`?``
public struct YAMLFieldReader: Sendable {
    /// What was found so far.
    public var diagnostics = Diagnostics()

    /// Creates a reader with no findings.
    public init() {}

    /// `path.key`, or `key` at the top level.
    public static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    // MARK: Findings

    /// Records an error at `position`.
    public mutating func error(_ code: Diagnostic.Code, at position: YAMLPosition, field: String, _ message: String) {
        diagnostics.error(code, at: position, field: field, message)
    }

    /// Records a warning at `position`.
    public mutating func warning(_ code: Diagnostic.Code, at position: YAMLPosition, field: String, _ message: String) {
        diagnostics.warning(code, at: position, field: field, message)
    }

    // MARK: Structure

    /// The node as a mapping whose keys are all in `allowed` (when given). Unknown keys are
    /// reported with the closest known key; a key given twice is reported and its second value
    /// ignored; `required` keys that are missing are reported at the mapping.
    public mutating func fields(
        _ node: YAMLNode, _ path: String, allowed: [String]? = nil, required: [String] = []
    ) -> YAMLFields? {
        guard let entries = node.entries else {
            expected("a mapping of `key: value` lines", node, path)
            return nil
        }
        let problems = node.keyProblems(allowed: allowed)
        var suggested: Set<String> = []
        for problem in problems {
            let key = problem.entry.key
            let field = Self.join(path, key)
            switch problem.kind {
            case .repeated(let first):
                error(
                    .duplicateKey, at: problem.entry.keyPosition, field: field,
                    "`\(key.excerpt)` is given twice in \(describe(path)) (first at line \(first.line)); keep one")
            case .unknown:
                let known = allowed ?? []
                if let closest = Suggestion.closest(to: key, among: known) { suggested.insert(closest) }
                error(
                    .unknownKey, at: problem.entry.keyPosition, field: field,
                    "unknown key `\(key.excerpt)` in \(describe(path))\(Suggestion.hint(for: key, among: known))"
                        + (Suggestion.closest(to: key, among: known) == nil ? " (known: \(known.joined(separator: ", ")))" : ""))
            }
        }
        let dropped = Set(problems.map(\.index))
        let kept = entries.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        // A required key that a misspelled one was probably meant to be is reported once, as
        // the misspelling.
        for key in required where !entries.contains(where: { $0.key == key }) && !suggested.contains(key) {
            error(.missingKey, at: node.position, field: Self.join(path, key), "\(describe(path)) needs `\(key)`")
        }
        return YAMLFields(node: node, path: path, entries: kept)
    }

    /// The node as a list; a single value is accepted as a one-item list when `single` is true.
    public mutating func list(_ node: YAMLNode, _ path: String, single: Bool = false) -> [YAMLNode]? {
        if let items = node.items { return items }
        if single, let scalar = node.scalar, !scalar.isNull { return [node] }
        expected(single ? "a value or a list of values" : "a list", node, path)
        return nil
    }

    // MARK: Scalars

    /// The node's text.
    public mutating func text(_ node: YAMLNode, _ path: String) -> String? {
        guard let scalar = node.scalar, !scalar.isNull else {
            expected("a single value", node, path)
            return nil
        }
        return scalar.text
    }

    /// The node's text, which must not be empty or blank.
    public mutating func nonEmptyText(_ node: YAMLNode, _ path: String) -> String? {
        guard let value = text(node, path) else { return nil }
        guard !value.allSatisfy(\.isWhitespace) else {
            error(.invalidValue, at: node.position, field: path, "`\(path)` is empty")
            return nil
        }
        return value
    }

    /// A list of texts (a single text is a list of one).
    public mutating func texts(_ node: YAMLNode, _ path: String) -> [String]? {
        guard let items = list(node, path, single: true) else { return nil }
        var values: [String] = []
        var failed = false
        for (index, item) in items.enumerated() {
            if let value = text(item, node.items == nil ? path : "\(path)[\(index)]") { values.append(value) } else { failed = true }
        }
        return failed ? nil : values
    }

    /// `true` or `false` (also `yes`/`no` and `on`/`off`, in any case: ``YAMLScalar/boolValue``).
    public mutating func bool(_ node: YAMLNode, _ path: String) -> Bool? {
        guard let value = text(node, path) else { return nil }
        guard let bool = node.scalar?.boolValue else {
            error(.invalidValue, at: node.position, field: path, "`\(path)`: `\(value.excerpt)` is not true or false")
            return nil
        }
        return bool
    }

    /// A whole number in `range` (``YAMLScalar/integerValue``).
    public mutating func integer(_ node: YAMLNode, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard let value = text(node, path) else { return nil }
        guard let number = node.scalar?.integerValue else {
            error(.invalidValue, at: node.position, field: path, "`\(path)`: `\(value.excerpt)` is not a whole number")
            return nil
        }
        guard range.contains(number) else {
            error(
                .invalidValue, at: node.position, field: path,
                "`\(path)`: \(number) is outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return number
    }

    /// A number in `range` (``YAMLScalar/numberValue``).
    public mutating func number(_ node: YAMLNode, _ path: String, range: ClosedRange<Double>) -> Double? {
        guard let value = text(node, path) else { return nil }
        guard let number = node.scalar?.numberValue else {
            error(.invalidValue, at: node.position, field: path, "`\(path)`: `\(value.excerpt)` is not a number")
            return nil
        }
        guard range.contains(number) else {
            error(
                .invalidValue, at: node.position, field: path,
                "`\(path)`: \(value) is outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return number
    }

    /// A duration such as `90s`, `15m`, `1h30m`, `7d` (``DurationText``).
    public mutating func duration(_ node: YAMLNode, _ path: String) -> Duration? {
        guard let value = text(node, path) else { return nil }
        do {
            return try DurationText.read(value)
        } catch {
            self.error(.invalidValue, at: node.position, field: path, "`\(path)`: \(error.description)")
            return nil
        }
    }

    /// One of `choices`, with the closest one suggested when the value is not.
    public mutating func choice(_ node: YAMLNode, _ path: String, among choices: [String]) -> String? {
        guard let value = text(node, path) else { return nil }
        guard choices.contains(value) else {
            let hint = Suggestion.closest(to: value, among: choices).map { "; did you mean `\($0)`?" }
                ?? " (one of \(choices.joined(separator: ", ")))"
            error(.invalidValue, at: node.position, field: path, "`\(path)`: `\(value.excerpt)` is not valid\(hint)")
            return nil
        }
        return value
    }

    // MARK: Helpers

    /// Records that `node` is not the expected kind.
    public mutating func expected(_ what: String, _ node: YAMLNode, _ path: String) {
        error(
            .wrongType, at: node.position, field: path,
            "\(describe(path)) should be \(what), not \(node.kindName)")
    }

    private func describe(_ path: String) -> String {
        path.isEmpty ? "the top level" : "`\(path)`"
    }
}
