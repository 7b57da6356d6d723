/// Where a plugin that reads the philosophy hears `tenet reload`: a SUB socket on the event bus
/// subscribed to `sys.philosophy.reload` (docs/PHILOSOPHY.md, "Reloading"). The metrics and
/// rules plugins share it, so a new plugin that reads the philosophy does not write it again.
/// One owner, like its socket.
public final class ReloadRequests {
    /// The most messages read in one call: a flood of reload requests costs one re-read a turn
    /// and never keeps the owner from its other work.
    public static let messagesPerCall = 64

    /// The socket, for the owner's poller (a request makes it readable).
    public let socket: ZMQSocket

    /// Subscribes to reload requests on the bus at `subscribeEndpoint`.
    public init(context: ZMQContext, subscribeEndpoint: String) throws(ZMQError) {
        socket = try ZMQSocket(context: context, type: .sub)
        try socket.set(.subscribe(BusTopic.philosophyReload))
        try socket.connect(subscribeEndpoint)
    }

    /// Reads at most ``messagesPerCall`` waiting messages without blocking; whether any of them
    /// asked for a reload.
    public func requested() -> Bool {
        var requested = false
        for _ in 0..<Self.messagesPerCall {
            guard let frames = try? socket.receiveMultipart(dontWait: true) else { break }
            if let message = try? BusMessage(frames: frames), message.topic == BusTopic.philosophyReload { requested = true }
        }
        return requested
    }

    /// Closes the socket. Idempotent.
    public func close() {
        socket.close()
    }
}
