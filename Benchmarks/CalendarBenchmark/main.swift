// tenet-calendar-bench: business durations per second under a realistic schedule (TenetCalendar's
// BusinessCalendar), beside plain calendar-time subtraction of the same instants (the reference,
// same process), and SLA deadlines per second. Scripts/bench.sh runs it once a round (`make bench`).
//
//   tenet-calendar-bench [--spans N] [--round K] [--seed S] [--sample M]
//
// N random spans (CalendarRun; 2,000,000 by default) across the schedule's version change on
// 2026-07-01, daylight-saving changes and boundaries of the calendar's compiled spans. Each loop is
// timed once (repeating it would let the optimiser fold the reference's repeats into one), after an
// untimed warm-up that compiles the calendar; the subject and the reference take turns going first
// by round. Checks, untimed: a second pass recomputes every result and must give each timed loop's
// checksum, and M spans spread over the run are compared with the slow day-by-day reference; a
// mismatch exits 1 without printing a measurement. Output: three measurements as JSON lines
// (TenetBenchSupport.RunMeasurement) on stdout, a line for people each on stderr.
import Foundation
import TenetBenchSupport
import TenetCalendar

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

var spans = 2_000_000, round = 1, seed = 0x7E4E_7CA1, sample = 2_000
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    guard let text = arguments.next(), let value = Int(text.filter { $0 != "_" }), value >= 1 else {
        standardError("tenet-calendar-bench: \(argument) needs a whole number >= 1")
        standardError("usage: tenet-calendar-bench [--spans N] [--round K] [--seed S] [--sample M]")
        exit(2)
    }
    switch argument {
    case "--spans": spans = value
    case "--round": round = value
    case "--seed": seed = value
    case "--sample": sample = value
    default:
        standardError("tenet-calendar-bench: unknown argument '\(argument)'")
        standardError("usage: tenet-calendar-bench [--spans N] [--round K] [--seed S] [--sample M]")
        exit(2)
    }
}

let calendar: BusinessCalendar
do {
    calendar = try BusinessCalendar(BenchmarkSchedule.make())
} catch {
    standardError("tenet-calendar-bench: the benchmark schedule does not compile: \(error)")
    exit(1)
}
let run = CalendarRun(calendar: calendar, count: spans, seed: UInt64(seed))
let compileSeconds = run.warmUp()
let durations: CalendarRun.Timed, subtraction: CalendarRun.Timed
if round % 2 == 1 {
    subtraction = run.subtraction()
    durations = run.durations()
} else {
    durations = run.durations()
    subtraction = run.subtraction()
}
let deadlines = run.deadlines()

let (problems, sampled, businessShare) = run.check(durations: durations, subtraction: subtraction, deadlines: deadlines, sample: sample)
guard problems.isEmpty else {
    standardError("tenet-calendar-bench: the check failed:\n" + problems.joined(separator: "\n"))
    exit(1)
}

let settings = [
    "schedule": BenchmarkSchedule.summary, "spans": String(spans), "seed": String(seed), "sampled": String(sampled),
    "warmup_seconds": Statistics.fixed(compileSeconds, 4), "business_share": Statistics.fixed(businessShare, 3),
    "first": round % 2 == 1 ? Subject.subtraction : Subject.businessDuration,
]
let checks = [
    Subject.businessDuration:
        "an untimed second pass gave the timed loop's checksum; \(sampled) spans spread over the run matched the slow day-by-day reference exactly",
    Subject.subtraction: "an untimed second pass gave the timed loop's sum",
    Subject.deadline:
        "an untimed second pass gave the timed loop's checksum; for \(sampled) sampled spans the business time to the deadline was exactly the time added, and 1 ns less just before it",
]
for (subject, result) in [(Subject.businessDuration, durations), (Subject.subtraction, subtraction), (Subject.deadline, deadlines)] {
    RunMeasurement(
        suite: Suite.calendar, subject: subject, variant: "spans up to 30 days", run: round, count: spans, seconds: result.seconds,
        rate: result.rate, unit: "spans/s", check: checks[subject]!, settings: settings
    ).print()
    standardError("# calendar \(subject) round \(round): \(Statistics.grouped(result.rate)) /s")
}
