import Foundation
import TenetRulesProtocol
import Testing

/// Every body of the rules plugin's wire format: read from the JSON docs/ALERTS.md shows (its
/// snake_case keys), and written back with exactly those keys (absent optionals left out).
@Suite struct RulesWireFormatTests {
    @Test func requests() throws {
        try check(AlertsRequest(recent: 20), wire: #"{"recent":20}"#)
        try check(AlertsRequest(), wire: "{}")
        try check(SLARequest(filter: "at_risk", limit: 5), wire: #"{"filter":"at_risk","limit":5}"#)
        try check(SLARequest(), wire: "{}")
        try check(SilencesRequest(all: true), wire: #"{"all":true}"#)
        try check(ExpireRequest(id: "s3"), wire: #"{"id":"s3"}"#)
        try check(
            SilenceRequest(
                rule: "FirstResponseSlipping", labels: ["team": "support"], duration: "2h", startsAt: "2026-11-27T09:30:00Z",
                endsAt: nil, createdBy: "ops", comment: "migration"),
            wire: #"""
                {"rule":"FirstResponseSlipping","labels":{"team":"support"},"duration":"2h","starts_at":"2026-11-27T09:30:00Z",
                 "created_by":"ops","comment":"migration"}
                """#)
        try check(SilenceRequest(labels: ["team": "support"], endsAt: "2026-11-27T17:00:00.000Z"),
                  wire: #"{"labels":{"team":"support"},"ends_at":"2026-11-27T17:00:00.000Z"}"#)
    }

    @Test func alertsReply() throws {
        try check(
            RulesTextExamples.alerts.active[1],
            wire: #"""
                {"alert_id":"a1","rule":"FirstResponseSlipping","state":"firing","severity":"critical",
                 "labels":{"team":"support","channel":"chat"},"annotations":{"summary":"p90 first response 1h 12m"},
                 "active_at":"2026-11-27T09:08:00Z","fired_at":"2026-11-27T09:18:00Z","value":4320,"value_text":"1h 12m"}
                """#)
        try check(
            RulesTextExamples.alerts.targets[1],
            wire: #"""
                {"series":"team/billing/csat","team":"billing","metric":"csat","stat":"rate","period":"rolling_28d",
                 "target":">= 90%","status":"at_risk","value":88.4,"sample_size":40,"at":"2026-11-27T09:00:00Z"}
                """#)
        try check(
            RulesTextExamples.alerts.targets[0],
            wire: #"""
                {"series":"speed/first_response_time","value_name":"Speed","metric":"first_response_time","stat":"p90",
                 "period":"week","target":"<= 1h","from":"met","status":"missed","value":4320,"sample_size":225,
                 "at":"2026-11-27T09:18:00Z"}
                """#)
        try check(
            RulesTextExamples.alerts.recent[1],
            wire: #"""
                {"id":"t2","alert_id":"a1","rule":"FirstResponseSlipping","severity":"critical",
                 "labels":{"team":"support","channel":"chat"},"from":"pending","to":"firing","at":"2026-11-27T09:18:00Z",
                 "active_at":"2026-11-27T09:08:00Z","value":4320,"value_text":"1h 12m","annotations":{}}
                """#)
        try check(
            AlertsReply(at: "2026-11-27T09:30:00Z", active: [], targets: [], recent: []),
            wire: #"{"at":"2026-11-27T09:30:00Z","active":[],"targets":[],"recent":[]}"#)
        try roundTrip(RulesTextExamples.alerts)
    }

    @Test func slaReply() throws {
        try check(
            RulesTextExamples.sla.clocks[0],
            wire: #"""
                {"conversation":"c-1042","policy":"standard","metric":"first_response","target_seconds":3600,
                 "elapsed_seconds":4320,"remaining_seconds":-720,"breach_at":"2026-11-27T09:18:00Z","warned":true,
                 "breached":true,"paused":false}
                """#)
        try check(
            RulesTextExamples.sla.attainment[0],
            wire: #"""
                {"policy":"standard","metric":"first_response","applied":50,"met":45,"breached":5,"near_breaches":3,"percent":90}
                """#)
        try check(
            RulesTextExamples.sla.attainment[1],
            wire: #"{"policy":"standard","metric":"next_reply","applied":0,"met":0,"breached":0,"near_breaches":0}"#)
        try check(
            SLAEmissionBody(
                id: "c-1043/next_reply/warning/1", kind: "warning", conversation: "c-1043", policy: "standard", metric: "next_reply",
                at: "2026-11-27T09:26:00Z", targetSeconds: 7200, elapsedSeconds: 6720, breachAt: "2026-11-27T09:34:00Z"),
            wire: #"""
                {"id":"c-1043/next_reply/warning/1","kind":"warning","conversation":"c-1043","policy":"standard",
                 "metric":"next_reply","at":"2026-11-27T09:26:00Z","target_seconds":7200,"elapsed_seconds":6720,
                 "breach_at":"2026-11-27T09:34:00Z"}
                """#)
        try check(
            SLAReply(at: "2026-11-27T09:30:00Z", live: false, total: 0, clocks: [], attainment: [], breaches: [], nearBreaches: []),
            wire: #"""
                {"at":"2026-11-27T09:30:00Z","live":false,"total":0,"clocks":[],"attainment":[],"breaches":[],"near_breaches":[]}
                """#)
        try roundTrip(RulesTextExamples.sla)
    }

    @Test func silences() throws {
        try check(
            RulesTextExamples.silence,
            wire: #"""
                {"id":"s3","rule":"FirstResponseSlipping","labels":{"team":"support"},"starts_at":"2026-11-27T09:30:00Z",
                 "ends_at":"2026-11-27T11:30:00Z","created_by":"ops","comment":"migration","active":true}
                """#)
        try check(
            SilencesReply(at: "2026-11-27T09:30:00Z", silences: []), wire: #"{"at":"2026-11-27T09:30:00Z","silences":[]}"#)
        try roundTrip(SilencesReply(at: "2026-11-27T09:30:00Z", silences: [RulesTextExamples.silence]))
    }

    @Test func stats() throws {
        var stats = RulesStats()
        stats.lastSeq = 1200
        stats.eventsApplied = 1190
        stats.unreadable = 1
        stats.conversations = 80
        stats.clocksScheduled = 42
        stats.slaTime = "2026-11-27T09:30:00Z"
        stats.live = true
        stats.emissions = ["warning": 3, "breach": 1]
        stats.staleNotNotified = 2
        stats.transitions = 4
        stats.targetChanges = 5
        stats.pending = 1
        stats.firing = 1
        stats.evaluations = 300
        stats.evaluationErrors = 0
        stats.deliveries = ["succeeded": 4]
        stats.outbox = 0
        stats.stateWrites = 17
        try check(
            stats,
            wire: #"""
                {"last_seq":1200,"events_applied":1190,"unreadable":1,"conversations":80,"clocks_scheduled":42,
                 "sla_time":"2026-11-27T09:30:00Z","live":true,"emissions":{"warning":3,"breach":1},"stale_not_notified":2,
                 "transitions":4,"target_changes":5,"pending":1,"firing":1,"evaluations":300,"evaluation_errors":0,
                 "deliveries":{"succeeded":4},"outbox":0,"state_writes":17}
                """#)
    }

    @Test func theDocumentedAlertsReplyReads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/ALERTS.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        let section = try #require(text.range(of: "## Command line: tenet alerts, tenet sla, tenet silence"))
        let start = try #require(text.range(of: "```json\n", range: section.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let reply = try JSONDecoder().decode(AlertsReply.self, from: Data(text[start.upperBound..<end.lowerBound].utf8))
        #expect(reply.active.map(\.alertID) == ["a1"])
        #expect(reply.active.first?.labels == ["channel": "chat", "team": "support"])
        #expect(reply.targets.map(\.status) == ["missed"])
        #expect(reply.recent.map { "\($0.from)→\($0.to)" } == ["pending→firing"])
    }

    /// `wire` decodes to `value`, and `value` encodes to a JSON object with exactly `wire`'s
    /// keys that decodes back to `value`.
    func check<T: Codable & Equatable>(_ value: T, wire: String) throws {
        let decoded = try JSONDecoder().decode(T.self, from: Data(wire.utf8))
        #expect(decoded == value)
        let encoded = try JSONEncoder().encode(value)
        let written = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(wire.utf8)) as? [String: Any])
        #expect(Set(written.keys) == Set(expected.keys))
        #expect(try JSONDecoder().decode(T.self, from: encoded) == value)
    }

    /// `value` survives being written and read back.
    func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        #expect(try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value)) == value)
    }
}
