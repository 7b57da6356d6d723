import Foundation
import Testing
import TenetModels
import TenetNotify
import TenetPhilosophy

/// The routes of docs/PHILOSOPHY.md on a scripted timeline (minutes after 09:00).
struct RoutingTests {
    static let routes = [
        Route(
            name: "audit", severities: [.info, .warning, .critical, .emergency], labels: [:],
            steps: [.init(after: .zero, notify: ["audit-log"])], repeatEvery: nil, sendResolved: false, continues: true),
        Route(
            name: "emergency", severities: [.emergency], labels: [:],
            steps: [.init(after: .zero, notify: ["on-call-pager", "team-chat"])], repeatEvery: .seconds(15 * 60),
            sendResolved: true, continues: false),
        Route(
            name: "escalation", severities: [.warning, .critical], labels: ["team": ["support"]],
            steps: [.init(after: .zero, notify: ["team-chat"]), .init(after: .seconds(30 * 60), notify: ["on-call-pager"])],
            repeatEvery: .seconds(4 * 3600), sendResolved: true, continues: false),
    ]

    static func summary(_ deliveries: [PlannedDelivery]) -> [String] {
        deliveries.map { "\($0.notifier) \($0.notification.id) \($0.notification.kind.rawValue)" }
    }

    @Test func escalationRepeatAndResolveOnATimeline() throws {
        var router = AlertRouter(routes: Self.routes)
        let firing = Fixtures.notification(id: "a1")

        #expect(
            Self.summary(router.receive(firing, firingSince: Fixtures.nine, now: Fixtures.nine))
                == ["audit-log a1 firing", "team-chat a1 firing"])
        #expect(router.nextDue(after: Fixtures.nine) == Fixtures.at(minutes: 30))
        #expect(Self.summary(router.scheduled(after: Fixtures.nine)) == ["on-call-pager a1#step1 firing", "on-call-pager a1#repeat1 repeat"])
        #expect(router.scheduled(after: Fixtures.nine).map(\.at) == [Fixtures.at(minutes: 30), Fixtures.at(minutes: 270)])
        #expect(router.due(now: Fixtures.at(minutes: 29)) == [])
        // The same firing again (the rules engine re-sent it after a restart) hands out nothing.
        #expect(router.receive(firing, firingSince: Fixtures.nine, now: Fixtures.at(minutes: 29)) == [])
        #expect(Self.summary(router.due(now: Fixtures.at(minutes: 30))) == ["on-call-pager a1#step1 firing"])
        #expect(router.due(now: Fixtures.at(minutes: 31)) == [])

        // The state survives a save and a restart.
        let saved = try JSONEncoder().encode(router.state)
        var restarted = AlertRouter(routes: Self.routes, state: try JSONDecoder().decode(RoutingState.self, from: saved))
        #expect(restarted == router)

        #expect(Self.summary(restarted.due(now: Fixtures.at(minutes: 270))) == ["on-call-pager a1#repeat1 repeat"])
        #expect(restarted.nextDue(after: Fixtures.at(minutes: 270)) == Fixtures.at(minutes: 510))

        let resolved = Fixtures.notification(id: "a1-resolved", kind: .resolved, at: Fixtures.at(minutes: 300))
        // audit has send_resolved: false; escalation tells those it told.
        #expect(
            Self.summary(restarted.receive(resolved, firingSince: Fixtures.nine, now: Fixtures.at(minutes: 300)))
                == ["on-call-pager a1-resolved resolved", "team-chat a1-resolved resolved"])
        #expect(restarted.state.alerts.isEmpty)
        #expect(restarted.due(now: Fixtures.at(minutes: 600)) == [])
    }

    @Test func resolvedBeforeTheSecondStepTellsOnlyTheFirst() {
        var router = AlertRouter(routes: Self.routes)
        _ = router.receive(Fixtures.notification(id: "b1"), firingSince: Fixtures.nine, now: Fixtures.nine)
        let resolved = Fixtures.notification(id: "b1-resolved", kind: .resolved, at: Fixtures.at(minutes: 10))
        #expect(Self.summary(router.receive(resolved, firingSince: Fixtures.nine, now: Fixtures.at(minutes: 10))) == ["team-chat b1-resolved resolved"])
        #expect(router.nextDue(after: Fixtures.at(minutes: 10)) == nil)
    }

    @Test func emergencyRepeatsSendOnlyTheLatestAfterAPause() {
        var router = AlertRouter(routes: Self.routes)
        let emergency = Fixtures.notification(id: "e1", severity: .emergency, labels: ["team": "sales"])
        #expect(
            Self.summary(router.receive(emergency, firingSince: Fixtures.nine, now: Fixtures.nine))
                == ["audit-log e1 firing", "on-call-pager e1 firing", "team-chat e1 firing"])
        #expect(Self.summary(router.due(now: Fixtures.at(minutes: 15))) == ["on-call-pager e1#repeat1 repeat", "team-chat e1#repeat1 repeat"])
        // Nothing asked between 15 and 50 minutes: repeats 2 and 3 fell due, only 3 goes out.
        #expect(Self.summary(router.due(now: Fixtures.at(minutes: 50))) == ["on-call-pager e1#repeat3 repeat", "team-chat e1#repeat3 repeat"])
        #expect(router.nextDue(after: Fixtures.at(minutes: 50)) == Fixtures.at(minutes: 60))
    }

    @Test func routesMatchSeverityAndLabels() {
        let planner = RoutePlanner(routes: Self.routes)
        #expect(planner.routes(for: Fixtures.notification(severity: .critical)).map(\.name) == ["audit", "escalation"])
        #expect(planner.routes(for: Fixtures.notification(severity: .critical, labels: ["team": "sales"])).map(\.name) == ["audit"])
        #expect(planner.routes(for: Fixtures.notification(severity: .info)).map(\.name) == ["audit"])
        #expect(planner.routes(for: Fixtures.notification(severity: .emergency)).map(\.name) == ["audit", "emergency"])
    }

    @Test func theStatelessPlanSaysWhatIsDueNowAndLater() {
        let plan = RoutePlanner(routes: Self.routes).plan(Fixtures.notification(id: "c1"), firingSince: Fixtures.nine, now: Fixtures.at(minutes: 45))
        #expect(Self.summary(plan.now) == ["audit-log c1 firing", "team-chat c1 firing", "on-call-pager c1#step1 firing"])
        #expect(Self.summary(plan.later) == ["on-call-pager c1#repeat1 repeat"])
        #expect(plan.later.map(\.at) == [Fixtures.at(minutes: 270)])
    }

    @Test func slaEventsGoToTheImmediateStepsOnce() {
        var router = AlertRouter(routes: Self.routes)
        let breach = Fixtures.notification(id: "sla-9", kind: .slaBreach, rule: "urgent.first_response", severity: .critical)
        #expect(Self.summary(router.receive(breach, firingSince: Fixtures.nine, now: Fixtures.nine)) == ["audit-log sla-9 sla_breach", "team-chat sla-9 sla_breach"])
        #expect(router.state.alerts.isEmpty)
        #expect(router.nextDue(after: Fixtures.nine) == nil)
    }
}
