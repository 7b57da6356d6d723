import Foundation
import TenetModels
import TenetRulesText
import Testing

@Suite struct RulesFormatTests {
    @Test func instantsOnTheZonesWallClock() {
        let berlin = RulesTextExamples.berlin
        // Winter (UTC+1) and summer (UTC+2), a day boundary, and a fraction truncated.
        #expect(RulesFormat.instant("2026-11-27T09:30:00Z", zone: berlin) == "2026-11-27 10:30:00")
        #expect(RulesFormat.instant("2026-07-01T22:15:59.999Z", zone: berlin) == "2026-07-02 00:15:59")
        #expect(RulesFormat.instant("2026-11-27T09:30:00+05:30", zone: RulesTextExamples.utc) == "2026-11-27 04:00:00")
        #expect(RulesFormat.instant("1969-12-31T23:59:59.5Z", zone: RulesTextExamples.utc) == "1969-12-31 23:59:59")
        #expect(RulesFormat.instant("yesterday", zone: berlin) == "yesterday")
        #expect(RulesFormat.instant(nil, zone: berlin) == "-")
    }

    @Test func ages() {
        let now = RulesTextExamples.now
        #expect(RulesFormat.age(since: "2026-11-27T09:18:00Z", now: now) == "12m")
        #expect(RulesFormat.age(since: "2026-11-27T09:29:15Z", now: now) == "45s")
        #expect(RulesFormat.age(since: "2026-11-24T07:00:00Z", now: now) == "3d02h")
        #expect(RulesFormat.age(since: "2026-11-27T09:31:00Z", now: now) == "0s")
        #expect(RulesFormat.age(since: nil, now: now) == "-")
        #expect(DurationText.age(seconds: 3600) == "1h")
        #expect(DurationText.age(seconds: 86_400) == "1d")
        #expect(DurationText.age(seconds: .nan) == "-")
    }

    @Test func figuresInTheirTargetsUnit() {
        #expect(RulesFormat.figure(4320, target: "<= 1h") == "1h 12m")
        #expect(RulesFormat.figure(88.44, target: ">= 90%") == "88.4%")
        #expect(RulesFormat.figure(4.8, target: ">= 5.5") == "4.8")
        #expect(RulesFormat.figure(275, target: ">= 25") == "275")
        #expect(RulesFormat.figure(nil, target: "<= 1h") == "no data")
        #expect(RulesFormat.number(0.126) == "0.13")
        #expect(RulesFormat.number(-3) == "-3")
    }

    @Test func labelsSortedByName() {
        #expect(RulesFormat.labels(["team": "support", "channel": "chat"]) == "channel=chat,team=support")
        #expect(RulesFormat.labels([:]) == "-")
    }
}
