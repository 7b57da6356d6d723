/// The body of an `expire` request.
public struct ExpireRequest: Codable, Hashable, Sendable {
    /// The silence to end now.
    public var id: String

    /// Creates a request.
    public init(id: String) {
        self.id = id
    }
}
