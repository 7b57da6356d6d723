import Foundation
import TenetModels
import TenetRulesProtocol
import TenetRulesText
import Testing

@Suite struct SLATextTests {
    @Test func clocksAttainmentAndBreaches() {
        let text = SLAText.render(RulesTextExamples.sla, now: RulesTextExamples.now, zone: RulesTextExamples.berlin)
        #expect(
            text == """
                SLA time 2026-11-27 10:30:00 Europe/Berlin, live: 3 running clocks
                CONVERSATION  POLICY    METRIC          TARGET  REMAINING  BREACH AT            STATE
                c-1042        standard  first_response  1h      -12m       2026-11-27 10:18:00  breached
                c-1043        standard  next_reply      2h      4m         2026-11-27 10:34:00  warned
                c-1050        vip       resolution      1d      21h        -                    paused

                Attainment
                POLICY    METRIC          MET/APPLIED  ATTAINMENT  BREACHED  NEAR-BREACHES
                standard  first_response  45/50        90.0%       5         3
                standard  next_reply      0/0          -           0         0
                vip       resolution      2/3          66.7%       1         0

                Latest breaches, newest first
                AT                   CONVERSATION  POLICY    METRIC          TARGET  COUNTED
                2026-11-27 10:18:00  c-1042        standard  first_response  1h      1h

                Latest near-breaches, newest first
                AT                   CONVERSATION  POLICY    METRIC          TARGET  COUNTED
                2026-11-27 09:55:00  c-0999        standard  first_response  1h      55m

                """)
    }

    @Test func negativeRemainingIsOverdue() {
        #expect(DurationText.age(seconds: -720) == "-12m")
        #expect(DurationText.age(seconds: -59.9) == "-59s")
        #expect(DurationText.age(seconds: -3900) == "-1h05m")
        #expect(DurationText.age(seconds: -0.4) == "0s")
        var clock = RulesTextExamples.sla.clocks[0]
        clock.remainingSeconds = -93_600
        clock.paused = true
        let reply = SLAReply(
            at: "2026-11-27T09:30:00Z", live: true, total: 1, clocks: [clock], attainment: [], breaches: [], nearBreaches: [])
        #expect(
            SLAText.render(reply, now: RulesTextExamples.now, zone: RulesTextExamples.utc) == """
                SLA time 2026-11-27 09:30:00 GMT, live: 1 running clock
                CONVERSATION  POLICY    METRIC          TARGET  REMAINING  BREACH AT            STATE
                c-1042        standard  first_response  1h      -1d02h     2026-11-27 09:18:00  breached, paused

                """)
    }

    @Test func catchingUpSaysHowFarBehindAndHowManyAreShown() {
        let reply = SLAReply(
            at: "2026-11-27T06:12:00Z", live: false, total: 250, clocks: [RulesTextExamples.sla.clocks[1]], attainment: [],
            breaches: [], nearBreaches: [])
        #expect(
            SLAText.render(reply, now: RulesTextExamples.now, zone: RulesTextExamples.berlin) == """
                SLA time 2026-11-27 07:12:00 Europe/Berlin, catching up (3h18m behind now): 1 of 250 running clocks
                CONVERSATION  POLICY    METRIC      TARGET  REMAINING  BREACH AT            STATE
                c-1043        standard  next_reply  2h      4m         2026-11-27 10:34:00  warned

                """)
    }

    @Test func emptyStateNamesTheFilter() {
        let reply = SLAReply(at: "2026-11-27T09:30:00Z", live: true, total: 0, clocks: [], attainment: [], breaches: [], nearBreaches: [])
        let utc = RulesTextExamples.utc
        #expect(
            SLAText.render(reply, now: RulesTextExamples.now, zone: utc)
                == "SLA time 2026-11-27 09:30:00 GMT, live\nNo SLA clock is running.\n")
        #expect(
            SLAText.render(reply, now: RulesTextExamples.now, zone: utc, filter: "breached")
                == "SLA time 2026-11-27 09:30:00 GMT, live\nNo running SLA clock has breached.\n")
        #expect(
            SLAText.render(reply, now: RulesTextExamples.now, zone: utc, filter: "at_risk")
                == "SLA time 2026-11-27 09:30:00 GMT, live\nNo running SLA clock is at risk.\n")
    }

    @Test func attainmentPercentHasOneDecimal() {
        #expect(RulesFormat.percent(90) == "90.0%")
        #expect(RulesFormat.percent(200.0 / 3) == "66.7%")
        #expect(RulesFormat.percent(100.0 / 3) == "33.3%")
        #expect(RulesFormat.percent(nil) == "-")
    }

    @Test func onlyTheLatestTenBreachesAreListed() {
        let emission = RulesTextExamples.sla.breaches[0]
        let breaches = (0..<12).map { index -> SLAEmissionBody in
            var copy = emission
            copy.conversation = "c-\(2000 + index)"
            return copy
        }
        let reply = SLAReply(at: "2026-11-27T09:30:00Z", live: true, total: 0, clocks: [], attainment: [], breaches: breaches, nearBreaches: [])
        let text = SLAText.render(reply, now: RulesTextExamples.now, zone: RulesTextExamples.berlin)
        #expect(text.contains("Latest breaches, newest first, 10 of 12\n"))
        #expect(text.contains("c-2009"))
        #expect(!text.contains("c-2010"))
    }

    @Test func stateOfEachKindOfClock() {
        var clock = RulesTextExamples.sla.clocks[1]
        clock.warned = false
        #expect(SLAText.state(clock) == "counting")
        clock.paused = true
        #expect(SLAText.state(clock) == "paused")
        clock.warned = true
        #expect(SLAText.state(clock) == "warned, paused")
        clock.breached = true
        clock.paused = false
        #expect(SLAText.state(clock) == "breached")
    }
}
