import Foundation
import Logging
import Synchronization
import Testing
import TenetBus
import TenetMetricsProtocol
import TenetPlugin
import TenetReportServer
import TenetReporting
import TenetStoreProtocol
import TenetTestSupport

/// A metrics plugin that has applied the events up to `applied` and answers every query with a
/// figure of 42; or (`isStore`) a store that holds `stored` events, one of them after any
/// instant asked unless `feedBehind`, one before it unless `nothingBefore`.
final class FakePeers: RequestHandler, @unchecked Sendable {
    let applied = Mutex<Int64>(0)
    let storedCount = Mutex<Int64>(10)
    var stored: Int64 { storedCount.withLock { $0 } }
    let feedBehind = Mutex(false)
    let nothingBefore = Mutex(false)
    let isStore: Bool

    init(isStore: Bool = false) {
        self.isStore = isStore
    }

    func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        let seq = applied.withLock { $0 }
        for request in requests {
            switch request.method {
            case "stats" where isStore:
                try replier.reply(to: request, body: ["last_seq": stored, "dead_letters": 0])
            case "query" where isStore:
                // One event before any instant asked (unless `nothingBefore`), one after it (unless `feedBehind`).
                let asked = try request.message.decodeBody(QueryRequest.self)
                let one = asked.until != nil ? !nothingBefore.withLock { $0 } : !feedBehind.withLock { $0 }
                let event = #"{"seq":\#(stored),"event":{"id":"e","type":"x.some","at":"2026-11-25T12:00:00Z"}}"#
                try replier.reply(to: request, rawBody: Array(#"{"events":[\#(one ? event : "")],"last_seq":\#(stored)}"#.utf8))
            case "stats":
                try replier.reply(to: request, body: MetricsStats(events: Int(seq), conversations: 2, lastSeq: seq, anomalies: [:], lateEvents: 0))
            case "query":
                let asked = try request.message.decodeBody(MetricQueryRequest.self)
                try replier.reply(
                    to: request,
                    body: MetricQueryReply(
                        metric: asked.metric, stat: asked.stat ?? "", hours: asked.hours ?? "calendar", from: asked.from, to: asked.to, unit: "seconds",
                        groups: [FigureBody(dimensions: [:], value: 42, sampleSize: 1, numerator: nil, denominator: nil, currency: nil)], lastSeq: seq))
            case "conversations":
                let asked = try request.message.decodeBody(MetricQueryRequest.self)
                try replier.reply(to: request, body: ConversationsReply(metric: asked.metric, from: asked.from, to: asked.to, total: 0, rows: []))
            default:
                try replier.fail(request, with: .unknownMethod(request.method))
            }
        }
    }
}

/// The report plugin's handler in-process, with its wall clock in the test's hands: a report
/// whose inputs are not ready (the metrics plugin behind the store) is not written, the failure
/// is counted and retried after the backoff, and written once the metrics plugin has caught up.
@Suite("The report plugin's handler", .serialized)
struct ReportRequestHandlerTests {
    @Test func aReportIsHeldBackUntilTheMetricsPluginHasCaughtUp() throws {
        let rig = try ReportRig(
            philosophy: """
                purpose: "p"
                vision: "v"
                values:
                  - name: Speed
                    action: "Be quick."
                    metrics:
                      - { metric: first_response_time, stat: median, target: "<= 45s" }
                """,
            variables: ["TENET_REPORT_SCHEDULE": "daily", "TENET_REPORT_FORMATS": "json", "TENET_REPORT_HISTORY": "0", "TENET_REPORT_TIMEOUT": "5s"],
            applied: 7)
        defer { rig.close() }
        let (client, stats, peers) = (rig.client, rig.stats, rig.metricsPeers)
        let file = rig.data + "/reports/day/2026-11-25.json"

        // The first turn tries the 25th: the metrics plugin has 7 of the 10 stored events.
        var current = try stats()
        try waitFor("the first try fails") {
            current = try stats()
            return current.failures == 1
        }
        #expect(current.lastFailure?.reason == "the metrics plugin has applied the events up to 7 of the 10 stored: it is still catching up")
        #expect(current.next == [ReportPluginStats.Due(period: "day", start: "2026-11-25", at: "2026-11-26T00:10:30Z", attempts: 1)])
        #expect(current.written == 0)
        #expect(!FileManager.default.fileExists(atPath: file))
        // `run` says the same, as an error a client can retry on.
        do {
            _ = try client.request(ReportMethod.run.rawValue, body: ReportRunRequest(period: "day", date: "2026-11-25"), timeout: .seconds(10))
            Issue.record("run wrote a report from a metrics plugin that is behind")
        } catch {
            #expect(error.remote?.code == .notReady)
            #expect(error.remote?.code.isRetryable == true)
        }

        // Caught up; the retry comes 30 s after the failure, and writes the report.
        peers.applied.withLock { $0 = 10 }
        rig.clock.set("2026-11-26T00:10:31Z")
        try waitFor("the retry writes the report") { FileManager.default.fileExists(atPath: file) }
        current = try stats()
        #expect(current.written == 1 && current.failures == 2)
        #expect(current.lastWritten?.start == "2026-11-25" && current.lastWritten?.late == false)
        #expect(current.next == [ReportPluginStats.Due(period: "day", start: "2026-11-26", at: "2026-11-27T00:10:00Z", attempts: 0)])
        let model = try JSONReport.decoder().decode(ReportModel.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(model.from == "2026-11-25T00:00:00Z" && model.to == "2026-11-26T00:00:00Z" && model.lastSeq == 10)
        // 42 s against <= 45 s: within the default 10 % margin, at risk (the metrics plugin's rule).
        #expect(model.values[0].metrics[0].actual == 42 && model.values[0].metrics[0].status == "at_risk")
    }

    @Test func aPhilosophyWithErrorsHoldsReportsBackAndItsFixedZoneCutsTheDay() throws {
        // 01:10 in Berlin on the 26th: the 25th (Berlin's and UTC's) is due.
        let rig = try ReportRig(
            philosophy: "purpose: [unclosed", variables: ["TENET_REPORT_SCHEDULE": "daily", "TENET_REPORT_FORMATS": "json", "TENET_REPORT_HISTORY": "0"])
        defer { rig.close() }
        let (client, data, philosophy) = (rig.client, rig.data, rig.philosophyPath!)
        var current: ReportPluginStats?
        try waitFor("the first try fails on the philosophy") {
            current = try client.request(ReportMethod.stats.rawValue, body: EmptyBody(), timeout: .seconds(10), as: ReportPluginStats.self)
            return current?.failures == 1
        }
        #expect(current?.lastFailure?.reason == "\(philosophy) has errors (`tenet check \(philosophy)` lists them)")

        // Fixed, in Berlin's zone: the retry writes Berlin's 25th, 23:00 to 23:00 UTC.
        try """
            organisation: { zone: Europe/Berlin }
            purpose: "p"
            vision: "v"
            values:
              - name: Speed
                action: "Be quick."
                metrics:
                  - { metric: first_response_time, stat: median, target: "<= 45s" }
            """.write(toFile: philosophy, atomically: true, encoding: .utf8)
        rig.clock.set("2026-11-26T00:10:31Z")
        let file = data + "/reports/day/2026-11-25.json"
        try waitFor("the retry writes the report") { FileManager.default.fileExists(atPath: file) }
        let model = try JSONReport.decoder().decode(ReportModel.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(model.from == "2026-11-24T23:00:00Z" && model.to == "2026-11-25T23:00:00Z")
    }

    @Test func aPeriodWhoseEndTheFeedHasNotReachedWaitsUntilTheStoreIsQuiet() throws {
        let rig = try ReportRig(
            philosophy: nil,
            variables: ["TENET_REPORT_SCHEDULE": "daily", "TENET_REPORT_FORMATS": "json", "TENET_REPORT_HISTORY": "0", "TENET_REPORT_QUIET": "90s"],
            feedBehind: true)
        defer { rig.close() }
        let (stats, peers, storePeers) = (rig.stats, rig.metricsPeers, rig.storePeers)
        let file = rig.data + "/reports/day/2026-11-25.json"
        var current = try stats()
        try waitFor("the first try waits for the feed") {
            current = try stats()
            return current.failures == 1
        }
        #expect(
            current.lastFailure?.reason
                == "no stored event has reached the period's end (2026-11-26T00:00:00Z) yet: waiting until the feed passes it or the store has been quiet for 90.0 seconds")
        // 30 s later the feed is still storing (events of the 25th, catching up): still waiting.
        storePeers.storedCount.withLock { $0 = 20 }
        rig.clock.set("2026-11-26T00:10:31Z")
        try waitFor("the second try waits too") {
            current = try stats()
            return current.failures == 2
        }
        #expect(current.written == 0 && !FileManager.default.fileExists(atPath: file))
        // Nothing new for 61 s, under the 90 s asked: still waiting.
        peers.applied.withLock { $0 = 20 }
        rig.clock.set("2026-11-26T00:11:32Z")
        try waitFor("the third try finds the store quiet, not yet long enough") {
            current = try stats()
            return current.failures == 3
        }
        #expect(
            current.lastFailure?.reason
                == "no stored event has reached the period's end (2026-11-26T00:00:00Z) yet, and the store has been quiet for 61 s of 90.0 seconds")
        #expect(current.written == 0)
        // The next try (after 120 s more): quiet for 181 s, the night is quiet, the day is complete.
        rig.clock.set("2026-11-26T00:13:33Z")
        try waitFor("a later try writes the report") { FileManager.default.fileExists(atPath: file) }
        #expect(try stats().written == 1)
    }

