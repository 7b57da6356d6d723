/// A file that is not YAML Tenet can read: where and why.
public struct YAMLSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem was found (`YAMLPosition.file` when no place applies).
    public var position: YAMLPosition
    /// What is wrong, in libyaml's words or ours.
    public var message: String

    /// Creates an error.
    public init(position: YAMLPosition, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String {
        position.line > 0 ? "\(position): \(message)" : message
    }
}
