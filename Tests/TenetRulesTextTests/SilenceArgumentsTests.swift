import TenetModels
import TenetRulesProtocol
import TenetRulesText
import Testing

@Suite struct SilenceArgumentsTests {
    let now = RulesTextExamples.now

    @Test func ruleLabelsAndDuration() throws {
        let arguments = SilenceArguments(
            rule: "FirstResponseSlipping", labels: ["team=support", "channel=chat"], duration: "1.5h", comment: "migration",
            createdBy: "ops")
        #expect(
            try arguments.request(now: now)
                == SilenceRequest(
                    rule: "FirstResponseSlipping", labels: ["team": "support", "channel": "chat"], duration: "90m", createdBy: "ops",
                    comment: "migration"))
    }

    @Test func labelsOnlyUntilAnInstant() throws {
        let arguments = SilenceArguments(labels: ["team=support", "team=support"], until: "2026-11-27T18:00:00+01:00", createdBy: "")
        // The same label twice is one label; the end goes out in UTC; no user: the plugin's default.
        #expect(
            try arguments.request(now: now)
                == SilenceRequest(labels: ["team": "support"], endsAt: "2026-11-27T17:00:00.000Z", createdBy: nil))
    }

    @Test func aLabelValueMayHoldAnEqualsSign() throws {
        #expect(try SilenceArguments.labels(["query=a=b", "team=support"]) == ["query": "a=b", "team": "support"])
    }

    @Test(arguments: [
        (SilenceArguments(duration: "2h", createdBy: "ops"), SilenceArgumentError.Code.nothingMatched,
         "--rule/--label: give a rule, at least one label, or both: a silence of every alert is refused"),
        (SilenceArguments(rule: "", duration: "2h", createdBy: "ops"), .emptyRule,
         "--rule: give the rule's name, or leave --rule out to match any rule"),
        (SilenceArguments(labels: ["team"], duration: "2h", createdBy: "ops"), .badLabel,
         "--label team: write KEY=VALUE, such as team=support"),
        (SilenceArguments(labels: ["=support"], duration: "2h", createdBy: "ops"), .badLabel,
         "--label =support: write KEY=VALUE with both parts, such as team=support"),
        (SilenceArguments(labels: ["team="], duration: "2h", createdBy: "ops"), .badLabel,
         "--label team=: write KEY=VALUE with both parts, such as team=support"),
        (SilenceArguments(labels: ["team=support", "team=billing"], duration: "2h", createdBy: "ops"), .conflictingLabel,
         "--label team=billing: team is already given as support: one value a label"),
        (SilenceArguments(rule: "R", createdBy: "ops"), .noEnd,
         "--for/--until: say how long (--for 2h) or until when (--until RFC3339)"),
        (SilenceArguments(rule: "R", duration: "2h", until: "2026-11-27T18:00:00Z", createdBy: "ops"), .twoEnds,
         "--for/--until: give one of them, not both"),
        (SilenceArguments(rule: "R", duration: "0s", createdBy: "ops"), .nonPositiveDuration,
         "--for 0s: a silence must last longer than zero"),
        (SilenceArguments(rule: "R", duration: "0", createdBy: "ops"), .nonPositiveDuration,
         "--for 0: a silence must last longer than zero"),
        (SilenceArguments(rule: "R", duration: "-5m", createdBy: "ops"), .badDuration,
         "--for -5m: '-5m' is not a duration (for example 500ms, 5s, 2m)"),
        (SilenceArguments(rule: "R", duration: "2x", createdBy: "ops"), .badDuration,
         "--for 2x: '2x' is not a duration (for example 500ms, 5s, 2m)"),
        (SilenceArguments(rule: "R", duration: "40000d", createdBy: "ops"), .badDuration,
         "--for 40000d: '40000d' is out of range: the longest duration is 36500d (100 years)"),
        (SilenceArguments(rule: "R", until: "tomorrow", createdBy: "ops"), .badInstant,
         "--until tomorrow: not an RFC 3339 instant (such as 2026-11-27T18:00:00+01:00)"),
        (SilenceArguments(rule: "R", until: "2026-11-27T09:30:00Z", createdBy: "ops"), .endNotAfterNow,
         "--until 2026-11-27T09:30:00Z: it is not after now (2026-11-27T09:30:00.000Z)"),
    ])
    func refused(arguments: SilenceArguments, code: SilenceArgumentError.Code, message: String) {
        #expect(throws: SilenceArgumentError.self) { try arguments.request(now: now) }
        do {
            _ = try arguments.request(now: now)
        } catch {
            #expect(error.code == code)
            #expect(error.description == message)
        }
    }
}
