/// A regular file in the inbox as one scan saw it: what tells whether it is still being written.
public struct InboxEntry: Hashable, Sendable {
    /// The file's name in the inbox.
    public var name: String
    /// Its size in bytes.
    public var size: Int64
    /// Its last modification, in nanoseconds since the Unix epoch.
    public var modified: Int64
    /// Its device and inode: a file replaced under the same name is another file.
    public var identity: UInt64

    /// Creates an entry.
    public init(name: String, size: Int64, modified: Int64, identity: UInt64) {
        self.name = name
        self.size = size
        self.modified = modified
        self.identity = identity
    }
}
