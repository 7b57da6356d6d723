import TenetCalendar
import Testing

@testable import TenetStaffing

/// Plans per slot of the week from bucketed observations.
@Suite struct StaffingPlannerTests {
    typealias R = StaffingReference

    static func slot(_ weekday: Weekday, _ hour: Int, _ minute: Int = 0) -> IntervalSlot {
        IntervalSlot(weekday: weekday, startMinute: hour * 60 + minute)
    }

    static let eightyTwenty = try! StaffingTarget(goal: .serviceLevel(fraction: 0.8, threshold: 20), shrinkage: 0.3)

    /// The worked example of docs/STAFFING.md, as the planner sees it, with two more slots:
    /// - mon 09:00, 4 Mondays, 400 contacts, 72,000 s of handling: λ = 400 / (4 × 1800 s) =
    ///   0.0556 /s, AHT = 72,000 / 400 = 180 s, A = 400 × 180 / 7200 = 10 → 14 agents, 20
    ///   scheduled, SL 0.8884, ASA 7.84 s, C 0.1741, occupancy 0.714.
    /// - mon 09:30, 4 Mondays, no contacts → 0 agents.
    /// - tue 14:00, 2 Tuesdays, 50 contacts, 12,000 s: AHT 240 s, A = 50 × 240 / 3600 = 3.333 →
    ///   6 agents (5 give SL 0.7157), SL 0.8813, ⌈6 / 0.7⌉ = ⌈8.57⌉ = 9 scheduled.
    @Test func observedHandleTimes() throws {
        let planner = try StaffingPlanner(intervalMinutes: 30, handleTime: .observed, target: Self.eightyTwenty)
        let plans = try planner.plan([
            IntervalObservation(slot: Self.slot(.tuesday, 14), dayCount: 2, contactCount: 50, handleTimeSum: 12_000),
            IntervalObservation(slot: Self.slot(.monday, 9, 30), dayCount: 4, contactCount: 0, handleTimeSum: 0),
            IntervalObservation(slot: Self.slot(.monday, 9), dayCount: 4, contactCount: 400, handleTimeSum: 72_000),
        ])
        #expect(plans.map(\.slot) == [Self.slot(.monday, 9), Self.slot(.monday, 9, 30), Self.slot(.tuesday, 14)])
        #expect(plans.map(\.slot.description) == ["mon 09:00", "mon 09:30", "tue 14:00"])

        let monday = plans[0]
        #expect(monday.arrivalRate == 400.0 / 7200)
        #expect(monday.aht == 180)
        #expect(monday.load == 10)
        #expect(monday.agents == 14)
        #expect(monday.scheduledAgents == 20)
        #expect(monday.serviceLevelThreshold == 20)
        #expect(R.close(monday.serviceLevel, 0.888_350_019_179_467, within: 1e-12))
        #expect(R.close(monday.averageSpeedOfAnswer, 7.835_937_011_777_24, within: 1e-12))
        #expect(R.close(monday.probabilityOfWaiting, 0.174_131_933_595_050, within: 1e-12))
        #expect(monday.occupancy == 10.0 / 14.0)

        let quiet = plans[1]
        #expect(quiet.agents == 0)
        #expect(quiet.scheduledAgents == 0)
        #expect(quiet.load == 0)
        #expect(quiet.arrivalRate == 0)
        #expect(quiet.aht == nil)
        #expect(quiet.serviceLevel == 1)
        #expect(quiet.occupancy == 0)

        let tuesday = plans[2]
        #expect(tuesday.aht == 240)
        #expect(R.close(tuesday.load, 10.0 / 3, within: 1e-15))
        #expect(tuesday.agents == 6)
        #expect(tuesday.scheduledAgents == 9)
        #expect(R.close(tuesday.serviceLevel, 0.881_317_378_860_034_8, within: 1e-12))
    }

    /// A fixed AHT replaces the observed one: tue 14:00 at 180 s is A = 50 × 180 / 3600 = 2.5 →
    /// 5 agents (4 give SL 0.7292), SL 0.9012. One-hour slots: 200 contacts in one Monday hour at
    /// 180 s is A = 200 × 180 / 3600 = 10 → 14 agents, as the 30-minute example.
    @Test func fixedHandleTimeAndHourSlots() throws {
        let fixed = try StaffingPlanner(intervalMinutes: 30, handleTime: .fixed(180), target: Self.eightyTwenty)
        let tuesday = try fixed.plan(slot: IntervalObservation(slot: Self.slot(.tuesday, 14), dayCount: 2, contactCount: 50, handleTimeSum: 12_000))
        #expect(tuesday.aht == 180)
        #expect(tuesday.load == 2.5)
        #expect(tuesday.agents == 5)
        #expect(R.close(tuesday.serviceLevel, 0.901_248_288_433_854, within: 1e-12))
        // No contacts: the fixed AHT is still reported.
        let quiet = try fixed.plan(slot: IntervalObservation(slot: Self.slot(.sunday, 3), dayCount: 1, contactCount: 0, handleTimeSum: 0))
        #expect(quiet.aht == 180)
        #expect(quiet.agents == 0)

        let hourly = try StaffingPlanner(intervalMinutes: 60, handleTime: .fixed(180), target: Self.eightyTwenty)
        #expect(hourly.intervalSeconds == 3600)
        let hour = try hourly.plan(slot: IntervalObservation(slot: Self.slot(.monday, 9), dayCount: 1, contactCount: 200, handleTimeSum: 0))
        #expect(hour.load == 10)
        #expect(hour.agents == 14)
    }

