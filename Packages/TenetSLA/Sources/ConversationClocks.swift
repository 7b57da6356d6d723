/// One clock's state: 32 bytes.
struct SLAClock: Sendable {
    /// Where the clock is.
    enum State: UInt8, Sendable {
        /// Not started (or a next-reply clock between two waits).
        case idle
        /// Started and not stopped: counting, or paused while the conversation waits on the customer.
        case active
        /// Stopped by its reply or its solve (a reopen resumes a stopped resolution clock).
        case stopped
        /// Stopped for good without an outcome (a first response the solve made moot).
        case cancelled
    }

    /// Time counted before ``since``, in nanoseconds of the clock's basis (business or calendar).
    var elapsed: Int64 = 0
    /// While active: the instant from which time is counted again.
    var since: Int64 = 0
    /// Bumped at every reschedule: heap entries of an older generation are stale.
    var generation: UInt32 = 0
    var state: State = .idle
    /// Whether the warning was emitted.
    var warned = false
    /// Whether the breach was emitted (and counted).
    var breached = false
    /// Whether its stop was counted as met (withdrawn when a reopen resumes it).
    var counted = false
    /// Whether a heap entry of the current generation is waiting.
    var pending = false
}

/// What the book keeps of one conversation: where it is in its story and its three clocks.
struct ConversationClocks: Sendable {
    /// Flags of the conversation's story.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// Started: opened, queued, or a first public customer message.
        static let started = Flags(rawValue: 1)
        /// Opened with `attributes.direction: outbound`.
        static let outbound = Flags(rawValue: 2)
        /// A public human agent reply came (before or after the start).
        static let firstReplied = Flags(rawValue: 4)
        /// A bot spoke before the first human reply.
        static let botSpoke = Flags(rawValue: 8)
    }

    /// The interned values of the watched dimensions in force.
    var profile: Int32
    /// The latest instant applied (events earlier than it are applied at it).
    var lastAt: Int64 = .min
    /// The status in force, by its index in `ConversationStatus.allCases`.
    var status: UInt8 = 0
    var flags: Flags = []
    var clocks = (SLAClock(), SLAClock(), SLAClock())

    init(profile: Int32) {
        self.profile = profile
    }

    /// The clock of the metric numbered `metric` (``SLAMetric`` order).
    subscript(metric: Int) -> SLAClock {
        get {
            switch metric {
            case 0: clocks.0
            case 1: clocks.1
            default: clocks.2
            }
        }
        set {
            switch metric {
            case 0: clocks.0 = newValue
            case 1: clocks.1 = newValue
            default: clocks.2 = newValue
            }
        }
    }
}
