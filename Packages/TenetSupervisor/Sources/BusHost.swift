import Foundation
import Synchronization
import TenetBus

/// Hosts the event bus: an XSUB/XPUB proxy (many publishers, many subscribers) on a thread of
/// its own, forwarding in libzmq's C loop. An optional bridge re-publishes the stream on a TCP
/// endpoint for external tools, with CurveZMQ when asked.
final class BusHost: Sendable {
    private let context: ZMQContext
    private let controlEndpoint: String
    private let bridgeControlEndpoint: String
    private let threads: Mutex<[OwnerThread]> = Mutex([])
    /// The TCP endpoint actually bound (a `*` port resolved), if any.
    let tcpEndpoint: String?

    /// Binds the bus and starts forwarding. Throws if an endpoint cannot be bound.
    init(
        context: ZMQContext, publish: String, subscribe: String, tcp: String?, curve: CurveKeyPair?,
        highWaterMark: Int
    ) throws(SupervisorError) {
        self.context = context
        let suffix = MessageStamper.randomInstance()
        controlEndpoint = "inproc://tenet-bus-control-\(suffix)"
        bridgeControlEndpoint = "inproc://tenet-bridge-control-\(suffix)"
        try Self.startProxy(
            threads: threads, context: context, control: controlEndpoint, name: "tenet-bus",
            frontend: { () throws(ZMQError) -> ZMQSocket in
                let socket = try ZMQSocket(context: context, type: .xsub)
                try socket.set(.receiveHighWaterMark(highWaterMark))
                try socket.bind(publish)
                return socket
            },
            backend: { () throws(ZMQError) -> (ZMQSocket, String?) in
                let socket = try ZMQSocket(context: context, type: .xpub)
                try socket.set(.sendHighWaterMark(highWaterMark))
                try socket.bind(subscribe)
                return (socket, nil)
            })
        guard let tcp else {
            tcpEndpoint = nil
            return
        }
        tcpEndpoint = try Self.startProxy(
            threads: threads, context: context, control: bridgeControlEndpoint, name: "tenet-bus-tcp",
            frontend: { () throws(ZMQError) -> ZMQSocket in
                let socket = try ZMQSocket(context: context, type: .xsub)
                try socket.set(.receiveHighWaterMark(highWaterMark))
                try socket.connect(subscribe)
                return socket
            },
            backend: { () throws(ZMQError) -> (ZMQSocket, String?) in
                let socket = try ZMQSocket(context: context, type: .xpub)
                try socket.set(.sendHighWaterMark(highWaterMark))
                if tcp.hasPrefix("[") { try socket.set(.ipv6(true)) }
                try socket.set(.heartbeatInterval(.seconds(5)))
                try socket.set(.heartbeatTimeout(.seconds(15)))
                if let curve { try socket.set(.curveServer(secretKey: curve.secretKey)) }
                try socket.bind("tcp://" + Self.bindableAddress(tcp))
                return (socket, try socket.lastEndpoint)
            })
    }

    /// `address` as ZeroMQ can bind it: ZeroMQ binds interfaces and addresses, not host names,
    /// so `localhost:PORT` becomes the IPv4 loopback `127.0.0.1:PORT`.
    static func bindableAddress(_ address: String) -> String {
        guard let colon = address.lastIndex(of: ":"), address[..<colon] == "localhost" else { return address }
        return "127.0.0.1" + address[colon...]
    }

    /// Stops forwarding and waits for the proxy threads to close their sockets.
    func stop() {
        for endpoint in [controlEndpoint, bridgeControlEndpoint] {
            guard let socket = try? ZMQSocket(context: context, type: .pair) else { continue }
            if (try? socket.connect(endpoint)) != nil {
                _ = try? socket.send(Array("TERMINATE".utf8), dontWait: true)
            }
            socket.close()
        }
        for thread in threads.withLock({ $0 }) { thread.join() }
    }

    /// Starts one proxy thread; returns the backend's resolved endpoint once bound.
    @discardableResult
    private static func startProxy(
        threads: borrowing Mutex<[OwnerThread]>, context: ZMQContext, control: String, name: String,
        frontend: @escaping @Sendable () throws(ZMQError) -> ZMQSocket,
        backend: @escaping @Sendable () throws(ZMQError) -> (ZMQSocket, String?)
    ) throws(SupervisorError) -> String? {
        do {
            let (thread, endpoint) = try OwnerThread.start(name: name) { (starter: OwnerThread.Starter<String?>) in
                let sockets: (ZMQSocket, ZMQSocket, ZMQSocket)
                do throws(ZMQError) {
                    let controlSocket = try ZMQSocket(context: context, type: .pair)
                    try controlSocket.bind(control)
                    let front = try frontend()
                    let (back, endpoint) = try backend()
                    sockets = (front, back, controlSocket)
                    starter.ready(endpoint)
                } catch {
                    starter.failed(error)
                    return
                }
                try? ZMQProxy.run(frontend: sockets.0, backend: sockets.1, control: sockets.2)
                sockets.0.close()
                sockets.1.close()
                sockets.2.close()
            }
            threads.withLock { $0.append(thread) }
            return endpoint
        } catch {
            throw SupervisorError(code: .bus, message: "cannot host the event bus: \(error)")
        }
    }
}
