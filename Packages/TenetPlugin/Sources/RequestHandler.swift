import TenetBus

/// What a plugin does with the requests that reach its endpoint, driven by ``RequestServer``.
///
/// A handler lives on the server's thread and is used by it alone, so it may own sockets and
/// other single-owner resources (a database, a ``BusRequestClient`` to another plugin). Every
/// turn of the server's loop reads at most ``capacity`` waiting requests (and never more than
/// the server's batch size), hands them over in arrival order to ``handle(_:replier:)``, then
/// calls ``turn(replier:)``. A handler may answer a request at once or later (after another
/// plugin answered it), but must answer each exactly once.
public protocol RequestHandler: AnyObject {
    /// Sockets the server also polls, so that a turn happens when one of them is readable
    /// (the socket of a ``BusRequestClient`` whose replies complete deferred requests).
    var extraSockets: [ZMQSocket] { get }

    /// How many more requests the handler takes this turn. Requests beyond it stay queued in
    /// ZeroMQ, fairly shared between peers, until a later turn.
    var capacity: Int { get }

    /// Handles the requests read this turn.
    func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws

    /// Called once per turn after ``handle(_:replier:)``, also when no request came: for
    /// replies from other plugins, deadlines and periodic work. Returns how long the server may
    /// wait before the next turn at most (`nil`: the server's default).
    func turn(replier: BusReplier) throws -> Duration?

    /// Called once when the server stops at a graceful shutdown, after its last turn: for work
    /// that must not be lost (the metrics plugin writes its checkpoint). A slow shutdown is cut
    /// short by the supervisor's `stop_grace`.
    func shutdown() throws
}

extension RequestHandler {
    /// No other sockets.
    public var extraSockets: [ZMQSocket] { [] }
    /// As many as the server reads in one turn.
    public var capacity: Int { Int.max }
    /// Nothing to do between requests.
    public func turn(replier: BusReplier) throws -> Duration? { nil }
    /// Nothing to finish.
    public func shutdown() throws {}
}

/// Answers each request at once with a ``PluginRequestHandler`` closure: the handler behind
/// ``PluginRuntime/run(services:requests:)``.
final class ClosureRequestHandler: RequestHandler {
    private let answer: PluginRequestHandler

    init(_ answer: @escaping PluginRequestHandler) {
        self.answer = answer
    }

    func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests {
            switch answer(PluginRequest(method: request.method, message: request.message)) {
            case .body(let body): try replier.reply(to: request, rawBody: body)
            case .error(let error): try replier.fail(request, with: error)
            }
        }
    }
}
