/// The Erlang C model of one queue: contacts arrive at random (Poisson) at a steady rate, each
/// takes an exponentially distributed handle time with mean ``aht``, ``agents`` identical agents
/// answer them in arrival order, and nobody hangs up while waiting.
///
/// With the offered load A = arrival rate × AHT (in Erlangs: the number of agents the work would
/// keep busy all the time) and N agents, the model gives the probability that a contact waits
/// (Erlang C), the service level within T seconds, the average speed of answer and the
/// occupancy: see ``outcome`` and docs/STAFFING.md for the formulas.
///
/// The arithmetic is stable for large queues (thousands of agents): Erlang B is computed by the
/// recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), each step a ratio of numbers in (0, 1]
/// and n, and Erlang C is derived from B. Neither Aᴺ nor N! is ever formed, so nothing overflows,
/// and no result is NaN or infinite.
public struct ErlangC: Hashable, Sendable {
    /// The largest offered load accepted, in Erlangs: one million, far above any contact centre
    /// (the recursion costs one step per agent, about 10 ms per million in a release build).
    public static let maximumLoad: Double = 1_000_000
    /// The largest number of agents a staffing result may name (scheduled agents included).
    public static let maximumAgents = 100_000_000

    /// The offered load A in Erlangs: arrival rate (contacts per second) × ``aht`` (seconds).
    public let load: Double
    /// The mean handle time (AHT) in seconds: talk, hold and wrap-up of one contact; > 0.
    public let aht: Double
    /// The number of agents N answering the queue; ≥ 0.
    public let agents: Int
    /// Erlang B for ``load`` and ``agents``: the probability that a contact would find every
    /// agent busy if it were turned away instead of queued (the loss model). B = 1 when N = 0.
    public let erlangB: Double

    /// The queue with offered load `load` (Erlangs), average handle time `aht` (seconds) and
    /// `agents` agents.
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/invalidLoad`` for a negative or non-finite
    ///   load, ``StaffingError/Code/beyondLimits`` above ``maximumLoad``,
    ///   ``StaffingError/Code/invalidHandleTime`` for an AHT that is not a positive finite number,
    ///   ``StaffingError/Code/invalidAgents`` for a negative number of agents.
    public init(load: Double, aht: Double, agents: Int) throws(StaffingError) {
        try Self.validate(load: load, aht: aht)
        guard agents >= 0 else {
            throw StaffingError(
                code: .invalidAgents, field: "agents", value: "\(agents)",
                reason: "the number of agents must be 0 or more")
        }
        self.init(validLoad: load, aht: aht, agents: agents, erlangB: Self.erlangB(load: load, agents: agents))
    }

    /// The queue with `arrivalRate` contacts per second, each handled in `aht` seconds on
    /// average, and `agents` agents: offered load = `arrivalRate` × `aht` Erlangs.
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/invalidLoad`` for a negative or
    ///   non-finite rate, and what ``init(load:aht:agents:)`` throws.
    public init(arrivalRate: Double, aht: Double, agents: Int) throws(StaffingError) {
        guard arrivalRate.isFinite, arrivalRate >= 0 else {
            throw StaffingError(
                code: .invalidLoad, field: "arrival rate", value: "\(arrivalRate)",
                reason: "the arrival rate must be a finite number of contacts per second, 0 or more")
        }
        try Self.validate(load: 0, aht: aht)
        try self.init(load: arrivalRate * aht, aht: aht, agents: agents)
    }

    /// A queue whose inputs were checked and whose Erlang B is already known (carried forward by
    /// ``agentsNeeded(load:aht:target:)``).
    init(validLoad: Double, aht: Double, agents: Int, erlangB: Double) {
        self.load = validLoad
        self.aht = aht
        self.agents = agents
        self.erlangB = erlangB
    }

    /// What the model predicts: ``QueueOutcome/stable(_:)`` with a ``QueueForecast`` when
    /// N > A (or when there is no load at all), ``QueueOutcome/unstable`` when N ≤ A and A > 0:
    /// the agents cannot keep up and the queue grows without bound.
    ///
    /// For a stable queue: C = N·B / (N − A·(1 − B)) with B = ``erlangB``; ASA = C·AHT / (N − A);
    /// occupancy = A / N (0 with no load); service level within T = 1 − C·e^(−(N−A)·T/AHT).
    public var outcome: QueueOutcome {
        if load == 0 {
            return .stable(.idle)
        }
        let n = Double(agents)
        guard n > load else { return .unstable }
        let spare = n - load  // > 0
        // N − A·(1 − B) = (N − A) + A·B: both terms ≥ 0, the first > 0, so no cancellation.
        let waiting = min(1, n * erlangB / (spare + load * erlangB))
        return .stable(
            QueueForecast(
                probabilityOfWaiting: waiting,
                averageSpeedOfAnswer: waiting * aht / spare,
                occupancy: load / n,
                drainRate: spare / aht))
    }

    /// Erlang B(N = `agents`, A = `load`) by the recursion B(0) = 1,
    /// B(n) = A·B(n−1) / (n + A·B(n−1)). Once B reaches 0 it stays 0, so the loop stops there:
    /// the cost is at most min(N, about A + 39·√A + 300) steps (2,403 for A = 1,000).
    static func erlangB(load: Double, agents: Int) -> Double {
        var blocking = 1.0
        var n = 0
        while n < agents, blocking > 0 {
            n += 1
            blocking = nextErlangB(blocking, load: load, agents: n)
        }
        return blocking
    }

    /// One step of the Erlang B recursion: B(n) from B(n − 1).
    ///
    /// A value below the smallest normal double (2.2·10⁻³⁰⁸) is flushed to 0: every figure
    /// derived from it is 0 or 1 to all 15 digits anyway, and without the flush the smallest
    /// subnormal would round back to itself until n passes 2A, doubling the work.
    @inline(__always)
    static func nextErlangB(_ previous: Double, load: Double, agents n: Int) -> Double {
        let busy = load * previous
        let blocking = busy / (Double(n) + busy)
        return blocking < .leastNormalMagnitude ? 0 : blocking
    }

    /// Checks an offered load (Erlangs) and an average handle time (seconds).
    static func validate(load: Double, aht: Double) throws(StaffingError) {
        guard load.isFinite, load >= 0 else {
            throw StaffingError(
                code: .invalidLoad, field: "load", value: "\(load)",
                reason: "the offered load must be a finite number of Erlangs, 0 or more")
        }
        guard load <= maximumLoad else {
            throw StaffingError(
                code: .beyondLimits, field: "load", value: "\(load)",
                reason: "the offered load must be at most \(Int(maximumLoad)) Erlangs")
        }
        guard aht.isFinite, aht > 0 else {
            throw StaffingError(
                code: .invalidHandleTime, field: "aht", value: "\(aht)",
                reason: "the average handle time must be a finite number of seconds greater than 0")
        }
    }
}
