import TenetModels

/// How long to wait between tries: exponential backoff with jitter, or what the receiver asked
/// for with `Retry-After`. Pure: the random generator is passed in, so a seeded one gives the
/// same delays in every run.
///
/// Before try `n + 1` (after try `n` failed) the wait is `base × 2^(n-1)`, at most `maximum`,
/// then scaled by a random factor in `1 - jitter … 1` (so `jitter: 0.5` gives "equal jitter":
/// between half and all of the exponential delay). A `Retry-After` from the receiver replaces
/// it, unjittered, capped at `maximumRetryAfter`.
public struct RetryPolicy: Hashable, Sendable {
    /// The first wait.
    public var base: Duration
    /// The longest exponential wait.
    public var maximum: Duration
    /// The share of each wait that is random (0: none, 1: anywhere from 0 to the full wait).
    public var jitter: Double
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    public var maximumRetryAfter: Duration

    /// Creates a policy.
    public init(
        base: Duration = .seconds(1), maximum: Duration = .seconds(300), jitter: Double = 0.5,
        maximumRetryAfter: Duration = .seconds(3600)
    ) {
        self.base = base
        self.maximum = maximum
        self.jitter = min(max(jitter, 0), 1)
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The default: 1 s, doubling, at most 5 min, equal jitter, `Retry-After` up to 1 h.
    public static let standard = RetryPolicy()

    /// The wait after try `attempt` (from 1) failed; `retryAfter` is what the receiver asked for.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: inout some RandomNumberGenerator) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maximumRetryAfter) }
        let exponent = min(max(attempt - 1, 0), 40)
        let baseSeconds = Self.seconds(base)
        let exponential = min(baseSeconds * Double(UInt64(1) << UInt64(exponent)), Self.seconds(maximum))
        let unit = Double(random.next() >> 11) / Double(UInt64(1) << 53)
        let factor = 1 - jitter * unit
        return .nanoseconds(Int64((exponential * factor * 1e9).rounded()))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
