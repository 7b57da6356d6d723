import Foundation
import TenetBenchSupport
import TenetBus
import TenetIngestProtocol
import TenetModels

/// Events sent to ingest at a steady rate on top of a loaded history, while a subscriber on the
/// bus receives the metric events (`metric.`): for each batch, the latency from its
/// acknowledgement (ingest's reply, which carries the store's `last_seq` after the commit) to the
/// first metric event whose `last_seq` includes it; and beside it, the reference: ingest's own
/// latency from sending the batch to its acknowledgement.
///
/// One thread polls both sockets, so that every instant is read on one clock. Batches leave on a
/// fixed schedule (`batch` events every `batch / rate` seconds, not drifting), several in flight.
/// The events are new conversations with `at` = now (opened, a customer message, an agent reply,
/// solved; teams a and b, channels chat and email), so that the standing series change.
struct LiveLoad {
    var ingest: String
    var subscribe: String
    var rate: Int
    var seconds: Double
    var batch: Int
    var round: Int
    /// Events already stored: the first batch's sequence numbers follow them.
    var historyEvents: Int

    struct Outcome {
        var measurements: [RunMeasurement]
        /// The store's last sequence number after the last batch.
        var lastSeq: Int64
    }

    private struct Sent {
        var at: ContinuousClock.Instant
        var events: Int
    }

    private struct Acknowledged {
        var sent: ContinuousClock.Instant
        var acknowledged: ContinuousClock.Instant
        var lastSeq: Int64
    }

    private struct LastSeq: Decodable {
        var lastSeq: Int64
        enum CodingKeys: String, CodingKey { case lastSeq = "last_seq" }
    }

