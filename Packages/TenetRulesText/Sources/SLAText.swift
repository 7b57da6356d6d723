import Foundation
import TenetModels
import TenetRulesProtocol

/// What `tenet sla` prints for an ``SLAReply``: the running clocks, attainment, and the latest
/// breaches and near-breaches.
public enum SLAText {
    /// How many of each list of breaches and near-breaches the text shows (`--json` has all).
    public static let listed = 10

    /// The reply as text: ends with a newline.
    ///
    /// - A header: SLA time on the wall clock of `zone`, whether it is `live` or catching up
    ///   (and then how far behind `now`), and how many running clocks match.
    /// - The clocks in the reply's order (soonest breach first): conversation, policy, metric,
    ///   target, remaining (negative once overdue: `-12m`), the breach instant in `zone` (`-`
    ///   for a paused clock), and the state (``state(_:)``).
    ///   With none, one line that says so (worded after `filter`: `breached`, `at_risk`).
    /// - Attainment per policy and metric (met/applied and percent, breaches, near-breaches).
    /// - The latest breaches and near-breaches, newest first, at most ``listed`` of each.
    public static func render(_ reply: SLAReply, now: Timestamp, zone: TimeZone, filter: String? = nil) -> String {
        var sections: [String] = []
        var header = "SLA time \(RulesFormat.instant(reply.at, zone: zone)) \(zone.identifier), "
        if reply.live {
            header += "live"
        } else if let at = Timestamp(rfc3339: reply.at) {
            header += "catching up (\(DurationText.age(seconds: max(0, RulesFormat.seconds(from: at, to: now)))) behind now)"
        } else {
            header += "catching up"
        }
        if reply.clocks.isEmpty && reply.total == 0 {
            sections.append(header + "\n" + nothingRunning(filter: filter))
        } else {
            let count = reply.total == reply.clocks.count
                ? "\(reply.total) running clock\(reply.total == 1 ? "" : "s")"
                : "\(reply.clocks.count) of \(reply.total) running clocks"
            var rows = [["CONVERSATION", "POLICY", "METRIC", "TARGET", "REMAINING", "BREACH AT", "STATE"]]
            for clock in reply.clocks {
                rows.append([
                    clock.conversation, clock.policy, clock.metric, DurationText.age(seconds: clock.targetSeconds),
                    DurationText.age(seconds: clock.remainingSeconds), RulesFormat.instant(clock.breachAt, zone: zone), state(clock),
                ])
            }
            sections.append(header + ": " + count + "\n" + TextTable.align(rows))
        }
        if !reply.attainment.isEmpty {
            var rows = [["POLICY", "METRIC", "MET/APPLIED", "ATTAINMENT", "BREACHED", "NEAR-BREACHES"]]
            for row in reply.attainment {
                rows.append([
                    row.policy, row.metric, "\(row.met)/\(row.applied)", RulesFormat.percent(row.percent), "\(row.breached)",
                    "\(row.nearBreaches)",
                ])
            }
            sections.append("Attainment\n" + TextTable.align(rows))
        }
        for (title, list) in [("Latest breaches", reply.breaches), ("Latest near-breaches", reply.nearBreaches)] where !list.isEmpty {
            let shown = list.prefix(listed)
            let count = shown.count == list.count ? "" : ", \(shown.count) of \(list.count)"
            var rows = [["AT", "CONVERSATION", "POLICY", "METRIC", "TARGET", "COUNTED"]]
            for emission in shown {
                rows.append([
                    RulesFormat.instant(emission.at, zone: zone), emission.conversation, emission.policy, emission.metric,
                    DurationText.age(seconds: emission.targetSeconds), DurationText.age(seconds: emission.elapsedSeconds),
                ])
            }
            sections.append("\(title), newest first\(count)\n" + TextTable.align(rows))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// `breached` or `warned` (the breach emitted, else the warning), with `paused` for a
    /// paused clock (`warned, paused`); `counting` for a clock that is none of these.
    public static func state(_ clock: SLAClockBody) -> String {
        var parts: [String] = []
        if clock.breached {
            parts.append("breached")
        } else if clock.warned {
            parts.append("warned")
        }
        if clock.paused { parts.append("paused") }
        return parts.isEmpty ? "counting" : parts.joined(separator: ", ")
    }

    /// The line printed when no running clock matches `filter`.
    public static func nothingRunning(filter: String?) -> String {
        switch filter {
        case "breached": "No running SLA clock has breached."
        case "at_risk": "No running SLA clock is at risk."
        default: "No SLA clock is running."
        }
    }
}
