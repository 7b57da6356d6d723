import Foundation
import Testing

/// The metrics plugin with real processes: events sent through ingest reach the figures that
/// `tenet metrics` prints, an external Python subscriber sees the standing series change, and a
/// metrics plugin killed with SIGKILL comes back with the same numbers.
@Suite("Metrics plugin, end to end")
struct MetricsPluginTests {
    static let philosophy = """
        purpose: "p"
        vision: "v"
        values:
          - name: Quality
            action: "Get it right."
            metrics:
              - { metric: csat, target: ">= 90%", period: rolling_28d }
          - name: Speed
            action: "Be quick."
            metrics:
              - { metric: first_response_time, stat: median, target: "<= 10m", period: rolling_28d }

        """

    /// Events of one conversation: opened, customer message, an agent reply `reply` minutes
    /// later, solved, and a CSAT answer.
    static func conversation(_ id: String, minutesAgo: Int, reply: Int, csat: Int) -> [String] {
        conversation(id, start: Date().addingTimeInterval(-Double(minutesAgo) * 60), reply: reply, csat: csat)
    }

    /// The same events for a conversation opened at `start`.
    static func conversation(_ id: String, start: Date, reply: Int, csat: Int) -> [String] {
        func at(_ minutes: Int) -> String {
            let formatter = ISO8601DateFormatter()
            return formatter.string(from: start.addingTimeInterval(Double(minutes) * 60))
        }
        return [
            #"{"id":"\#(id)-1","type":"conversation.opened","at":"\#(at(0))","conversation":"\#(id)","channel":"chat","team":"support"}"#,
            #"{"id":"\#(id)-2","type":"message.created","at":"\#(at(0))","conversation":"\#(id)","author":"customer","public":true}"#,
            #"{"id":"\#(id)-3","type":"message.created","at":"\#(at(reply))","conversation":"\#(id)","author":"agent","public":true,"agent":"ana"}"#,
            #"{"id":"\#(id)-4","type":"status.changed","at":"\#(at(reply + 1))","conversation":"\#(id)","status":"solved"}"#,
            #"{"id":"\#(id)-5","type":"survey.answered","at":"\#(at(reply + 2))","conversation":"\#(id)","survey":"csat","score":\#(csat)}"#,
        ]
    }

    func send(_ stack: RunningStack, _ lines: [String]) throws {
        let file = stack.directory + "/batch-\(UUID().uuidString).ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try stack.tenet(["send", file])
        #expect(result.status == 0, "\(result.output) \(result.error)")
    }

    func query(_ stack: RunningStack, _ arguments: [String]) throws -> [String: Any]? {
        let result = try stack.tenet(["metrics", "--json"] + arguments)
        guard result.status == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    }

