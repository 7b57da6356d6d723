import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Request/reply for async code: many tasks may have requests in flight at once over one
/// DEALER socket, which a dedicated thread owns (ZeroMQ sockets have one owner and block).
///
/// Tasks hand requests to the thread through a locked queue and a wake-up pipe; the thread
/// sends them, matches replies by correlation id, and fails requests whose deadline passes.
public final class BusAsyncClient: Sendable {
    private struct Pending: Sendable {
        var method: String
        var body: [UInt8]
        var timeout: Duration
        var continuation: CheckedContinuation<Result<BusMessage, BusProtocolError>, Never>
    }

    private struct Shared: Sendable {
        var queue: [Pending] = []
        var closed = false
    }

    private let shared = Mutex(Shared())
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let finished = DispatchSemaphore(value: 0)
    /// The endpoint requests go to.
    public let endpoint: String

    /// Connects to `endpoint` and stamps requests as `sender`.
    public init(context: ZMQContext, endpoint: String, sender: String) throws(ZMQError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ZMQError.last("pipe") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        self.endpoint = endpoint
        let ready = DispatchSemaphore(value: 0)
        let failure = Mutex<ZMQError?>(nil)
        let thread = Thread { [self] in
            let socket: ZMQSocket
            do throws(ZMQError) {
                socket = try ZMQSocket(context: context, type: .dealer)
                try socket.set(.linger(.zero))
                try socket.connect(endpoint)
            } catch {
                failure.withLock { $0 = error }
                ready.signal()
                finished.signal()
                return
            }
            ready.signal()
            serve(socket: socket, sender: sender)
            socket.close()
            finished.signal()
        }
        thread.name = "tenet-async-client"
        thread.start()
        ready.wait()
        if let error = failure.withLock({ $0 }) {
            close(wakeRead)
            close(wakeWrite)
            throw error
        }
    }

    deinit {
        shutdown()
        Glibc.close(wakeRead)
        Glibc.close(wakeWrite)
    }

    /// Sends `method` with an encoded JSON body and waits for the reply.
    ///
    /// - Throws: like ``BusRequestClient/request(_:body:timeout:)``: `timed_out`, `remote_error`
    ///   (with the error body), `transport` (also once the client is closed).
    public func request(_ method: String, rawBody: [UInt8], timeout: Duration) async throws(BusProtocolError) -> BusMessage {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<BusMessage, BusProtocolError>, Never>) in
            let accepted = shared.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.queue.append(Pending(method: method, body: rawBody, timeout: timeout, continuation: continuation))
                return true
            }
            if accepted {
                wake()
            } else {
                continuation.resume(returning: .failure(BusProtocolError(code: .transport, message: "the client to \(endpoint) is closed")))
            }
        }
        return try result.get()
    }

    /// Sends `method` with `body` encoded as JSON and decodes the reply as `Reply`.
    public func request<Body: Encodable, Reply: Decodable>(
        _ method: String, body: Body, timeout: Duration, as reply: Reply.Type
    ) async throws(BusProtocolError) -> Reply {
        try await request(method, rawBody: BusMessage.encodeJSON(body), timeout: timeout).decodeBody(Reply.self)
    }

    /// Fails every request in flight and stops the thread. Idempotent.
    public func shutdown() {
        let first = shared.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        wake()
        finished.wait()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func serve(socket: ZMQSocket, sender: String) {
        var stamper = MessageStamper(sender: sender)
        var inFlight: [String: (deadline: ContinuousClock.Instant, method: String, continuation: CheckedContinuation<Result<BusMessage, BusProtocolError>, Never>)] = [:]
        var poller = ZMQPoller()
        let socketIndex = poller.addReadable(socket)
        let wakeIndex = poller.addReadable(fileDescriptor: wakeRead)
        let clock = ContinuousClock()
        var drain = [UInt8](repeating: 0, count: 256)
        while true {
            let ready = (try? poller.poll(timeout: .milliseconds(50))) ?? []
            if ready.contains(wakeIndex) { while read(wakeRead, &drain, drain.count) > 0 {} }
            let (queued, closed) = shared.withLock { state -> ([Pending], Bool) in
                defer { state.queue.removeAll() }
                return (state.queue, state.closed)
            }
            if closed {
                let error = BusProtocolError(code: .transport, message: "the client to \(endpoint) is closed")
                for pending in queued { pending.continuation.resume(returning: .failure(error)) }
                for entry in inFlight.values { entry.continuation.resume(returning: .failure(error)) }
                return
            }
            for pending in queued {
                let message = stamper.message(topic: pending.method, type: BusMessageType.request, rawBody: pending.body)
                do {
                    try socket.send(multipart: message.frames())
                    inFlight[message.header.id] = (clock.now.advanced(by: pending.timeout), pending.method, pending.continuation)
                } catch {
                    pending.continuation.resume(returning: .failure(BusProtocolError(error)))
                }
            }
            if ready.contains(socketIndex) {
                while let frames = try? socket.receiveMultipart(dontWait: true) {
                    guard let reply = try? BusMessage(frames: frames), let correlation = reply.header.correlation,
                        let entry = inFlight.removeValue(forKey: correlation)
                    else { continue }
                    if reply.header.type == BusMessageType.error {
                        let remote = try? reply.decodeBody(BusErrorBody.self)
                        entry.continuation.resume(returning: .failure(BusProtocolError(
                            code: .remoteError, message: remote?.description ?? "error reply to '\(entry.method)'", remote: remote)))
                    } else {
                        entry.continuation.resume(returning: .success(reply))
                    }
                }
            }
            let now = clock.now
            for (id, entry) in inFlight where entry.deadline <= now {
                inFlight[id] = nil
                entry.continuation.resume(returning: .failure(BusProtocolError(
                    code: .timedOut, message: "no reply to '\(entry.method)' from \(endpoint) in time")))
            }
        }
    }
}
