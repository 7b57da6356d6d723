import Foundation
import Synchronization
import TenetBenchSupport
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

/// One run of the live-stream benchmark: a stack with the web plugin alone (`tenet up`), then two
/// phases in an order that alternates by round: `clients` stream clients connected at once, and
/// one client. In each, `messages` metric events are published on the event bus every
/// `interval`, each stamped with the publisher's monotonic clock; every client reads its
/// `/v1/stream` connection as it arrives, and a plain SUB socket on the bus reads the same
/// messages. A phase checks out when every client and the subscriber got every message.
struct FanOutRun {
    var bin: String
    var work: String
    var clients: Int
    var messages: Int
    var interval: Duration
    var round: Int

    /// The latencies of one phase.
    struct Phase {
        var clients: Int
        var seconds: Double
        /// Every client's latency for every message, in seconds.
        var latencies: [Double]
        /// Per message, the latency of the last client to read it.
        var lastClient: [Double]
        /// The bus subscriber's latencies.
        var bus: [Double]
        /// The web plugin's CPU seconds (user + system) from the first to the last measured message's delivery.
        var webCPU: Double?
    }

    func run() throws(BenchmarkError) -> [RunMeasurement] {
        let stackFile = work + "/web-stack.yaml"
        do {
            try """
                # The stack of tenet-web-bench (make bench): the web plugin alone; the benchmark publishes
                # the metric events itself.
                plugins:
                  - { name: web, command: \(bin)/tenet-web, order: 10, env: { TENET_WEB_HTTP: "127.0.0.1:0" } }

                """.write(toFile: stackFile, atomically: true, encoding: .utf8)
        } catch {
            throw BenchmarkError(code: .failed, message: "cannot write \(stackFile): \(error)")
        }
        let data = try BenchmarkStack.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let tenet = bin + "/tenet"
        let stack = BenchmarkStack(tenet: tenet, work: work, data: data)
        let supervisor = try ChildProcess(
            executable: tenet, arguments: ["up", "--stack", stackFile, "--data", data], output: work + "/web-up.out", errors: work + "/web-up.log")
        defer { stack.stop(supervisor) }
        // The web plugin answers no bus requests (its socket file never appears): running is ready.
        try stack.waitFor("web", state: "running")
        let status = try stack.status()
        let (port, token) = try Self.webAddress(data: data)
        guard let endpoints = FileManager.default.contents(atPath: data + "/endpoints.json"),
            let object = try? JSONSerialization.jsonObject(with: endpoints) as? [String: Any], let publish = object["publish"] as? String
        else { throw BenchmarkError(code: .failed, message: "\(data)/endpoints.json has no publish endpoint") }
        let subscribe = try stack.subscribeEndpoint()

        let context: ZMQContext
        let publisher: BusPublisher
        do {
            context = try ZMQContext()
            publisher = try BusPublisher(context: context, endpoint: publish, sender: "web-bench")
        } catch {
            throw BenchmarkError(code: .failed, message: "the bus: \(error)")
        }
        defer {
            publisher.close()
            context.terminate()
        }
        let reader = StreamReader()
        defer { reader.stop() }
        let subscriber = try BusReader(context: context, endpoint: subscribe, reader: reader)
        defer { subscriber.stop() }

        var driver = Driver(port: port, token: token, publisher: publisher, reader: reader, webPID: status.plugins["web"]?.pid)
        var phases: [Phase] = []
        for count in round % 2 == 1 ? [1, clients] : [clients, 1] {
            phases.append(try driver.phase(clients: count, messages: messages, interval: interval))
        }
        return measurements(phases)
    }

    /// The web plugin's port and token, from DATA/web.json and DATA/web.token.
    static func webAddress(data: String) throws(BenchmarkError) -> (port: Int, token: String) {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let bytes = FileManager.default.contents(atPath: data + "/web.json"),
                let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any], let url = object["http"] as? String,
                let port = url.split(separator: ":").last.flatMap({ Int($0.filter(\.isNumber)) }),
                let token = try? String(contentsOfFile: data + "/web.token", encoding: .utf8)
            {
                return (port, token.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            usleep(50_000)
        }
        throw BenchmarkError(code: .failed, message: "the web plugin wrote no \(data)/web.json within 30 s")
    }

