import Testing
import TenetPhilosophy
import TenetYAML

/// One broken file: the mistake, and the finding `tenet check` must give for it.
struct BrokenFile: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let line: Int
    let column: Int
    let code: Diagnostic.Code
    let message: String

    var testDescription: String { name }
}

/// A valid file the broken ones start from: `BrokenFileTests.base` checks clean.
let baseHeader = """
    version: 1
    purpose: "Strengthen human connection."
    vision: "Every customer feels they talk to a person who cares."
    teams:
      support: [csat]

    """

@Suite("tenet check: each broken file gives one precise message at its place")
struct BrokenFileTests {
    static let base = baseHeader + """
        values:
          - name: Speed
            action: "Treat every customer with urgency."
            metrics:
              - { metric: first_response_time, stat: p90, target: "<= 1h" }
              - { metric: csat, target: ">= 90%" }
        """

    @Test func theBaseChecksClean() {
        let result = PhilosophyParser.parse(Self.base)
        #expect(result.diagnostics == [])
        #expect(result.philosophy?.values.first?.metrics.count == 2)
    }

    static let cases: [BrokenFile] = [
        BrokenFile(
            name: "unknown metric", text: baseHeader + "values:\n  - name: Speed\n    action: x\n    metrics:\n      - { metric: frst_response_time }\n",
            line: 10, column: 19, code: .unknownReference,
            message: "unknown metric `frst_response_time`; did you mean `first_response_time`?"),
        BrokenFile(
            name: "bad target syntax", text: baseHeader + "values:\n  - name: Speed\n    action: x\n    metrics:\n      - { metric: csat, target: \"90%\" }\n",
            line: 10, column: 33, code: .invalidValue,
            message: "target `90%` does not start with a comparison: write `<= 1h`, `>= 90%` or `>= 8.5` (one of <, <=, >, >=)"),
        BrokenFile(
            name: "unknown unit", text: baseHeader + "values:\n  - name: Speed\n    action: x\n    metrics:\n      - { metric: first_response_time, target: \"<= 1hr\" }\n",
            line: 10, column: 48, code: .invalidValue, message: "target `<= 1hr`: unknown unit `hr`; did you mean `h`? (units: ms, s, m, h, d for durations; % for percentages; none for scores)"),
        BrokenFile(
            name: "a percentage target on a duration", text: baseHeader + "values:\n  - name: Speed\n    action: x\n    metrics:\n      - { metric: first_response_time, target: \"<= 90%\" }\n",
            line: 10, column: 48, code: .invalidValue,
            message: "target `<= 90%`: `first_response_time` is a duration: write the target with a unit, such as `<= 1h` or `<= 90s`"),
        BrokenFile(
            name: "a duration target on a rate", text: baseHeader + "values:\n  - name: Q\n    action: x\n    metrics:\n      - { metric: csat, target: \">= 4\" }\n",
            line: 10, column: 33, code: .invalidValue,
            message: "target `>= 4`: `csat` is a percentage: write the target with `%`, such as `>= 90%`"),
        BrokenFile(
            name: "bad time zone", text: baseHeader + "organisation: { zone: Europe/Berln }\nvalues: []\n",
            line: 6, column: 23, code: .invalidValue,
            message: "`organisation.zone`: `Europe/Berln` is not an IANA time zone; did you mean `Europe/Berlin`? (for example Europe/Berlin, America/New_York, UTC)"),
        BrokenFile(
            name: "overlapping intervals",
            text: baseHeader + "values: []\nschedules:\n  office:\n    zone: UTC\n    weekly:\n      mon-fri: [\"09:00-13:00\", \"12:00-17:00\"]\n",
            line: 11, column: 32, code: .invalidValue,
            message: "`12:00-17:00` overlaps `09:00-13:00`: intervals of one day must not overlap (merge them into one)"),
        BrokenFile(
            name: "25:00", text: baseHeader + "values: []\nschedules:\n  office:\n    zone: UTC\n    weekly:\n      mon: [\"09:00-25:00\"]\n",
            line: 11, column: 13, code: .invalidValue,
            message: "`25:00` in `09:00-25:00` is not a time of day (00:00 … 23:59, and 24:00 as an end)"),
        BrokenFile(
            name: "unknown team in a filter",
            text: baseHeader + "values:\n  - name: Speed\n    action: x\n    metrics:\n      - { metric: csat, where: { team: [suport] } }\n",
            line: 10, column: 41, code: .unknownReference,
            message: "unknown team `suport`; did you mean `support`? (teams: support)"),
        BrokenFile(
            name: "misspelled key", text: baseHeader + "values:\n  - name: Speed\n    acton: x\n",
            line: 8, column: 5, code: .unknownKey, message: "unknown key `acton` in `values[0]`; did you mean `action`?"),
        BrokenFile(
            name: "wrong YAML type", text: baseHeader + "values:\n  name: Speed\n",
            line: 7, column: 3, code: .wrongType, message: "`values` should be a list, not a mapping"),
        BrokenFile(
            name: "bad iCalendar file",
            text: baseHeader + "values: []\nschedules:\n  office:\n    zone: UTC\n    weekly: { mon: [\"09:00-17:00\"] }\n    holiday_files: [broken.ics]\n",
            line: 11, column: 21, code: .invalidValue,
            message: "broken.ics:4: RRULE FREQ=MONTHLY is not supported: holidays repeat with FREQ=YEARLY only"),
        BrokenFile(
            name: "duplicate value name",
            text: baseHeader + "values:\n  - { name: Speed, action: x }\n  - { name: speed, action: y }\n",
            line: 8, column: 13, code: .duplicateName,
            message: "the value `speed` is already defined as values[0]: value names must be unique"),
        BrokenFile(
            name: "custom metric with an unknown field",
            text: baseHeader
                + "values: []\ncustom_metrics:\n  qa_mood:\n    unit: score\n    values: { type: survey.answered, field: scroe }\n",
            line: 10, column: 45, code: .unknownReference,
            message: "unknown field `scroe` for survey.answered; did you mean `score`? (numbers it carries: score, or attributes.NAME)"),
        BrokenFile(
            name: "not YAML", text: baseHeader + "values: [\n  - name: x\n",
            line: 7, column: 3, code: .syntax, message: "not valid YAML: did not find expected node content"),
        BrokenFile(
            name: "unknown statistic", text: baseHeader + "values:\n  - name: Speed\n    action: x\n    metrics:\n      - { metric: first_response_time, stat: p900 }\n",
            line: 10, column: 46, code: .invalidValue,
            message: "`p900` is not a statistic; did you mean `p90`? (mean, median, p90, p95, p99, min, max, count, sum, rate, within)"),
        BrokenFile(
            name: "a statistic the metric does not take",
            text: baseHeader + "values:\n  - name: Q\n    action: x\n    metrics:\n      - { metric: csat, stat: p90 }\n",
            line: 10, column: 31, code: .invalidValue,
            message: "`p90` does not apply to `csat`, a rate metric (a rate is numerator ÷ denominator: use `rate`, or leave `stat` out)"),
        BrokenFile(
            name: "unknown period", text: baseHeader + "values:\n  - name: Q\n    action: x\n    metrics:\n      - { metric: csat, period: weekly }\n",
            line: 10, column: 33, code: .invalidValue,
            message: "`values[0].metrics[0].period`: `weekly` is not valid; did you mean `week`?"),
        BrokenFile(
            name: "bad date in a holiday list",
            text: baseHeader + "values: []\nschedules:\n  office:\n    zone: UTC\n    weekly: { mon: [\"09:00-17:00\"] }\n    holidays: [2026-02-30]\n",
            line: 11, column: 16, code: .invalidValue,
            message: "`schedules.office.holidays[0]`: `2026-02-30` is not a date (YYYY-MM-DD, such as 2026-12-25)"),
        BrokenFile(
            name: "a day given twice",
            text: baseHeader + "values: []\nschedules:\n  office:\n    zone: UTC\n    weekly:\n      mon-fri: [\"09:00-17:00\"]\n      fri: [\"09:00-15:00\"]\n",
            line: 12, column: 7, code: .invalidValue, message: "fri is already given by `mon-fri`: each day may appear once"),
        BrokenFile(
            name: "unknown schedule in coverage",
            text: baseHeader + "values: []\nschedules:\n  office: { zone: UTC, weekly: { mon: [\"09:00-17:00\"] } }\ncoverage:\n  - { schedule: ofice }\n",
            line: 10, column: 17, code: .unknownReference,
            message: "unknown schedule `ofice`; did you mean `office`? (schedules: office, always)"),
        BrokenFile(
            name: "an SLA policy with a bad duration", text: baseHeader + "values: []\nsla:\n  - { first_response: 15 minutes }\n",
            line: 8, column: 23, code: .invalidValue,
            message: "`sla[0].first_response`: '15 minutes' is not a duration (for example 500ms, 5s, 2m)"),
        BrokenFile(
            name: "a route to an unknown notifier",
            text: baseHeader + "values: []\nnotifiers:\n  log: { type: log, path: alerts.jsonl }\nroutes:\n  - { name: all, severity: [warning], notify: [lgo] }\n",
            line: 10, column: 48, code: .unknownReference, message: "unknown notifier `lgo`; did you mean `log`? (notifiers: log)"),
        BrokenFile(
            name: "an unknown severity",
            text: baseHeader + "values: []\nalerts:\n  - { name: Slow, metric: backlog, condition: \"> 100\", severity: critcal }\n",
            line: 8, column: 66, code: .invalidValue, message: "`alerts[0].severity`: `critcal` is not valid; did you mean `critical`?"),
        BrokenFile(
            name: "an unknown annotation placeholder",
            text: baseHeader
                + "values: []\nalerts:\n  - name: Slow\n    metric: backlog\n    condition: \"> 100\"\n    annotations: { summary: \"backlog is {{ valeu }}\" }\n",
            line: 11, column: 29, code: .invalidValue,
            message: "unknown placeholder `{{ valeu }}`; did you mean `value`? (known: value, threshold, metric, stat, period, status, target, rule, severity, labels.NAME)"),
        BrokenFile(
            name: "a key given twice", text: baseHeader + "values: []\npurpose: again\n",
            line: 7, column: 1, code: .duplicateKey, message: "`purpose` is given twice in the top level (first at line 2); keep one"),
        BrokenFile(
            name: "an unknown event type in a custom metric",
            text: baseHeader + "values: []\ncustom_metrics:\n  leads:\n    unit: count\n    count: { type: lead.qualified }\n",
            line: 10, column: 20, code: .invalidValue,
            message: "`lead.qualified` is not an event type (built-in types are listed in docs/EVENTS.md; your own start with `x.`, such as `x.lead.qualified`)"),
        BrokenFile(
            name: "an overnight shift running into the next day",
            text: baseHeader + "values: []\nschedules:\n  night:\n    zone: UTC\n    weekly:\n      mon: [\"22:00-07:00\"]\n      tue: [\"06:00-12:00\"]\n",
            line: 11, column: 7, code: .invalidValue,
            message: "the overnight interval mon 22:00-07:00 overlaps tue 06:00-12:00: end it by 06:00 or start tue later"),
        BrokenFile(
            name: "versions out of order",
            text: baseHeader
                + "values: []\nschedules:\n  office:\n    zone: UTC\n    weekly: { mon: [\"09:00-17:00\"] }\n    versions:\n      - { from: 2027-03-01, weekly: { mon: [\"08:00-16:00\"] } }\n      - { from: 2027-01-01, weekly: { mon: [\"10:00-18:00\"] } }\n",
            line: 13, column: 17, code: .invalidValue,
            message: "versions must be in date order: 2027-01-01 is not after the previous version's 2027-03-01"),
        BrokenFile(
            name: "a custom metric named like a built-in one",
            text: baseHeader + "values: []\ncustom_metrics:\n  csat:\n    unit: count\n    count: { type: x.survey.sent }\n",
            line: 8, column: 3, code: .duplicateName, message: "`csat` is a built-in metric (csat): give the custom metric another name"),
        BrokenFile(
            name: "a webhook without an http URL",
            text: baseHeader + "values: []\nnotifiers:\n  hook: { type: webhook, url: \"ftp://example.org\", secret_env: S }\n",
            line: 8, column: 31, code: .invalidValue, message: "`ftp://example.org` is not an http:// or https:// URL"),
        BrokenFile(
            name: "both `stat` and `within`",
            text: baseHeader + "values:\n  - name: Speed\n    action: x\n    metrics:\n      - { metric: first_response_time, stat: p90, within: 1h }\n",
            line: 10, column: 46, code: .invalidValue,
            message: "`within: 1h` makes the statistic \"% within 1h\", and `stat` says `p90`: keep one"),
        BrokenFile(
            name: "a values metric in percent",
            text: baseHeader + "values: []\ncustom_metrics:\n  utilisation:\n    unit: percent\n    values: { type: x.shift.logged, field: busy_share }\n",
            line: 9, column: 11, code: .invalidValue,
            message: "a `values` metric is measured in count, score, seconds or money; a percentage is a `rate` of two counts"),
    ]

