/// A mapping whose keys were checked: each known key's first entry, and the path that names the
/// mapping in messages.
public struct YAMLFields: Sendable {
    /// The mapping node.
    public let node: YAMLNode
    /// The path of the mapping (`values[0]`), empty for the top level.
    public let path: String
    /// The entries in file order, repeated keys left out.
    public let entries: [YAMLEntry]

    init(node: YAMLNode, path: String, entries: [YAMLEntry]) {
        self.node = node
        self.path = path
        self.entries = entries
    }

    /// The value of `key`, when given.
    public subscript(key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.value
    }

    /// Whether `key` is given.
    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The path of `key` inside this mapping (`values[0].name`).
    public func field(_ key: String) -> String {
        YAMLFieldReader.join(path, key)
    }

    /// The position of `key` itself, or of the mapping when the key is absent.
    public func keyPosition(_ key: String) -> YAMLPosition {
        entries.first { $0.key == key }?.keyPosition ?? node.position
    }
}