    func measurements(_ phases: [Phase]) -> [RunMeasurement] {
        var result: [RunMeasurement] = []
        let common: [String: String] = [
            "messages": String(messages), "interval_ms": String(Double(interval.components.attoseconds) / 1e15 + Double(interval.components.seconds) * 1000),
        ]
        func summary(_ values: [Double]) -> [String: String] {
            let sorted = values.sorted()
            return [
                "p50_ms": String(Self.percentile(sorted, 0.50) * 1000), "p99_ms": String(Self.percentile(sorted, 0.99) * 1000),
                "max_ms": String((sorted.last ?? 0) * 1000), "min_ms": String((sorted.first ?? 0) * 1000),
                "within_100ms": String(Double(sorted.filter { $0 <= 0.1 }.count) / Double(max(1, sorted.count))),
            ]
        }
        for phase in phases {
            var settings = common.merging(summary(phase.latencies)) { $1 }
            let last = phase.lastClient.sorted()
            settings["last_client_p50_ms"] = String(Self.percentile(last, 0.50) * 1000)
            settings["last_client_p99_ms"] = String(Self.percentile(last, 0.99) * 1000)
            settings["last_client_max_ms"] = String((last.last ?? 0) * 1000)
            settings["clients"] = String(phase.clients)
            if let cpu = phase.webCPU { settings["web_cpu_ms_per_message"] = String(cpu * 1000 / Double(messages)) }
            let fanOut = phase.clients > 1
            result.append(
                RunMeasurement(
                    suite: Suite.web, subject: fanOut ? Subject.streamFanOut : Subject.streamOne,
                    variant: "\(phase.clients) client\(phase.clients == 1 ? "" : "s")", run: round, count: phase.latencies.count,
                    seconds: phase.seconds, rate: Double(phase.latencies.count) / phase.seconds, unit: "deliveries/s",
                    check: "each of the \(messages) messages read once by every connected client and by the bus subscriber, none lost",
                    settings: settings))
            if fanOut {
                result.append(
                    RunMeasurement(
                        suite: Suite.web, subject: Subject.busSubscriber, variant: "during \(phase.clients) clients", run: round,
                        count: phase.bus.count, seconds: phase.seconds, rate: Double(phase.bus.count) / phase.seconds, unit: "deliveries/s",
                        check: "each of the \(messages) messages read once", settings: common.merging(summary(phase.bus)) { $1 }))
            }
        }
        return result
    }

    /// The percentile `p` (0…1) of sorted values, interpolated linearly between order statistics.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = p * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }
}

/// Connects and disconnects clients, publishes, and collects a phase's deliveries.
struct Driver {
    let port: Int
    let token: String
    let publisher: BusPublisher
    let reader: StreamReader
    let webPID: Int32?
    var connected: [Int] = []
    var nextClient = 0
    var nextSeq = 0

    /// Brings the number of connected clients to `count`, warms up until every one (and the bus
    /// subscriber) reads a message and the plugin counts exactly `count` clients, then publishes
    /// `messages` stamped messages every `interval` and waits until every client read them all.
    mutating func phase(clients count: Int, messages: Int, interval: Duration) throws(BenchmarkError) -> FanOutRun.Phase {
        while connected.count < count {
            let (fd, rest) = try StreamConnection.open(port: port, token: token)
            reader.add(client: nextClient, fd: fd, rest: rest)
            connected.append(nextClient)
            nextClient += 1
        }
        while connected.count > count { reader.remove(client: connected.removeLast()) }
        let members = Set(connected)

        // Warm-up: the bus subscriber and every client read a message, and the plugin has
        // noticed the connections closed by a previous phase.
        let warmFrom = nextSeq
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            try publish()
            usleep(50_000)
            let readers = Set(reader.deliveries.filter { $0.seq >= warmFrom }.map(\.client))
            if readers.isSuperset(of: members.union([StreamReader.busClient])), try streamClients() == count { break }
            guard ContinuousClock.now < deadline else {
                throw BenchmarkError(code: .failed, message: "warm-up: after 30 s, \(readers.count) of \(count) clients and the bus read a message")
            }
        }
        usleep(200_000)

