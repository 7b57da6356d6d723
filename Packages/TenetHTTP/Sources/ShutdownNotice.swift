import ServiceLifecycle
import Synchronization

/// Tells request handlers that the plugin is stopping, so that a request still waiting for its
/// body is answered at once (503, retry) instead of holding the graceful stop up until the
/// supervisor kills the process.
public final class ShutdownNotice: Sendable {
    private struct State {
        var raised = false
        var nextToken = 0
        var actions: [Int: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// Creates a notice that is not raised.
    public init() {}

    /// Whether the stop has begun.
    public var isRaised: Bool { state.withLock { $0.raised } }

    /// Marks the stop as begun and runs every registered action once. Idempotent.
    public func raise() {
        let actions = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.raised else { return [] }
            state.raised = true
            defer { state.actions.removeAll() }
            return Array(state.actions.values)
        }
        for action in actions { action() }
    }

    /// Runs `action` when the stop begins (at once if it has); returns a token for
    /// ``unregister(_:)``, or `nil` when the action already ran.
    public func register(_ action: @escaping @Sendable () -> Void) -> Int? {
        let token = state.withLock { state -> Int? in
            guard !state.raised else { return nil }
            state.nextToken += 1
            state.actions[state.nextToken] = action
            return state.nextToken
        }
        if token == nil { action() }
        return token
    }

    /// Forgets an action that is no longer needed.
    public func unregister(_ token: Int?) {
        guard let token else { return }
        _ = state.withLock { $0.actions.removeValue(forKey: token) }
    }

    /// A service for the plugin's service group that raises the notice when graceful shutdown begins.
    public func watcher() -> some Service {
        Watcher(notice: self)
    }

    private struct Watcher: Service {
        let notice: ShutdownNotice

        func run() async throws {
            try? await gracefulShutdown()
            notice.raise()
        }
    }
}
