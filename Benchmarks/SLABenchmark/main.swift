// tenet-sla-bench: SLA clocks tracked at once and evaluations per second (TenetSLA's SLAClockBook).
//
//   tenet-sla-bench [--conversations N] [--round K] [--seed S] [--sample M] [--snapshot 1]
//
// N conversations (1,000,000 by default) opened within an hour under a business-hours policy, a
// third answered (SLARun); then `due` swept minute by minute over two weeks; then, as the
// reference, the bare BusinessCalendar deadlines of the same clocks (two per conversation). Memory is the
// process's VmRSS once every clock is open and its VmHWM at the end. Check, untimed: for M
// unanswered conversations spread over the run, the first-response warning and breach and the
// resolution breach must be exactly the instants computed from BusinessCalendar's slow
// day-by-day open intervals; a mismatch exits 1 without printing a measurement. Output: JSON
// lines (TenetBenchSupport.RunMeasurement) on stdout, a line for people on stderr. `--snapshot 1`
// also times a snapshot through its binary form and its restore once every clock is open (stderr only; it
// inflates the memory figures).
import Foundation
import TenetBenchSupport

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

var conversations = 1_000_000, round = 1, seed = 0x51A_C10C, sample = 1_000, snapshot = 0
let usage = "usage: tenet-sla-bench [--conversations N] [--round K] [--seed S] [--sample M] [--snapshot 1]"
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    guard let text = arguments.next(), let value = Int(text.filter { $0 != "_" }), value >= 1 else {
        standardError("tenet-sla-bench: \(argument) needs a whole number >= 1\n\(usage)")
        exit(2)
    }
    switch argument {
    case "--conversations": conversations = value
    case "--round": round = value
    case "--seed": seed = value
    case "--sample": sample = value
    case "--snapshot": snapshot = value
    default:
        standardError("tenet-sla-bench: unknown argument '\(argument)'\n\(usage)")
        exit(2)
    }
}

let result: SLARun.Result
do {
    result = try SLARun(count: conversations, seed: UInt64(seed), sample: sample, snapshot: snapshot == 1).run()
} catch {
    standardError("tenet-sla-bench: \(error)")
    exit(1)
}
guard result.mismatches.isEmpty, result.checked > 0 else {
    standardError("tenet-sla-bench: \(result.mismatches.count) of \(result.checked) sampled clocks differ from the reference:")
    result.mismatches.prefix(10).forEach(standardError)
    exit(1)
}
let check = "\(result.checked) sampled unanswered conversations: first-response warning and breach and resolution breach equal, to the nanosecond, the instants from BusinessCalendar's day-by-day open intervals"
let settings = [
    "conversations": "\(result.count)", "events": "\(result.events)", "open_clocks": "\(result.openClocks)",
    "rss_after_open_bytes": "\(result.residentAfterOpen)", "peak_bytes": "\(result.peak)", "due_calls": "\(result.dueCalls)",
    "emissions": "\(result.emissions)", "emissions_during_apply": "\(result.emissionsDuringApply)",
]
let applyRate = Double(result.events) / result.applySeconds
let dueRate = Double(result.emissions - result.emissionsDuringApply) / result.dueSeconds
print(
    RunMeasurement(
        suite: Suite.sla, subject: Subject.slaApply, variant: "\(result.count) conversations", run: round, count: result.events,
        seconds: result.applySeconds, rate: applyRate, unit: "events/s", check: check, settings: settings
    ).jsonLine())
print(
    RunMeasurement(
        suite: Suite.sla, subject: Subject.slaDue, variant: "\(result.count) conversations", run: round, count: result.emissions - result.emissionsDuringApply,
        seconds: result.dueSeconds, rate: dueRate, unit: "emissions/s", check: check, settings: settings
    ).jsonLine())
print(
    RunMeasurement(
        suite: Suite.sla, subject: Subject.slaDeadline, variant: "\(result.count) conversations", run: round, count: result.deadlines,
        seconds: result.deadlineSeconds, rate: Double(result.deadlines) / result.deadlineSeconds, unit: "deadlines/s",
        check: "the deadlines' checksum is not zero (so none is optimised away)", settings: settings
    ).jsonLine())
func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
standardError(
    "tenet-sla-bench: \(result.count) conversations, \(result.events) events applied in \(String(format: "%.2f", result.applySeconds)) s "
        + "(\(Int(applyRate)) events/s, \(result.emissionsDuringApply) warnings/breaches/outcomes on the way); \(result.openClocks) clocks counting once all were open; "
        + "VmRSS \(mib(result.residentAfterOpen)) with every clock open, VmHWM \(mib(result.peak)); "
        + "\(result.dueCalls) due calls in \(String(format: "%.2f", result.dueSeconds)) s (\(Int(Double(result.dueCalls) / result.dueSeconds)) calls/s, "
        + "\(Int(dueRate)) emissions/s); reference: \(Int(Double(result.deadlines) / result.deadlineSeconds)) bare calendar deadlines/s; "
        + "\(result.checked) sampled clocks exact")
