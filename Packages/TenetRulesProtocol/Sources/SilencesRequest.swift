/// The body of a `silences` request.
public struct SilencesRequest: Codable, Hashable, Sendable {
    /// Whether ended silences are listed too.
    public var all: Bool?

    /// Creates a request.
    public init(all: Bool? = nil) {
        self.all = all
    }
}
