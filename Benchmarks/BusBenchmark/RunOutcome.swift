import Synchronization

/// What the two threads of one run report back: the receiver's timing or the first failure.
final class RunOutcome: Sendable {
    private let state = Mutex<(elapsed: Duration?, failure: String?)>((nil, nil))

    /// Records the receiver's time from the first to the last timed message.
    func record(elapsed: Duration) {
        state.withLock { $0.elapsed = elapsed }
    }

    /// Records a failure; only the first one is kept (the others are usually its consequences).
    func fail(_ message: String) {
        state.withLock { state in
            if state.failure == nil { state.failure = message }
        }
    }

    var elapsed: Duration? { state.withLock { $0.elapsed } }
    var failure: String? { state.withLock { $0.failure } }
}