    /// A probability-of-waiting target reports service levels at the planner's threshold.
    @Test func waitProbabilityTargetReportsAtTheGivenThreshold() throws {
        let target = try StaffingTarget(goal: .maximumWaitProbability(0.2))
        let planner = try StaffingPlanner(handleTime: .fixed(180), target: target, reportingThreshold: 30)
        #expect(planner.serviceLevelThreshold == 30)
        let plan = try planner.plan(slot: IntervalObservation(slot: Self.slot(.monday, 9), dayCount: 1, contactCount: 100, handleTimeSum: 0))
        // 14 agents (C = 0.1741); SL(30 s) = 1 − 0.17413 × e^(−4 × 30 / 180) = 1 − 0.17413 × 0.51342.
        #expect(plan.agents == 14)
        #expect(plan.serviceLevelThreshold == 30)
        #expect(R.close(plan.serviceLevel, 1 - 0.174_131_933_595_050 * 0.513_417_119_032_592, within: 1e-12))
        // A service-level target keeps its own threshold whatever is given.
        let own = try StaffingPlanner(target: Self.eightyTwenty, reportingThreshold: 30)
        #expect(own.serviceLevelThreshold == 20)
    }

    /// Every invalid observation or setting is refused with the slot, the field and the code.
    @Test func invalidInput() throws {
        let observed = try StaffingPlanner(target: Self.eightyTwenty)
        func code(_ observation: IntervalObservation, _ planner: StaffingPlanner? = nil) -> StaffingError.Code? {
            R.errorCode { _ = try (planner ?? observed).plan([observation]) }
        }
        let monday = Self.slot(.monday, 9)
        #expect(code(IntervalObservation(slot: Self.slot(.monday, 9, 15), dayCount: 1, contactCount: 1, handleTimeSum: 60)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: IntervalSlot(weekday: .monday, startMinute: 1440), dayCount: 1, contactCount: 1, handleTimeSum: 60)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: IntervalSlot(weekday: .monday, startMinute: -30), dayCount: 1, contactCount: 1, handleTimeSum: 60)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: monday, dayCount: -1, contactCount: 0, handleTimeSum: 0)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: monday, dayCount: 1, contactCount: -1, handleTimeSum: 0)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: monday, dayCount: 1, contactCount: 1, handleTimeSum: -60)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: monday, dayCount: 1, contactCount: 1, handleTimeSum: .nan)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: monday, dayCount: 0, contactCount: 5, handleTimeSum: 600)) == .invalidObservation)
        #expect(code(IntervalObservation(slot: monday, dayCount: 1, contactCount: 5, handleTimeSum: 0)) == .invalidObservation)
        // The same with a fixed AHT is fine: the sum is not used.
        let fixed = try StaffingPlanner(handleTime: .fixed(180), target: Self.eightyTwenty)
        #expect(code(IntervalObservation(slot: monday, dayCount: 1, contactCount: 5, handleTimeSum: 0), fixed) == nil)
        // No days and no contacts: nothing to staff, not an error.
        #expect(code(IntervalObservation(slot: monday, dayCount: 0, contactCount: 0, handleTimeSum: 0)) == nil)
        // A load beyond the limit names the slot.
        let flood = #expect(throws: StaffingError.self) {
            try fixed.plan([IntervalObservation(slot: monday, dayCount: 1, contactCount: 20_000_000, handleTimeSum: 0)])
        }
        #expect(flood?.code == .beyondLimits)
        #expect(flood?.field == "mon 09:00 load")

        let error = #expect(throws: StaffingError.self) {
            try observed.plan([IntervalObservation(slot: monday, dayCount: 0, contactCount: 5, handleTimeSum: 600)])
        }
        #expect(error?.field == "mon 09:00 day count")
        let duplicate = #expect(throws: StaffingError.self) {
            try observed.plan([
                IntervalObservation(slot: monday, dayCount: 1, contactCount: 5, handleTimeSum: 600),
                IntervalObservation(slot: Self.slot(.friday, 17), dayCount: 1, contactCount: 5, handleTimeSum: 600),
                IntervalObservation(slot: monday, dayCount: 2, contactCount: 5, handleTimeSum: 600),
            ])
        }
        #expect(duplicate?.code == .duplicateSlot)
        #expect(duplicate?.value == "mon 09:00")

        for minutes in [0, -30, 7, 1441] {
            #expect(R.errorCode { _ = try StaffingPlanner(intervalMinutes: minutes, target: Self.eightyTwenty) } == .invalidInterval, "\(minutes)")
        }
        #expect(R.errorCode { _ = try StaffingPlanner(intervalMinutes: 1440, target: Self.eightyTwenty) } == nil)
        #expect(R.errorCode { _ = try StaffingPlanner(handleTime: .fixed(0), target: Self.eightyTwenty) } == .invalidHandleTime)
        #expect(R.errorCode { _ = try StaffingPlanner(handleTime: .fixed(-5), target: Self.eightyTwenty) } == .invalidHandleTime)
        #expect(R.errorCode { _ = try StaffingPlanner(target: Self.eightyTwenty, reportingThreshold: -1) } == .invalidThreshold)
    }
}
