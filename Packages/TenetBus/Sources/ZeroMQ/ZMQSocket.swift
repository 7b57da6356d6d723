import CZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// One libzmq socket with one owner.
///
/// libzmq sockets are not thread-safe, so `ZMQSocket` is deliberately not `Sendable`: the
/// compiler keeps each socket inside the task, actor or thread that made it. Create a socket on
/// the thread that uses it. New sockets get a bounded ``defaultLinger`` so that closing them
/// cannot hang the process, yet still flushes what was queued. ``close()`` is explicit and
/// idempotent; `deinit` closes a socket its owner forgot.
public final class ZMQSocket {
    /// The linger period given to new sockets: long enough to flush, short enough not to hang.
    public static let defaultLinger: Duration = .seconds(2)

    /// The socket's pattern.
    public let type: ZMQSocketType
    private var handle: UnsafeMutableRawPointer?
    /// Keeps the context alive for as long as one of its sockets is open.
    private let context: ZMQContext

    /// Creates a socket of `type` in `context`, with ``defaultLinger``.
    public init(context: ZMQContext, type: ZMQSocketType) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.last("zmq_socket", type.description)
        }
        self.type = type
        self.handle = handle
        self.context = context
        try set(.linger(Self.defaultLinger))
    }

    deinit {
        close()
    }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket. Queued outgoing messages are kept for the linger period by the
    /// context, which ``ZMQContext/terminate()`` waits for. Idempotent.
    public func close() {
        guard let handle else { return }
        zmq_close(handle)
        self.handle = nil
    }

    func open(_ operation: String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(code: .notSocket, operation: operation, subject: "closed \(type) socket") }
        return handle
    }

    /// The raw handle, for ``ZMQPoller`` and libzmq proxies.
    var rawHandle: UnsafeMutableRawPointer? { handle }

    // MARK: Endpoints

    /// Binds to `endpoint` (`ipc://path`, `tcp://127.0.0.1:5560`, `tcp://127.0.0.1:*`, `inproc://name`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        if zmq_bind(try open("zmq_bind"), endpoint) != 0 { throw ZMQError.last("zmq_bind", endpoint) }
    }

    /// Connects to `endpoint`. Connection happens in the background; sends queue meanwhile.
    public func connect(_ endpoint: String) throws(ZMQError) {
        if zmq_connect(try open("zmq_connect"), endpoint) != 0 { throw ZMQError.last("zmq_connect", endpoint) }
    }

    /// Stops listening on a bound endpoint.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        if zmq_unbind(try open("zmq_unbind"), endpoint) != 0 { throw ZMQError.last("zmq_unbind", endpoint) }
    }

    /// Drops a connection made with ``connect(_:)``.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        if zmq_disconnect(try open("zmq_disconnect"), endpoint) != 0 {
            throw ZMQError.last("zmq_disconnect", endpoint)
        }
    }

    /// The endpoint last bound, with a wildcard port resolved (`tcp://127.0.0.1:41234`).
    public var lastEndpoint: String {
        get throws(ZMQError) {
            var buffer = [CChar](repeating: 0, count: 1024)
            var size = buffer.count
            if zmq_getsockopt(try open("zmq_getsockopt"), ZMQ_LAST_ENDPOINT, &buffer, &size) != 0 {
                throw ZMQError.last("zmq_getsockopt", "ZMQ_LAST_ENDPOINT")
            }
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    // MARK: Options

    /// Applies a socket option.
    public func set(_ option: ZMQSocketOption) throws(ZMQError) {
        let socket = try open("zmq_setsockopt")
        let result: Int32
        switch option {
        case .sendHighWaterMark(let value): result = setInt(socket, ZMQ_SNDHWM, Int32(clamping: value))
        case .receiveHighWaterMark(let value): result = setInt(socket, ZMQ_RCVHWM, Int32(clamping: value))
        case .linger(let value): result = setInt(socket, ZMQ_LINGER, ZMQSocketOption.milliseconds(value))
        case .subscribe(let prefix): result = setString(socket, ZMQ_SUBSCRIBE, prefix)
        case .unsubscribe(let prefix): result = setString(socket, ZMQ_UNSUBSCRIBE, prefix)
        case .sendTimeout(let value): result = setInt(socket, ZMQ_SNDTIMEO, ZMQSocketOption.milliseconds(value))
        case .receiveTimeout(let value): result = setInt(socket, ZMQ_RCVTIMEO, ZMQSocketOption.milliseconds(value))
        case .routingID(let value): result = setString(socket, ZMQ_ROUTING_ID, value)
        case .routerMandatory(let value): result = setInt(socket, ZMQ_ROUTER_MANDATORY, value ? 1 : 0)
        case .xpubVerbose(let value): result = setInt(socket, ZMQ_XPUB_VERBOSE, value ? 1 : 0)
        case .immediate(let value): result = setInt(socket, ZMQ_IMMEDIATE, value ? 1 : 0)
        case .heartbeatInterval(let value):
            result = setInt(socket, ZMQ_HEARTBEAT_IVL, ZMQSocketOption.milliseconds(value))
        case .heartbeatTimeout(let value):
            result = setInt(socket, ZMQ_HEARTBEAT_TIMEOUT, ZMQSocketOption.milliseconds(value))
        case .heartbeatTTL(let value):
            result = setInt(socket, ZMQ_HEARTBEAT_TTL, ZMQSocketOption.milliseconds(value))
        case .curveServer(let secretKey):
            let first = setInt(socket, ZMQ_CURVE_SERVER, 1)
            result = first != 0 ? first : setString(socket, ZMQ_CURVE_SECRETKEY, secretKey)
        case .curveClient(let serverPublicKey, let publicKey, let secretKey):
            var step = setString(socket, ZMQ_CURVE_SERVERKEY, serverPublicKey)
            if step == 0 { step = setString(socket, ZMQ_CURVE_PUBLICKEY, publicKey) }
            if step == 0 { step = setString(socket, ZMQ_CURVE_SECRETKEY, secretKey) }
            result = step
        case .ipv6(let value): result = setInt(socket, ZMQ_IPV6, value ? 1 : 0)
        case .maximumMessageSize(let value):
            var size = Int64(value)
            result = zmq_setsockopt(socket, ZMQ_MAXMSGSIZE, &size, MemoryLayout<Int64>.size)
        }
        if result != 0 { throw ZMQError.last("zmq_setsockopt", option.description) }
    }

    private func setInt(_ socket: UnsafeMutableRawPointer, _ name: Int32, _ value: Int32) -> Int32 {
        var value = value
        return zmq_setsockopt(socket, name, &value, MemoryLayout<Int32>.size)
    }

    private func setString(_ socket: UnsafeMutableRawPointer, _ name: Int32, _ value: String) -> Int32 {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBytes { zmq_setsockopt(socket, name, $0.baseAddress, $0.count) }
    }

    // MARK: Sending

    /// Sends one frame. With `more`, the next send continues the same multipart message.
    ///
    /// - Returns: `false` if `dontWait` is set and the message could not be queued now
    ///   (``ZMQError/Code/tryAgain``); `true` once queued.
    @discardableResult
    public func send(_ bytes: UnsafeRawBufferPointer, more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let socket = try open("zmq_send")
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        while true {
            if zmq_send(socket, bytes.baseAddress, bytes.count, flags) >= 0 { return true }
            let error = ZMQError.last("zmq_send", "\(type) socket")
            if error.code == .interrupted { continue }
            if error.code == .tryAgain && dontWait { return false }
            throw error
        }
    }

    /// Sends one frame holding `bytes`.
    @discardableResult
    public func send(_ bytes: [UInt8], more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ZMQError) -> Bool in try send(buffer, more: more, dontWait: dontWait) }
        }
        return try result.get()
    }

    /// Sends the frame held in `message` without copying it; `message` is left empty, ready to
    /// be reused (for example to forward a received frame).
    ///
    /// - Returns: `false` if `dontWait` is set and the frame could not be queued now (the message
    ///   then still holds it).
    @discardableResult
    public func send(_ message: ZMQMessage, more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let socket = try open("zmq_msg_send")
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        while true {
            if zmq_msg_send(message.pointer, socket, flags) >= 0 { return true }
            let error = ZMQError.last("zmq_msg_send", "\(type) socket")
            if error.code == .interrupted { continue }
            if error.code == .tryAgain && dontWait { return false }
            throw error
        }
    }

    /// Sends a whole multipart message. libzmq delivers multipart messages atomically: all
    /// frames or none.
    ///
    /// - Returns: `false` if `dontWait` is set and the first frame could not be queued now.
    @discardableResult
    public func send(multipart frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        precondition(!frames.isEmpty, "a message has at least one frame")
        for (index, frame) in frames.enumerated() {
            let isLast = index == frames.count - 1
            // Only the first frame may be refused; once it is queued the rest always are.
            let queued = try send(frame, more: !isLast, dontWait: dontWait && index == 0)
            if !queued { return false }
        }
        return true
    }

    // MARK: Receiving

    /// Receives one frame into `message`, replacing what it held.
    ///
    /// - Returns: `false` if `dontWait` is set (or a receive timeout expired) and nothing was there.
    @discardableResult
    public func receive(into message: ZMQMessage, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let socket = try open("zmq_msg_recv")
        while true {
            if zmq_msg_recv(message.pointer, socket, dontWait ? ZMQ_DONTWAIT : 0) >= 0 { return true }
            let error = ZMQError.last("zmq_msg_recv", "\(type) socket")
            if error.code == .interrupted { continue }
            if error.code == .tryAgain { return false }
            throw error
        }
    }

    /// Receives a whole multipart message as copied frames.
    ///
    /// - Returns: `nil` if `dontWait` is set (or a receive timeout expired) and nothing was there.
    public func receiveMultipart(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        let message = ZMQMessage()
        guard try receive(into: message, dontWait: dontWait) else { return nil }
        var frames = [message.bytes]
        while message.hasMore {
            // The rest of a multipart message is already here: libzmq delivers it atomically.
            try receive(into: message)
            frames.append(message.bytes)
        }
        return frames
    }
}
