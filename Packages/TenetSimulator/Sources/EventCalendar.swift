/// What the simulator does next, and when: a binary min-heap of steps ordered by time (whole
/// milliseconds), then by the order they were scheduled in, so that steps at one instant run
/// in a fixed order and a run is the same in every process.
struct EventCalendar: Sendable {
    /// One scheduled step.
    struct Step: Sendable {
        /// When, in milliseconds since 1970.
        var at: Int64
        /// The order it was scheduled in (breaks ties at one instant).
        var order: UInt64
        /// What to do.
        var kind: StepKind
        /// The first operand (a conversation slot, an agent, a group, …).
        var a: Int32
        /// The second operand (a token, an agent, a survey kind, …).
        var b: Int32

        @inline(__always)
        func precedes(_ other: Step) -> Bool {
            at < other.at || (at == other.at && order < other.order)
        }
    }

    private var heap: [Step] = []
    private var scheduled: UInt64 = 0

    init() {
        heap.reserveCapacity(4096)
    }

    var count: Int { heap.count }

    /// The next step's time, if any.
    var nextTime: Int64? { heap.first?.at }

    mutating func schedule(_ kind: StepKind, at: Int64, _ a: Int32 = 0, _ b: Int32 = 0) {
        scheduled += 1
        heap.append(Step(at: at, order: scheduled, kind: kind, a: a, b: b))
        var child = heap.count - 1
        let step = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard step.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = step
    }

    /// Removes and returns the next step.
    mutating func pop() -> Step? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        var parent = 0
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            let right = left + 1
            let child = right < count && heap[right].precedes(heap[left]) ? right : left
            guard heap[child].precedes(last) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return first
    }
}

/// The kinds of steps.
enum StepKind: UInt8, Sendable {
    // The organisation.
    case arrival, plan, agentOn, agentOff, scenarioStart, scenarioEnd
    case newCustomer, churn, order, extra, employeesMonth, employeeLeft
    // A conversation (a = its slot).
    case botReply, botDone, abandon, chatMessage, holdStart, holdEnd, talkEnd, requeue, wrapupEnd
    case workDone, customerReply, pendingTimeout, escalationDone, reopen, surveyAnswer, review
}
