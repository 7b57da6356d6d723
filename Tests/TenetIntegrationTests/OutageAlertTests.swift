import Foundation
import TenetBus
import Testing

/// The simulator's outage scenario through the real stack (store, ingest, metrics, rules): the
/// first-response alert fires, and the SLA clocks of the outage warn before the first breach.
///
/// The simulated center follows the organisation's zone; the test picks a fixed-offset zone in
/// which the run's last hour is early afternoon, and opens every team around the clock, so that
/// the center is busy and staffed whatever the time, the weekday or the holiday the test runs on. The rule looks at the current day (not the hour), so a
/// slow machine crossing an hour boundary while it catches up still sees the outage.
@Suite("Outage raises the alerts", .serialized)
struct OutageAlertTests {
    static let alerts = """
        alerts:
          - name: FirstResponseSlipping
            metric: first_response_time
            stat: p90
            period: day
            where: { channel: [chat, social] }
            condition: "> 20m"
            severity: critical
            annotations:
              summary: "p90 first response to chats and social posts is {{ value }}"

        """

    /// A fixed-offset zone in which `now` falls in the 13:00 hour.
    static func zone(now: Date) -> String {
        let hour = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now).hour ?? 0
        let west = hour - 13
        if west == 0 { return "UTC" }
        return west > 0 ? "Etc/GMT+\(west)" : "Etc/GMT\(west)"
    }

    /// The example philosophy in `zone`, its alerts replaced by ``alerts`` (and no notifiers).
    static func philosophy(zone: String) throws -> String {
        let example = try String(contentsOfFile: TestPaths.repository + "/philosophy.example.yaml", encoding: .utf8)
        let head = try #require(example.range(of: "\nalerts:")).lowerBound
        var zoned = example[..<head].replacingOccurrences(of: "  zone: Europe/Berlin          #", with: "  zone: \(zone)          #")
        #expect(zoned.contains("zone: \(zone)"))
        // Every team open around the clock: the example's opening hours (Berlin, Monday to
        // Saturday, holidays) would close the simulated center on evenings, Sundays and holidays
        // in Berlin whatever the organisation's zone, and the outage would get no answers.
        let coverage = """
            coverage:
              - { where: { channel: [phone] }, schedule: phone-line }
              - { where: { team: [sales] }, schedule: us-sales }
              - { where: { team: [support] }, schedule: support-hours }
              - { schedule: always }
            """
        #expect(zoned.contains(coverage))
        zoned = zoned.replacingOccurrences(of: coverage, with: "coverage:\n  - { schedule: always }")
        return zoned + "\n" + alerts
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    @Test func theOutageRaisesTheFirstResponseAlertAndSLAWarningsBeforeTheFirstBreach() throws {
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let outageStart = now.addingTimeInterval(-(2 * 3600 + 15 * 60))
        let start = outageStart.addingTimeInterval(-3600)
        let files = [
            "philosophy.yaml": try Self.philosophy(zone: Self.zone(now: now)),
            "holidays.example.ics": try String(contentsOfFile: TestPaths.repository + "/holidays.example.ics", encoding: .utf8),
        ]
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30 }
              - { name: rules, command: tenet-rules, order: 40, env: { TENET_RULES_EVALUATION_INTERVAL: "1s" } }
            """, files: files)
        for name in ["store", "ingest", "metrics", "rules"] { try stack.waitRunning(name) }

        let context = try ZMQContext()
        defer { context.terminate() }
        let subscriber = try ZMQSocket(context: context, type: .sub)
        defer { subscriber.close() }
        try subscriber.set(.receiveHighWaterMark(1_000_000))
        for prefix in ["sla.", "alert.", "sys.heartbeat.supervisor"] { try subscriber.set(.subscribe(prefix)) }
        try subscriber.set(.receiveTimeout(.milliseconds(100)))
        try subscriber.connect("ipc://\(stack.data)/run/subscribe.sock")
        var messages: [(topic: String, body: [String: Any])] = []
        func drain() throws {
            while let frames = try subscriber.receiveMultipart() {
                let message = try BusMessage(frames: frames)
                guard !message.topic.hasPrefix("sys.") else { continue }
                let object = try JSONSerialization.jsonObject(with: Data(message.body))
                guard let body = object as? [String: Any] else {
                    Issue.record("`\(message.topic)` carries no JSON object")
                    continue
                }
                messages.append((message.topic, body))
            }
        }
        try waitUntil("the supervisor's heartbeat arrives") {
            guard let frames = try subscriber.receiveMultipart() else { return false }
            return try BusMessage(frames: frames).topic == "sys.heartbeat.supervisor"
        }

        // Three hours and a quarter of a center whose outage began 2 h 15 min ago.
        let file = stack.directory + "/outage.ndjson"
        let simulated = try stack.tenet([
            "simulate", "--philosophy", stack.directory + "/philosophy.yaml", "--start", Self.rfc3339(start), "--end", Self.rfc3339(now),
            "--seed", "11", "--scenario", "outage_spike@+1h/4h", "--out", file,
        ])
        #expect(simulated.status == 0, "\(simulated.error)")
        let sent = try stack.tenet(["send", file])
        #expect(sent.status == 0, "\(sent.output) \(sent.error)")
        #expect(sent.output.contains("rejected 0"), "\(sent.output)")

        try waitUntil("the first-response alert fires", timeout: 300) {
            try drain()
            return messages.contains { $0.topic == "alert.FirstResponseSlipping.firing" }
        }
        try drain()

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        struct Emission {
            var kind: String
            var clock: String
            var at: Date
        }
        let emissions = messages.filter { $0.topic.hasPrefix("sla.") }.compactMap { message -> Emission? in
            guard let text = message.body["at"] as? String, let at = formatter.date(from: text) else { return nil }
            let clock = "\(message.body["conversation"] as? String ?? "")/\(message.body["metric"] as? String ?? "")"
            return Emission(kind: message.body["kind"] as? String ?? "", clock: clock, at: at)
        }
        let during = emissions.filter { $0.at >= outageStart }
        let before = emissions.filter { $0.at < outageStart }
        let warnings = during.filter { $0.kind == "warning" }
        let breaches = during.filter { $0.kind == "breach" }
        let warningsBefore = before.filter { $0.kind == "warning" }.count
        #expect(warnings.count > 3 * max(warningsBefore, 5), "\(warnings.count) warnings in the outage, \(warningsBefore) the hour before")
        let firstWarning = try #require(warnings.map(\.at).min())
        let firstBreach = try #require(breaches.map(\.at).min())
        #expect(firstWarning < firstBreach)
        // Every clock that breached in the outage had warned first, at an earlier instant.
        let warnedAt = Dictionary(emissions.filter { $0.kind == "warning" }.map { ($0.clock, $0.at) }) { first, _ in first }
        let unwarned = breaches.filter { breach in !(warnedAt[breach.clock].map { $0 < breach.at } ?? false) }
        #expect(unwarned.isEmpty, "\(unwarned.count) of \(breaches.count) breaches without an earlier warning")

        // The control: the same figure over the hour before the outage is under the threshold.
        let control = try stack.tenet([
            "metrics", "--json", "--metric", "first_response_time", "--stat", "p90", "--where", "channel=chat,social",
            "--from", Self.rfc3339(start), "--to", Self.rfc3339(outageStart),
        ])
        #expect(control.status == 0, "\(control.error)")
        let controlObject = try JSONSerialization.jsonObject(with: Data(control.output.utf8))
        let beforeReply = try #require(controlObject as? [String: Any])
        let beforeGroup = try #require((beforeReply["groups"] as? [[String: Any]])?.first)
        #expect((beforeGroup["sample_size"] as? Int ?? 0) > 10)
        #expect((beforeGroup["value"] as? Double ?? .infinity) < 1200, "p90 before the outage: \(beforeGroup)")

        let firing = try #require(messages.first { $0.topic == "alert.FirstResponseSlipping.firing" })
        #expect((firing.body["value"] as? Double ?? 0) > 1200)
        #expect(firing.body["severity"] as? String == "critical")
        print(
            "outage: \(warnings.count) SLA warnings and \(breaches.count) breaches since the outage began (\(warningsBefore) warnings the hour before); alert value \(firing.body["value_text"] ?? "?"); p90 the hour before \(beforeGroup["value"] ?? "?") s over \(beforeGroup["sample_size"] ?? "?")"
        )
    }
}
