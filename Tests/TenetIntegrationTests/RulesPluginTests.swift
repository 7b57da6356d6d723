import Foundation
import TenetBus
import TenetTestSupport
import Testing

/// The rules plugin with real processes: an alert rule fires from the metrics plugin's figures,
/// a real webhook receiver (docs/examples/python/webhook_receiver.py) verifies every signed
/// delivery, the plugin killed with SIGKILL while the alert fires comes back with it still
/// firing and does not notify again, and the alert then resolves normally; SLA clocks warn and
/// breach on their timers while no event arrives.
@Suite("Rules plugin, end to end", .serialized)
struct RulesPluginTests {
    static let secret = "whsec_rules_integration"

    /// The test philosophy; `firstResponse` is the SLA policy's first-response target (short for
    /// the SLA test, long elsewhere, so that no SLA notification reaches the receiver there).
    static func philosophy(receiver: String, firstResponse: String = "1h") -> String {
        """
        purpose: "p"
        vision: "v"
        values:
          - name: Speed
            action: "Be quick."
            metrics:
              - { metric: first_response_time, stat: median, target: "<= 10m", period: rolling_28d }
        sla:
          - name: quick
            first_response: \(firstResponse)
            next_reply: 1h
            resolution: 1d
            hours: calendar
            warning: 50%
        alerts:
          - name: BacklogHigh
            metric: backlog
            condition: "> 2"
            for: 1s
            severity: warning
            annotations:
              summary: "{{ value }} conversations open"
        notifiers:
          hook:
            type: webhook
            url: "\(receiver)"
            secret_env: TENET_WEBHOOK_SECRET
            timeout: 5s
            attempts: 3
        routes:
          - name: everything
            severity: [warning, critical]
            steps:
              - { after: 0s, notify: [hook] }
            send_resolved: true

        """
    }

    static func stack(env: String = "") -> String {
        """
        philosophy: philosophy.yaml
        plugins:
          - { name: store, command: tenet-store, order: 10 }
          - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
          - { name: metrics, command: tenet-metrics, order: 30 }
          - name: rules
            command: tenet-rules
            order: 40
            env: { TENET_WEBHOOK_SECRET: "\(secret)", TENET_RULES_EVALUATION_INTERVAL: "1s"\(env) }
        """
    }

