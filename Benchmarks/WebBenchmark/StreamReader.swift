import Foundation
import Synchronization
import TenetBenchSupport

#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC in nanoseconds: the publisher stamps each message with it and every reader
/// of the same machine reads it on arrival.
func monotonicNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}

/// One benchmark message read by one client: which, when it was published and when it arrived.
struct Delivery: Sendable {
    /// The client (``StreamReader/busClient`` for the plain bus subscriber).
    var client: Int
    /// The message's number.
    var seq: Int
    /// The publisher's stamp.
    var sent: Int64
    /// When the client had read it.
    var received: Int64
}

/// The benchmark message's body: `{"bench":1,"seq":N,"sent_ns":T}`, and finding those in bytes.
enum BenchMessage {
    /// The body for message `seq` stamped `sent`.
    static func body(seq: Int, sent: Int64) -> [UInt8] {
        Array(#"{"bench":1,"seq":\#(seq),"sent_ns":\#(sent)}"#.utf8)
    }

    private static let start = Array(#"{"bench":1,"seq":"#.utf8)
    private static let middle = Array(#","sent_ns":"#.utf8)

    /// Every complete message in `buffer`, removed from it (an incomplete one at the end stays).
    static func take(from buffer: inout [UInt8]) -> [(seq: Int, sent: Int64)] {
        var found: [(seq: Int, sent: Int64)] = []
        var consumed = 0
        while let range = buffer[consumed...].firstRange(of: start) {
            var index = range.upperBound
            func number() -> Int64? {
                var value: Int64 = 0
                let first = index
                while index < buffer.count, buffer[index] >= 48, buffer[index] <= 57 {
                    value = value * 10 + Int64(buffer[index] - 48)
                    index += 1
                }
                return index > first && index < buffer.count ? value : nil
            }
            guard let seq = number(), buffer[index...].starts(with: middle) else {
                consumed = range.lowerBound
                break
            }
            index += middle.count
            guard let sent = number(), buffer[index] == UInt8(ascii: "}") else {
                consumed = range.lowerBound
                break
            }
            found.append((Int(seq), sent))
            consumed = index + 1
        }
        if found.isEmpty, buffer[consumed...].firstRange(of: start) == nil {
            // Nothing pending: keep only a tail that could be the start of a message.
            consumed = max(consumed, buffer.count - start.count)
        }
        buffer.removeFirst(min(consumed, buffer.count))
        return found
    }
}

/// Reads every stream client's socket on one thread (poll(2)), as fast as the bytes come, and
/// records each benchmark message it finds with its arrival time.
final class StreamReader: Sendable {
    /// The client number the plain bus subscriber's deliveries carry.
    static let busClient = -1

    private struct State {
        var added: [(client: Int, fd: Int32, rest: [UInt8])] = []
        var removed: Set<Int> = []
        var deliveries: [Delivery] = []
        var closedByServer: Set<Int> = []
        var stopping = false
    }

    private let state = Mutex(State())
    private let done = Mutex(false)

    /// Starts the reading thread.
    init() {
        let thread = Thread { [self] in loop() }
        thread.name = "stream-reader"
        thread.start()
    }

    /// Hands a connected client's socket (and the bytes already read after the opening) to the thread.
    func add(client: Int, fd: Int32, rest: [UInt8]) {
        state.withLock { $0.added.append((client, fd, rest)) }
    }

    /// Closes a client's connection (as a browser tab closing).
    func remove(client: Int) {
        state.withLock { _ = $0.removed.insert(client) }
    }

    /// Records deliveries read elsewhere (the bus subscriber).
    func record(_ deliveries: [Delivery]) {
        state.withLock { $0.deliveries += deliveries }
    }

    /// Every delivery so far.
    var deliveries: [Delivery] { state.withLock { $0.deliveries } }

    /// Clients whose connection the plugin closed.
    var closedByServer: Set<Int> { state.withLock { $0.closedByServer } }

    /// Stops the thread and closes every socket.
    func stop() {
        state.withLock { $0.stopping = true }
        while !done.withLock({ $0 }) { usleep(10_000) }
    }

    private func loop() {
        var clients: [(client: Int, fd: Int32, buffer: [UInt8])] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let (added, removed, stopping) = state.withLock { state in
                defer {
                    state.added = []
                    state.removed = []
                }
                return (state.added, state.removed, state.stopping)
            }
            for entry in added { clients.append((entry.client, entry.fd, entry.rest)) }
            if stopping || !removed.isEmpty {
                for entry in clients where stopping || removed.contains(entry.client) { close(entry.fd) }
                clients.removeAll { stopping || removed.contains($0.client) }
            }
            if stopping { break }
            var descriptors = clients.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            guard poll(&descriptors, nfds_t(descriptors.count), 20) > 0 else { continue }
            var found: [Delivery] = []
            var closed: [Int] = []
            for (index, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
                var ended = false
                while true {
                    let count = chunk.withUnsafeMutableBytes { recv(descriptor.fd, $0.baseAddress, $0.count, 0) }
                    if count > 0 {
                        clients[index].buffer += chunk[..<count]
                        continue
                    }
                    ended = count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                    break
                }
                let now = monotonicNanoseconds()
                for message in BenchMessage.take(from: &clients[index].buffer) {
                    found.append(Delivery(client: clients[index].client, seq: message.seq, sent: message.sent, received: now))
                }
                if ended { closed.append(clients[index].client) }
            }
            if !closed.isEmpty {
                for entry in clients where closed.contains(entry.client) { close(entry.fd) }
                clients.removeAll { closed.contains($0.client) }
            }
            if !found.isEmpty || !closed.isEmpty {
                state.withLock { state in
                    state.deliveries += found
                    state.closedByServer.formUnion(closed)
                }
            }
        }
        done.withLock { $0 = true }
    }
}
