import Synchronization

/// Fans server-sent event frames out to every connected client. Each client has a bounded queue;
/// ``publish(_:)`` never waits: a client whose queue is full is dropped (its stream ends), so a
/// slow client never slows the others or the bus reader.
public final class LiveHub: Sendable {
    private struct State {
        var clients: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        var nextID = 0
        var dropped = 0
        var closed = false
    }

    private let state = Mutex(State())
    /// The most frames waiting for one client.
    public let capacity: Int

    /// Creates a hub whose clients may each fall `capacity` frames behind.
    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// Connects a client: its id (for ``disconnect(_:)``) and the frames for it, starting with
    /// those published after this call. After ``close()`` the stream ends at once.
    public func connect() -> (id: Int, frames: AsyncStream<[UInt8]>) {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingOldest(capacity))
        let id = state.withLock { state -> Int? in
            guard !state.closed else { return nil }
            state.nextID += 1
            state.clients[state.nextID] = continuation
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return (0, stream)
        }
        continuation.onTermination = { [weak self] _ in self?.disconnect(id) }
        return (id, stream)
    }

    /// Forgets a client (its stream ends).
    public func disconnect(_ id: Int) {
        let continuation = state.withLock { $0.clients.removeValue(forKey: id) }
        continuation?.finish()
    }

    /// Queues `frame` for every client; a client whose queue is full is dropped.
    public func publish(_ frame: [UInt8]) {
        let clients = state.withLock { Array($0.clients) }
        var full: [Int] = []
        for (id, continuation) in clients {
            if case .dropped = continuation.yield(frame) { full.append(id) }
        }
        guard !full.isEmpty else { return }
        let removed = state.withLock { state -> [AsyncStream<[UInt8]>.Continuation] in
            let removed = full.compactMap { state.clients.removeValue(forKey: $0) }
            state.dropped += removed.count
            return removed
        }
        for continuation in removed { continuation.finish() }
    }

    /// Ends every client's stream and refuses new ones (the plugin is stopping).
    public func close() {
        let clients = state.withLock { state -> [AsyncStream<[UInt8]>.Continuation] in
            state.closed = true
            defer { state.clients.removeAll() }
            return Array(state.clients.values)
        }
        for continuation in clients { continuation.finish() }
    }

    /// How many clients are connected.
    public var clientCount: Int { state.withLock { $0.clients.count } }
    /// How many clients were dropped for falling behind.
    public var droppedCount: Int { state.withLock { $0.dropped } }
}
