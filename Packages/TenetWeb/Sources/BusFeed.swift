import Synchronization
import TenetBus

/// Reads the event bus on a thread of its own (a SUB socket has one owner) and hands each
/// `metric.*`, `alert.*`, `target.*` and `sla.*` message to a ``LiveHub`` as a server-sent event;
/// every ``keepAliveInterval`` it sends the hub a keep-alive comment. Publishing to the hub never
/// waits, so a slow browser cannot hold the bus reader up.
public final class BusFeed: Sendable {
    /// The topics forwarded.
    public static let topics = [BusTopic.metrics, BusTopic.alerts, "target.", "sla."]

    /// What the thread and its owner share.
    private final class Shared: Sendable {
        let stopping = Atomic<Bool>(false)
        let counters = Mutex((forwarded: 0, unreadable: 0))
    }

    private let thread: OwnerThread
    private let shared: Shared
    /// Bus messages forwarded so far.
    public var forwarded: Int { shared.counters.withLock { $0.forwarded } }
    /// Bus messages that could not be read (wrong frames or header).
    public var unreadable: Int { shared.counters.withLock { $0.unreadable } }

    /// Subscribes to `endpoint` and starts forwarding to `hub`.
    public init(context: ZMQContext, endpoint: String, hub: LiveHub, keepAliveInterval: Duration = .seconds(15)) throws {
        let shared = Shared()
        self.shared = shared
        let topics = Self.topics
        thread = try OwnerThread.start(name: "tenet-web-feed") { (starter: OwnerThread.Starter<Bool>) in
            let socket: ZMQSocket
            do throws(ZMQError) {
                socket = try ZMQSocket(context: context, type: .sub)
                for topic in topics { try socket.set(.subscribe(topic)) }
                try socket.connect(endpoint)
            } catch {
                starter.failed(error)
                return
            }
            defer { socket.close() }
            starter.ready(true)
            let clock = ContinuousClock()
            var nextKeepAlive = clock.now.advanced(by: keepAliveInterval)
            var poller = ZMQPoller()
            poller.addReadable(socket)
            while !shared.stopping.load(ordering: .acquiring) {
                let wait = min(Duration.milliseconds(100), max(.zero, clock.now.duration(to: nextKeepAlive)))
                guard (try? poller.poll(timeout: wait)) != nil else { return }
                while let frames = (try? socket.receiveMultipart(dontWait: true)) ?? nil {
                    guard let message = try? BusMessage(frames: frames), let event = ServerSentEvent.eventName(forTopic: message.topic) else {
                        shared.counters.withLock { $0.unreadable += 1 }
                        continue
                    }
                    hub.publish(ServerSentEvent.frame(event: event, data: message.body))
                    shared.counters.withLock { $0.forwarded += 1 }
                }
                if clock.now >= nextKeepAlive {
                    hub.publish(ServerSentEvent.keepAlive)
                    nextKeepAlive = clock.now.advanced(by: keepAliveInterval)
                }
            }
        }.thread
    }

    /// Stops the thread and closes its socket. Idempotent.
    public func stop() {
        shared.stopping.store(true, ordering: .releasing)
        thread.join()
    }
}