    func run(context: ZMQContext) throws -> Outcome {
        let clock = ContinuousClock()
        let subscriber = try ZMQSocket(context: context, type: .sub)
        defer { subscriber.close() }
        try subscriber.set(.subscribe(BusTopic.metrics))
        try subscriber.connect(subscribe)
        let client = try BusRequestClient(context: context, endpoint: ingest, sender: "tenet-metrics-bench-live")
        defer { client.close() }
        // Let the subscription reach the bus, and drop what was published before.
        usleep(500_000)
        while (try? subscriber.receiveMultipart(dontWait: true)) ?? nil != nil {}

        let batches = max(1, Int(seconds * Double(rate)) / batch)
        let interval = Duration.seconds(Double(batch) / Double(rate))
        var inFlight: [String: Sent] = [:]
        var acknowledged: [Acknowledged] = []
        var published: [(at: ContinuousClock.Instant, lastSeq: Int64)] = []
        var conversation = 0
        var pending: [String] = []
        var sentBatches = 0
        let started = clock.now
        var next = started

        func drain() throws {
            let now = clock.now
            while let frames = try subscriber.receiveMultipart(dontWait: true) {
                guard let message = try? BusMessage(frames: frames), let seq = try? message.decodeBody(LastSeq.self) else { continue }
                published.append((now, seq.lastSeq))
            }
        }

        while sentBatches < batches || client.pendingCount > 0 {
            if sentBatches < batches && clock.now >= next {
                // A conversation's events may straddle two batches: its later events come a batch later.
                let instant = Timestamp.now().nanosecondsSinceEpoch
                while pending.count < batch {
                    pending += Self.conversation(conversation, round: round, at: instant)
                    conversation += 1
                }
                let lines = Array(pending.prefix(batch))
                pending.removeFirst(batch)
                let body = LinesRequest(source: "live-\(round)", firstLine: sentBatches * batch + 1, lines: lines).jsonBytes()
                let id = try client.send(IngestMethod.lines.rawValue, rawBody: body, timeout: .seconds(30))
                inFlight[id] = Sent(at: clock.now, events: lines.count)
                sentBatches += 1
                next += interval
                continue
            }
            var poller = ZMQPoller()
            poller.addReadable(client.socket)
            poller.addReadable(subscriber)
            let wait = sentBatches < batches ? max(.zero, clock.now.duration(to: next)) : Duration.milliseconds(100)
            _ = try poller.poll(timeout: wait)
            try drain()
            for completion in try client.collect() {
                guard let sent = inFlight.removeValue(forKey: completion.id) else { continue }
                let reply = try completion.result.get()
                let report = try reply.decodeBody(IngestReport.self)
                guard report.accepted == sent.events, report.isClean else {
                    throw BenchmarkError(code: .checkFailed, message: "ingest accepted \(report.accepted) of \(sent.events) live events: \(report.errors.prefix(3))")
                }
                acknowledged.append(Acknowledged(sent: sent.at, acknowledged: clock.now, lastSeq: report.lastSeq))
            }
        }
        let sendSeconds = (clock.now - started).seconds
        let lastSeq = acknowledged.map(\.lastSeq).max() ?? 0
        // Wait for the metric event that includes the last batch (30 s at most).
        let deadline = clock.now + .seconds(30)
        while (published.last?.lastSeq ?? 0) < lastSeq && clock.now < deadline {
            var poller = ZMQPoller()
            poller.addReadable(subscriber)
            _ = try poller.poll(timeout: .milliseconds(100))
            try drain()
        }
        let sentEvents = acknowledged.count * batch
        guard lastSeq == Int64(historyEvents + sentEvents) else {
            throw BenchmarkError(code: .checkFailed, message: "the last acknowledgement carries last_seq \(lastSeq), expected \(historyEvents) + \(sentEvents)")
        }

        // For each batch: the first metric event (in time) whose last_seq includes it.
        var prefixMax: [Int64] = []
        prefixMax.reserveCapacity(published.count)
        for entry in published { prefixMax.append(max(prefixMax.last ?? 0, entry.lastSeq)) }
        var metricLatencies: [Double] = []
        var unmatched = 0
        for ack in acknowledged {
            var low = 0
            var high = prefixMax.count
            while low < high {
                let middle = (low + high) / 2
                if prefixMax[middle] >= ack.lastSeq { high = middle } else { low = middle + 1 }
            }
            if low < published.count {
                metricLatencies.append((published[low].at - ack.acknowledged).seconds)
            } else {
                unmatched += 1
            }
        }
        guard unmatched == 0 else {
            throw BenchmarkError(code: .checkFailed, message: "\(unmatched) of \(acknowledged.count) batches never appeared in a metric event within 30 s")
        }
        let ackLatencies = acknowledged.map { ($0.acknowledged - $0.sent).seconds }
        let achieved = Double(sentEvents) / sendSeconds
        // Publications come in bursts (one event per changed series): a burst is the metric events
        // within 5 ms of its first; the mean time between bursts shows how the plugin coalesces.
        var bursts: [ContinuousClock.Instant] = []
        for entry in published where bursts.last.map({ entry.at - $0 > .milliseconds(5) }) ?? true { bursts.append(entry.at) }
        let burstInterval = bursts.count > 1 ? (bursts.last! - bursts.first!).seconds / Double(bursts.count - 1) : 0
        let settings: [String: String] = [
            "bursts": String(bursts.count), "burst_interval": String(burstInterval),
            "rate": String(rate), "batch": String(batch), "seconds": String(seconds), "achieved_rate": String(achieved),
            "metric_events": String(published.count), "history": String(historyEvents),
        ]
        func measurement(_ subject: String, _ values: [Double], check: String) -> RunMeasurement {
            let sorted = values.sorted()
            var values = settings
            values["p50"] = String(Self.percentile(sorted, 0.50))
            values["p99"] = String(Self.percentile(sorted, 0.99))
            values["max"] = String(sorted.last ?? 0)
            values["min"] = String(sorted.first ?? 0)
            return RunMeasurement(
                suite: Suite.metrics, subject: subject, variant: "latency", run: round, count: sorted.count,
                seconds: Self.percentile(sorted, 0.99), rate: achieved, unit: "s", check: check, settings: values)
        }
        return Outcome(
            measurements: [
                measurement(
                    Subject.metricLatency, metricLatencies,
                    check: "every one of \(acknowledged.count) batches (\(sentEvents) events, all accepted) appeared in a metric event"),
                measurement(
                    Subject.ackLatency, ackLatencies, check: "every batch acknowledged with accepted = its size, last_seq \(lastSeq) at the end"),
            ],
            lastSeq: lastSeq)
    }

    /// The percentile `p` (0…1) of sorted values, interpolated linearly between order statistics.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = p * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }

    /// The four events of live conversation `index`, at `at` and a few milliseconds later.
    static func conversation(_ index: Int, round: Int, at: Int64) -> [String] {
        let name = "live-\(round)-\(index)"
        let team = index % 2 == 0 ? "a" : "b"
        let channel = (index / 2) % 2 == 0 ? "chat" : "email"
        func time(_ milliseconds: Int64) -> String { Timestamp(nanosecondsSinceEpoch: at + milliseconds * 1_000_000).rfc3339 }
        let common = #""conversation":"\#(name)","channel":"\#(channel)","team":"\#(team)""#
        return [
            #"{"id":"\#(name)-1","type":"conversation.opened","at":"\#(time(0))",\#(common)}"#,
            #"{"id":"\#(name)-2","type":"message.created","at":"\#(time(1))",\#(common),"author":"customer","public":true}"#,
            #"{"id":"\#(name)-3","type":"message.created","at":"\#(time(2))",\#(common),"author":"agent","public":true,"agent":"\#(team)-agent-1"}"#,
            #"{"id":"\#(name)-4","type":"status.changed","at":"\#(time(3))",\#(common),"status":"solved"}"#,
        ]
    }
}
