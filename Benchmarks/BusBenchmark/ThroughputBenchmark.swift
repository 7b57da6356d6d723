import Dispatch
import Foundation
import TenetBus

/// One throughput measurement in the manner of libzmq's `local_thr`/`remote_thr`, in one
/// process: a sender thread and a receiver thread, each creating, using and closing its own
/// socket; only the context is shared.
///
/// The stream, sent over one connection so it stays in order:
/// 1. probes, until the receiver has seen one (for PUB/SUB: the subscription is active) and
///    said so on an `inproc://` PAIR socket;
/// 2. a start marker, after which the receiver stops looking at the messages;
/// 3. `warmup` untimed messages, then `messages` timed ones;
/// 4. an end marker, which must be the very next message: the receiver counted exactly `messages`.
///
/// The receiver starts the clock when the first timed message arrives and stops it when the
/// last one does, so the rate is `(messages - 1) / elapsed`. The hot loops use only the
/// binding: `send(_: UnsafeRawBufferPointer)` from one reused buffer and `receive(into:)` into
/// one reused ``ZMQMessage``.
struct ThroughputBenchmark: Sendable {
    var pattern: BusPattern
    var messages: Int
    var warmup: Int
    var size: Int
    /// `ipc://…` endpoint; the receiver binds it and the sender connects.
    var endpoint: String

    /// The first byte of each message says what it is.
    private enum Tag {
        static let probe: UInt8 = 0x50  // "P"
        static let start: UInt8 = 0x53  // "S"
        static let data: UInt8 = 0x44  // "D"
        static let end: UInt8 = 0x45  // "E"
    }

    private static let syncEndpoint = "inproc://tenet-bench-sync"
    /// A receive that waits longer than this means messages were lost: fail rather than hang.
    private static let stallTimeout: Duration = .seconds(30)

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the measurement once and returns messages per second and the timed seconds.
    func run() throws -> (rate: Double, seconds: Double) {
        let context = try ZMQContext(ioThreads: 1)
        defer { context.terminate() }
        let outcome = RunOutcome()
        let bound = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)

        let receiver = Thread { [self] in
            do {
                let elapsed = try receive(context: context, whenBound: { bound.signal() })
                outcome.record(elapsed: elapsed)
            } catch {
                outcome.fail("receiver: \(error)")
                context.shutdown()  // unblocks the sender
                bound.signal()
            }
            finished.signal()
        }
        receiver.name = "bench-receiver"
        receiver.start()
        bound.wait()

        let sender = Thread { [self] in
            do {
                try send(context: context)
            } catch {
                outcome.fail("sender: \(error)")
                context.shutdown()  // unblocks the receiver
            }
            finished.signal()
        }
        sender.name = "bench-sender"
        sender.start()

        finished.wait()
        finished.wait()
        if let failure = outcome.failure { throw Failure(description: failure) }
        guard let elapsed = outcome.elapsed else { throw Failure(description: "the receiver reported no time") }
        let (whole, attoseconds) = elapsed.components
        let seconds = Double(whole) + Double(attoseconds) * 1e-18
        return (Double(messages - 1) / seconds, seconds)
    }

    // MARK: Receiver thread

    private func receive(context: ZMQContext, whenBound: () -> Void) throws -> Duration {
        let socket = try ZMQSocket(context: context, type: pattern.receiverType)
        defer { socket.close() }
        if let highWaterMark = pattern.highWaterMark { try socket.set(.receiveHighWaterMark(highWaterMark)) }
        if pattern == .pubSub { try socket.set(.subscribe("")) }
        try socket.set(.receiveTimeout(Self.stallTimeout))
        try socket.bind(endpoint)
        let sync = try ZMQSocket(context: context, type: .pair)
        defer { sync.close() }
        try sync.bind(Self.syncEndpoint)
        whenBound()

        let message = ZMQMessage()
        func next(_ stage: String) throws {
            guard try socket.receive(into: message) else {
                throw Failure(description: "nothing received for \(Self.stallTimeout) \(stage)")
            }
        }
        func tag() -> UInt8? { message.withUnsafeBytes { $0.first } }

        // Handshake: a probe got through, so the connection (and subscription) is up.
        try next("waiting for the first probe")
        try sync.send([Tag.probe])
        repeat { try next("waiting for the start marker") } while tag() != Tag.start

        for _ in 0..<warmup {
            guard try socket.receive(into: message) else {
                throw Failure(description: "nothing received for \(Self.stallTimeout) during the warm-up")
            }
        }

        guard try socket.receive(into: message) else {
            throw Failure(description: "nothing received for \(Self.stallTimeout) before the first timed message")
        }
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 1..<messages {
            guard try socket.receive(into: message) else {
                throw Failure(description: "nothing received for \(Self.stallTimeout): messages were lost")
            }
        }
        let end = clock.now

        guard message.count == size, tag() == Tag.data else {
            throw Failure(description: "the last timed message is not a data message: messages were lost")
        }
        try next("waiting for the end marker")
        guard tag() == Tag.end else {
            throw Failure(description: "more messages than sent arrived before the end marker")
        }
        try sync.send([Tag.end])
        return end - start
    }

    // MARK: Sender thread

    private func send(context: ZMQContext) throws {
        let socket = try ZMQSocket(context: context, type: pattern.senderType)
        defer { socket.close() }
        if let highWaterMark = pattern.highWaterMark { try socket.set(.sendHighWaterMark(highWaterMark)) }
        try socket.connect(endpoint)
        let sync = try ZMQSocket(context: context, type: .pair)
        defer { sync.close() }
        try sync.set(.receiveTimeout(.milliseconds(1)))
        try sync.connect(Self.syncEndpoint)

        let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { payload.deallocate() }
        payload.initializeMemory(as: UInt8.self, repeating: Tag.data)
        let control = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { control.deallocate() }
        control.initializeMemory(as: UInt8.self, repeating: 0)
        let reply = ZMQMessage()

        // Probe every millisecond until the receiver has seen a probe.
        control[0] = Tag.probe
        let clock = ContinuousClock()
        let deadline = clock.now + Self.stallTimeout
        repeat {
            guard clock.now < deadline else { throw Failure(description: "the receiver never saw a probe") }
            try socket.send(UnsafeRawBufferPointer(control), dontWait: true)
        } while try !sync.receive(into: reply)

        control[0] = Tag.start
        try socket.send(UnsafeRawBufferPointer(control))
        let data = UnsafeRawBufferPointer(payload)
        for _ in 0..<(warmup + messages) {
            try socket.send(data)
        }
        control[0] = Tag.end
        try socket.send(UnsafeRawBufferPointer(control))

        // Keep the socket open until the receiver has everything: PUB queues may be deep.
        try sync.set(.receiveTimeout(nil))
        guard try sync.receive(into: reply) else { throw Failure(description: "no final reply from the receiver") }
    }
}
