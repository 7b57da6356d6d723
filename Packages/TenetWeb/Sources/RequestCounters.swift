import Synchronization

/// The web plugin's request counters, by route pattern and status code (`/metrics` shows them).
public final class RequestCounters: Sendable {
    /// A route and a status code.
    public struct Key: Hashable, Sendable {
        /// The route pattern (`/v1/conversations/{id}`), or `other` for unknown paths.
        public var route: String
        /// The HTTP status code.
        public var status: Int

        /// Creates a key.
        public init(route: String, status: Int) {
            self.route = route
            self.status = status
        }
    }

    private let counts = Mutex<[Key: Int]>([:])

    /// Creates counters at zero.
    public init() {}

    /// Counts one answer.
    public func count(route: String, status: Int) {
        counts.withLock { $0[Key(route: route, status: status), default: 0] += 1 }
    }

    /// The counts so far.
    public var snapshot: [Key: Int] { counts.withLock { $0 } }
}
