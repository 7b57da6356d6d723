import Foundation
import ServiceLifecycle
import Synchronization
import TenetBus

/// A service whose work blocks (ZeroMQ polling loops, SQLite): it runs on a thread of its own,
/// never on Swift's cooperative threads.
///
/// `body` runs on the new thread and should return soon after ``StopSignal/isRaised`` turns
/// true, which happens at graceful shutdown. If `body` throws, the service fails, which ends
/// the plugin (and the supervisor restarts it).
public struct BlockingService: Service {
    private let name: String
    private let body: @Sendable (StopSignal) throws -> Void

    /// Creates a service that runs `body` on a thread called `name`.
    public init(name: String, body: @escaping @Sendable (StopSignal) throws -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        let stop = StopSignal()
        let finished = Completion()
        _ = try OwnerThread.start(name: name) { [body] (starter: OwnerThread.Starter<Bool>) in
            starter.ready(true)
            do {
                try body(stop)
                finished.complete(nil)
            } catch {
                finished.complete(error)
            }
        }
        let failure = await withGracefulShutdownHandler {
            await finished.wait()
        } onGracefulShutdown: {
            stop.raise()
        }
        if let failure { throw failure }
    }
}

/// Tells a blocking loop that it is time to stop.
public final class StopSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Creates a signal that is not raised.
    public init() {}

    /// Whether the loop should stop now.
    public var isRaised: Bool { raised.load(ordering: .acquiring) }

    /// Asks the loop to stop.
    public func raise() { raised.store(true, ordering: .releasing) }
}

/// A one-shot completion a thread reports and a task awaits.
private final class Completion: Sendable {
    private struct State {
        var done = false
        var error: (any Error)?
        var waiter: CheckedContinuation<(any Error)?, Never>?
    }

    private let state = Mutex(State())

    func complete(_ error: (any Error)?) {
        let waiter = state.withLock { state -> CheckedContinuation<(any Error)?, Never>? in
            state.done = true
            state.error = error
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: error)
    }

    func wait() async -> (any Error)? {
        await withCheckedContinuation { continuation in
            let result = state.withLock { state -> (done: Bool, error: (any Error)?) in
                if state.done { return (true, state.error) }
                state.waiter = continuation
                return (false, nil)
            }
            if result.done { continuation.resume(returning: result.error) }
        }
    }
}
