/// A file that is not YAML Tenet can read: where and why.
public struct YAMLSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem was found (`YAMLPosition.file` when no place applies).
    public var position: YAMLPosition
    /// What is wrong, in libyaml's words or ours.
    public var message: String
    /// ``Diagnostic/Code/syntax``, or ``Diagnostic/Code/duplicateKey`` for a key given twice.
    public var code: Diagnostic.Code

    /// Creates an error.
    public init(position: YAMLPosition, message: String, code: Diagnostic.Code = .syntax) {
        self.position = position
        self.message = message
        self.code = code
    }

    public var description: String {
        position.line > 0 ? "\(position): \(message)" : message
    }
}