    @Test func aPeriodThatEndsBeforeAnythingWasStoredHasNoReport() throws {
        let rig = try ReportRig(
            philosophy: nil, variables: ["TENET_REPORT_SCHEDULE": "daily", "TENET_REPORT_FORMATS": "json", "TENET_REPORT_HISTORY": "0"],
            nothingBefore: true)
        defer { rig.close() }
        let (client, data) = (rig.client, rig.data)
        var current = try client.request(ReportMethod.stats.rawValue, body: EmptyBody(), timeout: .seconds(10), as: ReportPluginStats.self)
        // The 25th ended before the first stored event: not written, not a failure, not due again.
        try waitFor("the schedule has moved on to the 26th") {
            current = try client.request(ReportMethod.stats.rawValue, body: EmptyBody(), timeout: .seconds(10), as: ReportPluginStats.self)
            return current.next.first?.start == "2026-11-26"
        }
        #expect(current.failures == 0 && current.written == 0)
        #expect(!FileManager.default.fileExists(atPath: data + "/reports/day/2026-11-25.json"))
        do {
            _ = try client.request(ReportMethod.run.rawValue, body: ReportRunRequest(period: "day", date: "2026-11-25"), timeout: .seconds(10))
            Issue.record("run wrote a report of a day before any data")
        } catch {
            #expect(error.remote?.code == .badRequest)
            #expect(error.remote?.message == "nothing is stored before the period's end (2026-11-26T00:00:00Z): the stack was not collecting yet")
        }
    }

    /// Polls `condition` every 20 ms for up to 20 s.
    func waitFor(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if try condition() { return }
            usleep(20_000)
        }
        Issue.record("timed out waiting until \(what)")
        throw CancellationError()
    }
}
