import Foundation
import TenetModels
import TenetRulesProtocol
import TenetRulesText
import Testing

@Suite struct AlertsTextTests {
    @Test func firingAndPendingWithTargetsAndTransitions() {
        let text = AlertsText.render(RulesTextExamples.alerts, now: RulesTextExamples.now, zone: RulesTextExamples.berlin)
        #expect(
            text == """
                1 firing, 1 pending
                RULE                   SEVERITY  STATE    LABELS                     VALUE   ACTIVE FOR  FIRING FOR
                FirstResponseSlipping  critical  firing   channel=chat,team=support  1h 12m  22m         12m
                CsatDropping           warning   pending  team=billing               83.5%   3m          -

                Targets not met (2)
                VALUE / TEAM  METRIC               STAT  PERIOD       STATUS   ACTUAL  TARGET  N
                Speed         first_response_time  p90   week         missed   1h 12m  <= 1h   225
                team billing  csat                 rate  rolling_28d  at_risk  88.4%   >= 90%  40

                Latest transitions, newest first (Europe/Berlin)
                AT                   RULE                   SEVERITY  LABELS                     CHANGE              VALUE
                2026-11-27 10:27:00  CsatDropping           warning   team=billing               inactive → pending  83.5%
                2026-11-27 10:18:00  FirstResponseSlipping  critical  channel=chat,team=support  pending → firing    1h 12m
                2026-11-27 10:08:00  FirstResponseSlipping  critical  channel=chat,team=support  inactive → pending  1h 05m

                """)
    }

    @Test func emptyStateIsOneLine() {
        let empty = AlertsReply(at: "2026-11-27T09:30:00Z", active: [], targets: [], recent: [])
        #expect(AlertsText.render(empty, now: RulesTextExamples.now, zone: RulesTextExamples.berlin) == "No alert is pending or firing.\n")
    }

    @Test func nothingActiveStillListsTheHistory() {
        var reply = RulesTextExamples.alerts
        reply.active = []
        reply.targets = []
        reply.recent = [reply.recent[0]]
        #expect(
            AlertsText.render(reply, now: RulesTextExamples.now, zone: RulesTextExamples.utc) == """
                No alert is pending or firing.

                Latest transitions, newest first (GMT)
                AT                   RULE          SEVERITY  LABELS        CHANGE              VALUE
                2026-11-27 09:27:00  CsatDropping  warning   team=billing  inactive → pending  83.5%

                """)
    }

    @Test func valueWithoutTextAndUnreadableInstants() {
        let alert = AlertBody(
            alertID: "a9", rule: "Backlog", state: "firing", severity: "info", labels: [:], annotations: [:],
            activeAt: "not a time", firedAt: "2026-11-27T10:00:00Z", resolvedAt: nil, value: 1234.5, valueText: nil)
        let reply = AlertsReply(at: "2026-11-27T09:30:00Z", active: [alert], targets: [], recent: [])
        // No value text: the figure; an unreadable instant: `-`; fired after now (clock skew): `0s`.
        #expect(
            AlertsText.render(reply, now: RulesTextExamples.now, zone: RulesTextExamples.berlin) == """
                1 firing, 0 pending
                RULE     SEVERITY  STATE   LABELS  VALUE   ACTIVE FOR  FIRING FOR
                Backlog  info      firing  -       1234.5  -           0s

                """)
    }
}
