import TenetBus

/// The one request server: binds a plugin's ROUTER endpoint and drives a ``RequestHandler``
/// in bounded turns on a thread of its own.
///
/// Each turn waits until the endpoint or one of the handler's extra sockets is readable (or a
/// short interval passes, so that a stop is noticed), reads at most ``maximumBatch`` requests
/// (fewer if the handler's ``RequestHandler/capacity`` says so) and hands them over together,
/// so that a handler can batch them (the store commits many producers' appends in one
/// transaction). No turn does unbounded work, however many requests wait: a flood slows the
/// answers down but never starves the rest of the process.
///
/// Requests larger than ``maximumMessageSize`` are refused by ZeroMQ itself (the peer is
/// disconnected before the message is read into memory), so no request can exhaust memory.
public struct RequestServer: Sendable {
    /// The most requests read in one turn by default.
    public static let defaultBatch = 512
    /// The largest request accepted by default: 64 MiB of body, plus room for the header.
    public static let defaultMaximumMessageSize = (64 << 20) + (64 << 10)

    /// The ZeroMQ context the endpoint's socket is made in.
    public let context: ZMQContext
    /// Where the ROUTER binds.
    public let endpoint: String
    /// The `sender` replies carry.
    public let name: String
    /// The most requests read in one turn.
    public var maximumBatch: Int
    /// The largest request message accepted, in bytes.
    public var maximumMessageSize: Int
    /// How long a turn waits for input before checking for a stop.
    public var idleInterval: Duration = .milliseconds(100)

    /// Creates a server for `endpoint`, replying as `name`.
    public init(
        context: ZMQContext, endpoint: String, name: String, maximumBatch: Int = RequestServer.defaultBatch,
        maximumMessageSize: Int = RequestServer.defaultMaximumMessageSize
    ) {
        self.context = context
        self.endpoint = endpoint
        self.name = name
        self.maximumBatch = max(1, maximumBatch)
        self.maximumMessageSize = maximumMessageSize
    }

    /// Serves `handler` until `stop` is raised (then calls its ``RequestHandler/shutdown()``) or
    /// the context shuts down. Blocks the calling thread.
    public func run(_ handler: any RequestHandler, until stop: StopSignal) throws {
        let replier = try BusReplier(context: context, endpoint: endpoint, sender: name, maximumMessageSize: maximumMessageSize)
        defer { replier.close() }
        var poller = ZMQPoller()
        poller.addReadable(replier.socket)
        for socket in handler.extraSockets { poller.addReadable(socket) }
        var wait = idleInterval
        while !stop.isRaised {
            do {
                _ = try poller.poll(timeout: wait)
                var requests: [BusReplier.Request] = []
                let budget = min(maximumBatch, max(0, handler.capacity))
                while requests.count < budget, let request = try replier.nextRequest() {
                    requests.append(request)
                }
                if !requests.isEmpty { try handler.handle(requests, replier: replier) }
                wait = min(idleInterval, try handler.turn(replier: replier) ?? idleInterval)
                // A full batch suggests more are waiting: take the next turn at once.
                if budget > 0 && requests.count == budget { wait = .zero }
            } catch let error as ZMQError where error.code == .contextTerminated {
                return
            }
        }
        try handler.shutdown()
    }

    /// A service that runs this server on a thread named `name`, with the handler `make`
    /// creates on that thread (so the handler's resources belong to it from the start).
    public func service(name threadName: String, make: @escaping @Sendable () throws -> any RequestHandler) -> BlockingService {
        let server = self
        return BlockingService(name: threadName) { stop in
            try server.run(try make(), until: stop)
        }
    }
}
