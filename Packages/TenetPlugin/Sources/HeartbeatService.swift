import ServiceLifecycle
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

/// Publishes `sys.heartbeat.<name>` every interval until graceful shutdown.
struct HeartbeatService: Service {
    let outbox: BusOutbox
    let name: String
    let interval: Duration

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        try await cancelWhenGracefulShutdown { [outbox, name, interval] in
            var count: UInt64 = 0
            while !Task.isCancelled {
                count += 1
                let uptime = started.duration(to: clock.now)
                let body = HeartbeatBody(
                    pid: getpid(), uptimeSeconds: Double(uptime.components.seconds)
                        + Double(uptime.components.attoseconds) / 1e18, count: count)
                try await outbox.publish(topic: BusTopic.heartbeat(name), type: BusMessageType.heartbeat, body: body)
                // Cancellation (graceful shutdown) ends the sleep early; the loop then ends.
                try? await Task.sleep(for: interval)
            }
        }
    }
}
