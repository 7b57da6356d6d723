/// What Erlang C predicts for a queue: a steady state, or a queue that grows without bound.
public enum QueueOutcome: Hashable, Sendable {
    /// More agents than offered load (N > A), or no load at all: the queue settles, and the
    /// forecast gives its probability of waiting, service level, ASA and occupancy.
    case stable(QueueForecast)
    /// At most as many agents as offered load (N ≤ A, A > 0): the agents cannot keep up, every
    /// contact eventually waits and waits grow without bound. No finite figures exist, so none
    /// are given.
    case unstable

    /// The forecast of a stable queue; nil when unstable.
    public var forecast: QueueForecast? {
        switch self {
        case .stable(let forecast): forecast
        case .unstable: nil
        }
    }
}
