/// Text that is not valid JSON, with the place and the reason.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The byte offset of the problem, from 0.
    public var offset: Int
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in bytes.
    public var column: Int
    /// What is wrong, e.g. "expected ':' after an object key".
    public var reason: String

    public var description: String { "not valid JSON at line \(line), column \(column): \(reason)" }
}
