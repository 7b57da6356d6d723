import Foundation
import Synchronization

/// A thread of its own for work that blocks and resources that have one owner (ZeroMQ sockets,
/// a database connection): the body creates them on the thread, says through ``Starter`` when
/// it is ready (or why it cannot start), then runs until it is done.
///
/// ``start(name:_:)`` returns once the body is ready, with what the body reported, or throws
/// the body's start-up error: the one way Tenet starts a thread and waits until it is ready.
public final class OwnerThread: Sendable {
    /// Handed to the body so that it reports its start exactly once.
    public final class Starter<Ready: Sendable>: Sendable {
        private let result = Mutex<Result<Ready, any Error>?>(nil)
        private let signal = DispatchSemaphore(value: 0)

        /// The body is ready; `value` goes to the caller of ``OwnerThread/start(name:_:)``.
        public func ready(_ value: Ready) { report(.success(value)) }

        /// The body cannot start; `error` is thrown to the caller.
        public func failed(_ error: any Error) { report(.failure(error)) }

        fileprivate func report(_ outcome: Result<Ready, any Error>) {
            let first = result.withLock { current -> Bool in
                guard current == nil else { return false }
                current = outcome
                return true
            }
            if first { signal.signal() }
        }

        fileprivate func wait() -> Result<Ready, any Error> {
            signal.wait()
            return result.withLock { $0! }
        }
    }

    /// The body returned without saying it was ready.
    public struct EndedBeforeReady: Error, CustomStringConvertible {
        /// The thread's name.
        public var name: String
        public var description: String { "the thread \(name) ended before it was ready" }
    }

    private let finished = DispatchSemaphore(value: 0)
    private let done = Atomic<Bool>(false)

    private init() {}

    /// Starts `body` on a new thread called `name` and waits until it reports ready (returning
    /// the value it reported) or failed (throwing its error).
    public static func start<Ready: Sendable>(
        name: String, _ body: @escaping @Sendable (Starter<Ready>) -> Void
    ) throws -> (thread: OwnerThread, ready: Ready) {
        let owner = OwnerThread()
        let starter = Starter<Ready>()
        let thread = Thread {
            body(starter)
            starter.report(.failure(EndedBeforeReady(name: name)))
            owner.done.store(true, ordering: .releasing)
            owner.finished.signal()
        }
        thread.name = name
        thread.start()
        return (owner, try starter.wait().get())
    }

    /// Whether the body has returned.
    public var isFinished: Bool { done.load(ordering: .acquiring) }

    /// Blocks until the body has returned. May be called more than once.
    public func join() {
        finished.wait()
        finished.signal()
    }
}