    @Test func figuresReachTheCommandAndThePythonSubscriberAndSurviveSIGKILL() throws {
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30 }
            """)
        try Self.philosophy.write(toFile: stack.directory + "/philosophy.yaml", atomically: true, encoding: .utf8)
        try stack.waitRunning("store")
        try stack.waitRunning("ingest")
        let metrics = try stack.waitRunning("metrics")

        // An external subscriber in Python, for the csat series only.
        let subscriber = Process()
        subscriber.executableURL = URL(fileURLWithPath: TestPaths.python)
        subscriber.arguments = [TestPaths.repository + "/docs/examples/python/subscribe.py", "--data", stack.data, "--topic", "metric.csat"]
        let output = stack.directory + "/subscriber.jsonl"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        subscriber.standardOutput = FileHandle(forWritingAtPath: output)
        try subscriber.run()
        defer {
            kill(subscriber.processIdentifier, SIGKILL)
            subscriber.waitUntilExit()
        }
        /// The csat figures the subscriber printed so far.
        func csatSeen() -> [Double] {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let body = object["body"] as? [String: Any], body["series"] as? String == "value:Quality:0",
                    let figure = body["figure"] as? [String: Any]
                else { return nil }
                return figure["value"] as? Double
            }
        }

        // Three conversations: replies after 2, 4 and 12 minutes; CSAT 5, 5 and 2.
        try send(
            stack,
            Self.conversation("a", minutesAgo: 60, reply: 2, csat: 5) + Self.conversation("b", minutesAgo: 50, reply: 4, csat: 5)
                + Self.conversation("c", minutesAgo: 40, reply: 12, csat: 2))
        var csat: [String: Any]?
        try waitUntil("the metrics plugin has the three CSAT answers") {
            csat = try query(stack, ["--metric", "csat", "--period", "rolling_28d"])
            return ((csat?["groups"] as? [[String: Any]])?.first?["denominator"] as? Int) == 3
        }
        let group = try #require((csat?["groups"] as? [[String: Any]])?.first)
        #expect(group["numerator"] as? Int == 2)
        #expect(abs((group["value"] as? Double ?? 0) - 200.0 / 3) < 1e-9)
        let frt = try #require(try query(stack, ["--metric", "first_response_time", "--stat", "median"]))
        #expect(((frt["groups"] as? [[String: Any]])?.first?["value"] as? Double) == 240)  // median of 2, 4, 12 minutes
        #expect(frt["unit"] as? String == "seconds")
        try waitUntil("the subscriber sees CSAT at 2 of 3") { csatSeen().contains { abs($0 - 200.0 / 3) < 1e-9 } }

        // One more answer: the subscriber sees the series change.
        try send(stack, Self.conversation("d", minutesAgo: 30, reply: 3, csat: 4))
        try waitUntil("the subscriber sees CSAT at 3 of 4") { csatSeen().contains(75) }

        // The scorecard carries target and status.
        let card = try #require(try query(stack, []))
        let series = try #require(card["series"] as? [[String: Any]])
        let quality = try #require(series.first { $0["series"] as? String == "value:Quality:0" })
        #expect(quality["target"] as? String == ">= 90%")
        #expect(quality["status"] as? String == "missed")

        // Drill-down: the conversations behind the figure, as CSV that Python's csv module reads.
        let csv = try stack.tenet(["conversations", "--metric", "first_response_time", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.error)")
        let csvPath = stack.directory + "/frt.csv"
        try csv.output.write(toFile: csvPath, atomically: true, encoding: .utf8)
        let summary = try run(
            TestPaths.python,
            [
                "-c",
                "import csv,sys; rows=list(csv.DictReader(open(sys.argv[1], newline=''))); "
                    + "print(len(rows), sorted(r['conversation'] for r in rows), sum(float(r['value']) for r in rows), rows[0]['team'])",
                csvPath,
            ])
        #expect(summary.output == "4 ['a', 'b', 'c', 'd'] 1260.0 support\n", "\(summary.error)")  // 2 + 4 + 12 + 3 minutes

        // kill -9: the supervisor restarts it, and it rebuilds the same figures from the store.
        let pid = try #require(metrics.int32("pid"))
        kill(pid, SIGKILL)
        try stack.waitRunning("metrics", restarts: 1)
        try waitUntil("the restarted plugin has the four answers again") {
            let again = try query(stack, ["--metric", "csat", "--period", "rolling_28d"])
            let first = (again?["groups"] as? [[String: Any]])?.first
            return first?["denominator"] as? Int == 4 && first?["numerator"] as? Int == 3
        }
        let table = try stack.tenet(["metrics", "--metric", "first_response_time", "--stat", "median"])
        #expect(table.output.contains("3m 30s"))  // median of 2, 3, 4, 12 minutes
    }

    @Test func staffingFromTheMeasuredCalls() throws {
        let stack = try RunningStack(
            """
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30 }
            """)
        try stack.waitRunning("ingest")
        try stack.waitRunning("metrics")
        // Five calls on two Mondays, each answered after 10 s and talked for 300 s.
        var lines: [String] = []
        for (index, start) in ["2026-11-16T09:05:00Z", "2026-11-16T09:20:00Z", "2026-11-16T09:40:00Z", "2026-11-23T09:10:00Z", "2026-11-23T10:15:00Z"].enumerated() {
            let queued = try #require(ISO8601DateFormatter().date(from: start))
            func at(_ seconds: Double) -> String { ISO8601DateFormatter().string(from: queued.addingTimeInterval(seconds)) }
            lines.append(#"{"id":"k\#(index)-q","type":"contact.queued","at":"\#(at(0))","conversation":"k\#(index)","channel":"phone"}"#)
            lines.append(#"{"id":"k\#(index)-a","type":"contact.answered","at":"\#(at(10))","conversation":"k\#(index)","agent":"ana"}"#)
            lines.append(#"{"id":"k\#(index)-e","type":"contact.ended","at":"\#(at(310))","conversation":"k\#(index)"}"#)
        }
        try send(stack, lines)
        var plans: [[String: Any]] = []
        try waitUntil("staffing sees the five calls") {
            let result = try stack.tenet(["staffing", "--days", "mon", "--service-level", "80/20", "--json"])
            guard result.status == 0 else { return false }
            plans = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]] ?? []
            return plans.compactMap { $0["contacts"] as? Int }.reduce(0, +) == 5
        }
        #expect(plans.compactMap { $0["slot"] as? String } == ["mon 09:00", "mon 09:30", "mon 10:00"])
        // 09:00: 3 calls over 2 Mondays × 300 s ÷ 1800 s = 0.25 Erlang; one agent gives
        // 1 − 0.25·e^(−0.75·20/300) = 76% within 20 s, short of 80%: two agents. 09:30 and 10:00: one.
        #expect(plans.compactMap { $0["agents"] as? Int } == [2, 1, 1])
        let loads: [Double] = plans.compactMap { $0["load"] as? Double }
        let expectedLoads: [Double] = [0.25, 300.0 / 3600, 300.0 / 3600]
        #expect(loads == expectedLoads)
    }

    @Test func aBadQueryIsAClearError() throws {
        let stack = try RunningStack(
            """
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: metrics, command: tenet-metrics, order: 30 }
            """)
        try stack.waitRunning("metrics")
        let result = try stack.tenet(["metrics", "--metric", "frst_response_time"])
        #expect(result.status == 2)
        #expect(result.error.contains("unknown metric `frst_response_time`; did you mean `first_response_time`?"))
        let statistic = try stack.tenet(["metrics", "--metric", "csat", "--stat", "p90"])
        #expect(statistic.error.contains("`p90` does not apply to `csat`"))
    }
}
