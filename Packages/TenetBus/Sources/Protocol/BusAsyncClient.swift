import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Request/reply for async code: many tasks may have requests in flight at once over one
/// DEALER socket, which a dedicated thread owns (ZeroMQ sockets have one owner and block).
///
/// Tasks hand requests to the thread through a locked queue and a wake-up pipe; the thread
/// drives a ``BusRequestClient`` (the one request engine), which matches replies and expires
/// requests whose deadline passes. When the ZeroMQ context shuts down, the thread fails what is
/// in flight, closes its socket and ends, so the context can terminate.
public final class BusAsyncClient: Sendable {
    private typealias Continuation = CheckedContinuation<Result<BusMessage, BusProtocolError>, Never>

    private struct Pending: Sendable {
        var method: String
        var body: [UInt8]
        var timeout: Duration
        var continuation: Continuation
    }

    /// What the tasks and the thread share: the queue of new requests and the wake-up pipe.
    private final class Inbox: Sendable {
        struct State: Sendable {
            var queue: [Pending] = []
            var closed = false
        }

        let state = Mutex(State())
        let wakeRead: Int32
        let wakeWrite: Int32

        init() throws(ZMQError) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw ZMQError.last("pipe") }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            wakeRead = fds[0]
            wakeWrite = fds[1]
        }

        deinit {
            close(wakeRead)
            close(wakeWrite)
        }

        func wake() {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }

        /// Takes the queued requests; `closing` marks the inbox closed at the same time.
        func take(closing: Bool = false) -> (queued: [Pending], closed: Bool) {
            state.withLock { state in
                defer { state.queue.removeAll() }
                if closing { state.closed = true }
                return (state.queue, state.closed)
            }
        }
    }

    private let inbox: Inbox
    private let thread: OwnerThread
    /// The endpoint requests go to.
    public let endpoint: String

    /// Connects to `endpoint` and stamps requests as `sender`.
    public init(context: ZMQContext, endpoint: String, sender: String) throws(ZMQError) {
        let inbox = try Inbox()
        self.inbox = inbox
        self.endpoint = endpoint
        do {
            thread = try OwnerThread.start(name: "tenet-async-client") { (starter: OwnerThread.Starter<Bool>) in
                let client: BusRequestClient
                do throws(ZMQError) {
                    client = try BusRequestClient(context: context, endpoint: endpoint, sender: sender)
                } catch {
                    starter.failed(error)
                    return
                }
                starter.ready(true)
                Self.serve(client: client, inbox: inbox)
                client.close()
            }.thread
        } catch let error as ZMQError {
            throw error
        } catch {
            throw ZMQError.last("starting the request thread")
        }
    }

    deinit {
        shutdown()
    }

    /// Sends `method` with an encoded JSON body and waits for the reply.
    ///
    /// - Throws: like ``BusRequestClient/request(_:body:timeout:)``: `timed_out`, `remote_error`
    ///   (with the error body), `transport` (also once the client is closed).
    public func request(_ method: String, rawBody: [UInt8], timeout: Duration) async throws(BusProtocolError) -> BusMessage {
        let result = await withCheckedContinuation { (continuation: Continuation) in
            let accepted = inbox.state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.queue.append(Pending(method: method, body: rawBody, timeout: timeout, continuation: continuation))
                return true
            }
            if accepted {
                inbox.wake()
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
        let first = inbox.state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        inbox.wake()
        thread.join()
    }

    /// The thread's loop: sends what tasks queued, completes what the engine reports.
    private static func serve(client: BusRequestClient, inbox: Inbox) {
        var waiting: [String: Continuation] = [:]
        var poller = ZMQPoller()
        poller.addReadable(client.socket)
        let wakeIndex = poller.addReadable(fileDescriptor: inbox.wakeRead)
        var drain = [UInt8](repeating: 0, count: 256)
        func failAll(_ queued: [Pending], _ error: BusProtocolError) {
            for pending in queued { pending.continuation.resume(returning: .failure(error)) }
            for continuation in waiting.values { continuation.resume(returning: .failure(error)) }
            waiting.removeAll()
        }
        while true {
            let ready: [Int]
            do {
                ready = try poller.poll(timeout: .milliseconds(50))
            } catch {
                // The context is shutting down (or the socket broke): nothing more can be sent.
                failAll(inbox.take(closing: true).queued, BusProtocolError(error))
                return
            }
            if ready.contains(wakeIndex) { while read(inbox.wakeRead, &drain, drain.count) > 0 {} }
            let (queued, closed) = inbox.take()
            if closed {
                failAll(queued, BusProtocolError(code: .transport, message: "the client to \(client.endpoint) is closed"))
                return
            }
            for pending in queued {
                do {
                    let id = try client.send(pending.method, rawBody: pending.body, timeout: pending.timeout)
                    waiting[id] = pending.continuation
                } catch {
                    pending.continuation.resume(returning: .failure(error))
                }
            }
            let completions: [BusRequestClient.Completion]
            do {
                completions = try client.collect()
            } catch {
                failAll([], error)
                return
            }
            for completion in completions {
                waiting.removeValue(forKey: completion.id)?.resume(returning: completion.result)
            }
        }
    }
}