    static func instant(_ secondsFromNow: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date().addingTimeInterval(secondsFromNow))
    }

    static func opened(_ id: String) -> [String] {
        let at = instant(0)
        return [
            #"{"id":"\#(id)-o","type":"conversation.opened","at":"\#(at)","conversation":"\#(id)","channel":"chat","team":"support"}"#,
            #"{"id":"\#(id)-m","type":"message.created","at":"\#(at)","conversation":"\#(id)","author":"customer","public":true}"#,
        ]
    }

    static func solved(_ id: String) -> [String] {
        let at = instant(0)
        return [
            #"{"id":"\#(id)-r","type":"message.created","at":"\#(at)","conversation":"\#(id)","author":"agent","public":true,"agent":"ana"}"#,
            #"{"id":"\#(id)-s","type":"status.changed","at":"\#(at)","conversation":"\#(id)","status":"solved"}"#,
        ]
    }

    func send(_ stack: RunningStack, _ lines: [String]) throws {
        let file = stack.directory + "/batch-\(UUID().uuidString).ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try stack.tenet(["send", file])
        #expect(result.status == 0, "\(result.output) \(result.error)")
    }

    /// Asks the rules plugin `method` with `body` and returns the reply as JSON.
    func ask(_ stack: RunningStack, _ method: String, _ body: String = "{}") throws -> [String: Any] {
        let context = try ZMQContext()
        defer { context.terminate() }
        let endpoints = try #require(try stack.status()?.object("endpoints")?["plugins"] as? [String: String])
        let client = try BusRequestClient(context: context, endpoint: try #require(endpoints["rules"]), sender: "test")
        defer { client.close() }
        let reply = try client.request(method, rawBody: Array(body.utf8), timeout: .seconds(10))
        return try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
    }

    func journal(_ stack: RunningStack) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: stack.data + "/rules/deliveries.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func anAlertFiresIsNotifiedOnceSurvivesSIGKILLAndResolves() throws {
        let receiver = try PythonReceiver(secret: Self.secret)
        let stack = try RunningStack(Self.stack(), files: ["philosophy.yaml": Self.philosophy(receiver: receiver.url)])
        for name in ["store", "ingest", "metrics"] { try stack.waitRunning(name) }
        let rules = try stack.waitRunning("rules")

        // Three open conversations: the backlog is 3, above 2, for longer than 1 s.
        try send(stack, ["c1", "c2", "c3"].flatMap(Self.opened))
        try waitUntil("the firing notification is delivered", timeout: 60) {
            guard receiver.requests.count == 1 else { return false }
            return try ask(stack, "stats")["outbox"] as? Int == 0
        }
        let first = try #require(receiver.requests.first)
        #expect(first.verified)
        #expect(first.status == 200)
        let firing = try #require((try ask(stack, "alerts")["active"] as? [[String: Any]])?.first)
        #expect(firing["rule"] as? String == "BacklogHigh")
        #expect(firing["state"] as? String == "firing")
        #expect(firing["value"] as? Double == 3)
        let alertID = try #require(firing["alert_id"] as? String)
        // The command line shows the same.
        let shown = try stack.tenet(["alerts"])
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains("BacklogHigh") && shown.output.contains("firing"), "\(shown.output)")
        let json = try stack.tenet(["alerts", "--json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((parsed["active"] as? [[String: Any]])?.first?["alert_id"] as? String == alertID)

        // kill -9 while it fires.
        let pid = try #require(rules.int32("pid"))
        kill(pid, SIGKILL)
        try stack.waitRunning("rules", restarts: 1, timeout: 60)
        let again = try #require((try ask(stack, "alerts")["active"] as? [[String: Any]])?.first)
        #expect(again["alert_id"] as? String == alertID)
        #expect(again["state"] as? String == "firing")
        // Several evaluations later it still fires, and nobody was told again.
        try waitUntil("three evaluations after the restart", timeout: 60) {
            (try ask(stack, "stats")["evaluations"] as? Int ?? 0) >= 3
        }
        #expect(receiver.requests.count == 1)
        #expect((try ask(stack, "alerts")["active"] as? [[String: Any]])?.first?["state"] as? String == "firing")

        // Two of them solved: the backlog falls to 1 and the alert resolves, which the route
        // (send_resolved) tells the webhook.
        try send(stack, ["c1", "c2"].flatMap(Self.solved))
        do {
            try waitUntil("the resolved notification is delivered", timeout: 60) { receiver.requests.count == 2 }
        } catch {
            let journalText = (try? String(contentsOfFile: stack.data + "/rules/deliveries.jsonl", encoding: .utf8)) ?? "(none)"
            let rulesLog = (try? String(contentsOfFile: stack.data + "/logs/rules.log", encoding: .utf8)) ?? "(none)"
            Issue.record(
                "receiver: \(receiver.requests)\nstats: \((try? ask(stack, "stats")) ?? [:])\nalerts: \((try? ask(stack, "alerts")) ?? [:])\njournal:\n\(journalText)\nrules log:\n\(rulesLog.suffix(4000))"
            )
            throw error
        }
        #expect(receiver.requests.allSatisfy { $0.verified && $0.status == 200 })
        #expect(receiver.requests[0].idempotencyKey != receiver.requests[1].idempotencyKey)
        try waitUntil("the alert is no longer active", timeout: 30) {
            ((try ask(stack, "alerts")["active"] as? [[String: Any]]) ?? []).allSatisfy { $0["state"] as? String == "resolved" }
        }
        let recent = try #require(try ask(stack, "alerts")["recent"] as? [[String: Any]])
        #expect(recent.filter { $0["alert_id"] as? String == alertID }.map { $0["to"] as? String ?? "" } == ["resolved", "firing", "pending"])
        // The journal: exactly two successes, one per notification.
        let deadline = Date().addingTimeInterval(30)
        while journal(stack).filter({ $0["status"] as? String == "succeeded" }).count < 2, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let journalText = (try? String(contentsOfFile: stack.data + "/rules/deliveries.jsonl", encoding: .utf8)) ?? "(none)"
        #expect(
            journal(stack).filter { $0["status"] as? String == "succeeded" }.count == 2,
            "journal:\n\(journalText)\nreceiver: \(receiver.requests)\nrules log: \(stack.log.suffix(3000))")
        let succeeded = journal(stack).filter { $0["status"] as? String == "succeeded" }
        #expect(Set(succeeded.compactMap { $0["id"] as? String }).count == 2)
    }

    @Test func slaClocksWarnAndBreachOnTheirTimersWithNoEventArriving() throws {
        let receiver = try PythonReceiver(secret: Self.secret)
        let stack = try RunningStack(Self.stack(), files: ["philosophy.yaml": Self.philosophy(receiver: receiver.url, firstResponse: "12s")])
        for name in ["store", "ingest", "metrics", "rules"] { try stack.waitRunning(name) }
        let context = try ZMQContext()
        defer { context.terminate() }
        let subscriber = try stack.busSubscriber(context, prefix: "")
        defer { subscriber.close() }

        // One waiting customer: warning at 6 s, breach at 12 s (calendar time), no further event.
        let sentAt = Date()
        try send(stack, Self.opened("s1"))
        var seen: [(topic: String, body: [String: Any])] = []
        try waitUntil("the breach is published", timeout: 60) {
            while let frames = try subscriber.receiveMultipart() {
                let message = try BusMessage(frames: frames)
                guard message.topic.hasPrefix("sla.") else { continue }
                let body = try #require(try JSONSerialization.jsonObject(with: Data(message.body)) as? [String: Any])
                seen.append((message.topic, body))
            }
            return seen.contains { $0.topic == "sla.breach" }
        }
        #expect(seen.map(\.topic) == ["sla.warning", "sla.breach"])
        #expect(seen.allSatisfy { $0.body["conversation"] as? String == "s1" && $0.body["metric"] as? String == "first_response" })
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let warningText = try #require(seen[0].body["at"] as? String)
        let breachText = try #require(seen[1].body["at"] as? String)
        let warningAt = try #require(formatter.date(from: warningText))
        let breachAt = try #require(formatter.date(from: breachText))
        // Each at its own instant (the event's time + 6 s and + 12 s), however late it was noticed.
        #expect(abs(breachAt.timeIntervalSince(warningAt) - 6) < 0.001)
        #expect(abs(breachAt.timeIntervalSince(sentAt) - 12) < 2)
        #expect(seen[0].body["breach_at"] as? String == seen[1].body["at"] as? String)

        // `sla` lists the clock as breached; the webhook heard of the warning and the breach.
        let sla = try ask(stack, "sla", #"{"filter":"breached"}"#)
        let clocks = try #require(sla["clocks"] as? [[String: Any]])
        #expect(clocks.map { $0["conversation"] as? String } == ["s1"])
        #expect((clocks.first?["remaining_seconds"] as? Double ?? 0) < 0)
        #expect(sla["live"] as? Bool == true)
        try waitUntil("both notifications are delivered", timeout: 30) { receiver.requests.count == 2 }
        #expect(receiver.requests.allSatisfy { $0.verified && $0.status == 200 })
        // The breach is stored as an `x.sla.outcome` event, and the metrics plugin measures
        // sla_attainment from it: 0 met of 1 applied.
        try waitUntil("sla_attainment counts the breach", timeout: 60) {
            let result = try stack.tenet(["metrics", "--json", "--metric", "sla_attainment", "--period", "day"])
            guard result.status == 0,
                let reply = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
                let group = (reply["groups"] as? [[String: Any]])?.first
            else { return false }
            return group["denominator"] as? Int == 1 && group["numerator"] as? Int == 0 && group["value"] as? Double == 0
        }
        let shown = try stack.tenet(["sla", "--breached"])
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains("s1") && shown.output.contains("quick"), "\(shown.output)")

        // A silence through the command line: listed, then expired.
        let added = try stack.tenet(["silence", "add", "--rule", "BacklogHigh", "--label", "team=support", "--for", "2h", "--comment", "test"])
        #expect(added.status == 0, "\(added.error)")
        let listed = try stack.tenet(["silence", "list", "--json"])
        let silences = try #require(
            (try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any])?["silences"] as? [[String: Any]])
        #expect(silences.count == 1)
        #expect(silences.first?["rule"] as? String == "BacklogHigh")
        #expect(silences.first?["active"] as? Bool == true)
        let id = try #require(silences.first?["id"] as? String)
        #expect(try stack.tenet(["silence", "expire", id]).status == 0)
        let after = try stack.tenet(["silence", "list", "--json"])
        #expect(((try JSONSerialization.jsonObject(with: Data(after.output.utf8)) as? [String: Any])?["silences"] as? [Any])?.isEmpty == true)
        let refused = try stack.tenet(["silence", "add", "--for", "1h"])
        #expect(refused.status == 64, "\(refused.error)")
    }

    /// Whether the plugin takes a silence for rule `rule` (only a rule of the philosophy in force).
    func knowsRule(_ stack: RunningStack, _ rule: String) throws -> Bool {
        let context = try ZMQContext()
        defer { context.terminate() }
        let endpoints = try #require(try stack.status()?.object("endpoints")?["plugins"] as? [String: String])
        let client = try BusRequestClient(context: context, endpoint: try #require(endpoints["rules"]), sender: "test")
        defer { client.close() }
        let body = Array(#"{"rule":"\#(rule)","duration":"1h","comment":"test"}"#.utf8)
        let reply = try client.send("silence", rawBody: body, timeout: .seconds(10))
        var outcome: Result<BusMessage, BusProtocolError>?
        while outcome == nil {
            outcome = try client.wait(timeout: .seconds(1)).first { $0.id == reply }?.result
        }
        switch outcome {
        case .success?: return true
        case .failure(let error)?:
            // An error reply (an unknown rule) says no; anything else fails the test.
            #expect(error.code == .remoteError, "\(error)")
            return false
        case nil: return false
        }
    }

    @Test func aChangedPhilosophyIsTakenWithoutARestartAndABrokenOneRefused() throws {
        let receiver = try PythonReceiver(secret: Self.secret)
        let path = "philosophy.yaml"
        let stack = try RunningStack(Self.stack(), files: [path: Self.philosophy(receiver: receiver.url)])
        for name in ["store", "ingest", "metrics", "rules"] { try stack.waitRunning(name) }
        #expect(try knowsRule(stack, "BacklogHigh"))
        #expect(try !knowsRule(stack, "QueueLong"))

        let renamed = Self.philosophy(receiver: receiver.url).replacingOccurrences(of: "name: BacklogHigh", with: "name: QueueLong")
        try renamed.write(toFile: stack.directory + "/" + path, atomically: true, encoding: .utf8)
        let reload = try stack.tenet(["reload"])
        #expect(reload.status == 0, "\(reload.error)")
        try waitUntil("the rules plugin takes the new philosophy", timeout: 30) { try knowsRule(stack, "QueueLong") }
        #expect(try !knowsRule(stack, "BacklogHigh"))

        // A broken file (seen by the plugin's own look at the file) is refused; the rules stay.
        try (renamed + "\nalerts: [ this is not\n").write(toFile: stack.directory + "/" + path, atomically: true, encoding: .utf8)
        let log = stack.data + "/logs/rules.log"
        try waitUntil("the rules plugin refuses the broken file", timeout: 30) {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("philosophy refused")
        }
        #expect(try knowsRule(stack, "QueueLong"))
        #expect(try stack.plugin("rules")?["restarts"] as? Int == 0)
    }
}
