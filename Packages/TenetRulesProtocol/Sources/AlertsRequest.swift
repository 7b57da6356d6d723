/// The body of an `alerts` request.
public struct AlertsRequest: Codable, Hashable, Sendable {
    /// How many of the latest transitions to list (default 50, at most 1000).
    public var recent: Int?

    /// Creates a request.
    public init(recent: Int? = nil) {
        self.recent = recent
    }
}
