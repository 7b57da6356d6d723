import Foundation
import TenetRulesProtocol
import TenetRulesText
import Testing

@Suite struct SilencesTextTests {
    @Test func listInForce() {
        var anyRule = RulesTextExamples.silence
        anyRule.id = "s4"
        anyRule.rule = nil
        anyRule.labels = ["channel": "phone", "team": "billing"]
        anyRule.comment = ""
        let reply = SilencesReply(at: "2026-11-27T09:30:00Z", silences: [RulesTextExamples.silence, anyRule])
        #expect(
            SilencesText.render(reply, zone: RulesTextExamples.berlin, all: false) == """
                2 silences active (Europe/Berlin)
                ID  RULE                   LABELS                      FROM                 UNTIL                BY   COMMENT
                s3  FirstResponseSlipping  team=support                2026-11-27 10:30:00  2026-11-27 12:30:00  ops  migration
                s4  any                    channel=phone,team=billing  2026-11-27 10:30:00  2026-11-27 12:30:00  ops

                """)
    }

    @Test func listAllSaysWhichAreActive() {
        var ended = RulesTextExamples.silence
        ended.active = false
        let reply = SilencesReply(at: "2026-11-27T09:30:00Z", silences: [ended])
        #expect(
            SilencesText.render(reply, zone: RulesTextExamples.utc, all: true) == """
                1 silence (GMT)
                ID  RULE                   LABELS        FROM                 UNTIL                BY   ACTIVE  COMMENT
                s3  FirstResponseSlipping  team=support  2026-11-27 09:30:00  2026-11-27 11:30:00  ops  no      migration

                """)
    }

    @Test func emptyLists() {
        let reply = SilencesReply(at: "2026-11-27T09:30:00Z", silences: [])
        #expect(SilencesText.render(reply, zone: RulesTextExamples.berlin, all: false) == "No silence is active.\n")
        #expect(SilencesText.render(reply, zone: RulesTextExamples.berlin, all: true) == "No silence.\n")
    }

    @Test func addedAndExpired() {
        #expect(
            SilencesText.added(RulesTextExamples.silence, zone: RulesTextExamples.berlin) == """
                silence s3: rule FirstResponseSlipping, labels team=support, from 2026-11-27 10:30:00 until 2026-11-27 12:30:00 (Europe/Berlin), by ops: migration
                end it early with: tenet silence expire s3

                """)
        var ended = RulesTextExamples.silence
        ended.rule = nil
        ended.endsAt = "2026-11-27T09:45:00Z"
        ended.comment = ""
        ended.active = false
        #expect(
            SilencesText.expired(ended, zone: RulesTextExamples.berlin)
                == "silence s3 expired: any rule, labels team=support, from 2026-11-27 10:30:00 until 2026-11-27 10:45:00 (Europe/Berlin), by ops\n")
    }
}