        // Measured messages, on a fixed schedule.
        let first = nextSeq
        let cpuBefore = webPID.flatMap(ProcessCPU.seconds(of:))
        let started = monotonicNanoseconds()
        let step = Int64(interval.components.seconds) * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
        for index in 0..<messages {
            let due = started + Int64(index) * step
            let wait = due - monotonicNanoseconds()
            if wait > 0 { usleep(UInt32(wait / 1000)) }
            try publish()
        }
        let range = first..<nextSeq
        let expected = messages * (count + 1)
        let end = ContinuousClock.now + .seconds(10)
        var deliveries: [Delivery] = []
        while ContinuousClock.now < end {
            deliveries = reader.deliveries.filter { range.contains($0.seq) && ($0.client == StreamReader.busClient || members.contains($0.client)) }
            if deliveries.count >= expected { break }
            usleep(20_000)
        }
        let seconds = Double(monotonicNanoseconds() - started) / 1e9
        let cpuAfter = webPID.flatMap(ProcessCPU.seconds(of:))
        let unique = Set(deliveries.map { "\($0.client)/\($0.seq)" })
        guard deliveries.count == expected, unique.count == expected else {
            let closed = reader.closedByServer.intersection(members)
            throw BenchmarkError(
                code: .checkFailed,
                message: "\(count) clients: \(unique.count) of \(expected) deliveries (\(deliveries.count) read), \(closed.count) connections closed by the plugin")
        }
        let stream = deliveries.filter { $0.client != StreamReader.busClient }
        var last: [Int: Int64] = [:]
        for delivery in stream { last[delivery.seq] = max(last[delivery.seq] ?? 0, delivery.received - delivery.sent) }
        return FanOutRun.Phase(
            clients: count, seconds: seconds, latencies: stream.map { Double($0.received - $0.sent) / 1e9 },
            lastClient: last.values.map { Double($0) / 1e9 },
            bus: deliveries.filter { $0.client == StreamReader.busClient }.map { Double($0.received - $0.sent) / 1e9 },
            webCPU: cpuBefore.flatMap { before in cpuAfter.map { $0 - before } })
    }

    private mutating func publish() throws(BenchmarkError) {
        let seq = nextSeq
        nextSeq += 1
        do {
            _ = try publisher.publish(topic: "metric.bench_fan_out", type: "metric", rawBody: BenchMessage.body(seq: seq, sent: monotonicNanoseconds()))
        } catch {
            throw BenchmarkError(code: .failed, message: "publishing on the bus: \(error)")
        }
    }

    /// `tenet_web_stream_clients` from the plugin's `/metrics`.
    private func streamClients() throws(BenchmarkError) -> Int? {
        let text = try StreamConnection.get(port: port, path: "/metrics", token: token)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("tenet_web_stream_clients ") }) else { return nil }
        return Int(Double(line.split(separator: " ").last ?? "") ?? -1)
    }
}

/// A plain SUB socket on the event bus, read on a thread of its own: the reference every stream
/// client's latency includes (the bus hop from the publisher to the web plugin's feed).
final class BusReader: Sendable {
    private final class Flags: Sendable {
        let stopping = Atomic<Bool>(false)
        let finished = Atomic<Bool>(false)
        /// 0 starting, 1 subscribed, 2 failed.
        let ready = Atomic<Int>(0)
    }

    private let flags = Flags()

    init(context: ZMQContext, endpoint: String, reader: StreamReader) throws(BenchmarkError) {
        let flags = flags
        let thread = Thread {
            defer { flags.finished.store(true, ordering: .releasing) }
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context: context, type: .sub)
                try socket.set(.subscribe("metric.bench_fan_out"))
                try socket.set(.receiveTimeout(.milliseconds(50)))
                try socket.connect(endpoint)
            } catch {
                flags.ready.store(2, ordering: .releasing)
                return
            }
            defer { socket.close() }
            flags.ready.store(1, ordering: .releasing)
            while !flags.stopping.load(ordering: .acquiring) {
                guard let frames = try? socket.receiveMultipart(), let message = try? BusMessage(frames: frames) else { continue }
                let now = monotonicNanoseconds()
                var body = message.body
                let found = BenchMessage.take(from: &body)
                reader.record(found.map { Delivery(client: StreamReader.busClient, seq: $0.seq, sent: $0.sent, received: now) })
            }
        }
        thread.name = "bus-reader"
        thread.start()
        while flags.ready.load(ordering: .acquiring) == 0 { usleep(1_000) }
        if flags.ready.load(ordering: .acquiring) == 2 {
            throw BenchmarkError(code: .failed, message: "cannot subscribe to \(endpoint)")
        }
    }

    /// Stops the thread (it closes its socket).
    func stop() {
        flags.stopping.store(true, ordering: .releasing)
        while !flags.finished.load(ordering: .acquiring) { usleep(5_000) }
    }
}