    @Test(arguments: cases)
    func brokenFile(_ broken: BrokenFile) {
        let result = PhilosophyParser.parse(broken.text) { path in
            path == "broken.ics"
                ? .success("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=MONTHLY\nEND:VEVENT\nEND:VCALENDAR\n")
                : .failure(PhilosophyFileError(path: path, reason: "no such file"))
        }
        #expect(result.philosophy == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        let error = errors.first
        #expect(error?.message == broken.message)
        #expect(error?.position == YAMLPosition(line: broken.line, column: broken.column))
        #expect(error?.code == broken.code)
    }

    @Test func everyCaseIsADifferentMistake() {
        #expect(Self.cases.count >= 25)
        #expect(Set(Self.cases.map(\.message)).count == Self.cases.count)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test func allErrorsAreReportedAtOnce() {
        let text = baseHeader + """
            values:
              - name: Speed
                acton: x
                metrics:
                  - { metric: frt2, target: "<= 1h" }
                  - { metric: csat, target: "90" }
            schedules:
              office: { zone: Mars/Olympus, weekly: { mon: ["09:00-25:00"] } }
            """
        let result = PhilosophyParser.parse(text)
        let errors = result.diagnostics.filter { $0.severity == .error }
        // `action` is missing too, but as the misspelled `acton`: one finding, not two.
        #expect(errors.map(\.position.line) == [8, 10, 11, 13, 13])
        #expect(errors.map(\.code) == [.unknownKey, .unknownReference, .invalidValue, .invalidValue, .invalidValue])
        #expect(errors.map(\.field) == [
            "values[0].acton", "values[0].metrics[0].metric", "values[0].metrics[1].target", "schedules.office.zone",
            "schedules.office.weekly.mon[0]",
        ])
    }
}
