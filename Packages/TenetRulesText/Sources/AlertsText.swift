import Foundation
import TenetModels
import TenetRulesProtocol

/// What `tenet alerts` prints for an ``AlertsReply``: the instances firing and pending, the
/// targets not met, and the latest transitions.
public enum AlertsText {
    /// The line printed when nothing is pending or firing.
    public static let nothingActive = "No alert is pending or firing."

    /// The reply as text: ends with a newline.
    ///
    /// - The instances, firing first (in the reply's order otherwise): rule, severity, state,
    ///   labels, value, how long the condition has held (`active_at`) and how long it has fired
    ///   (`fired_at`), as ages at `now` (`12m`). With none, the one line ``nothingActive``.
    /// - The targets not met (omitted when every target is met): the value or team, metric,
    ///   statistic, period, status, figure (in its target's unit), target and sample size.
    /// - The latest transitions, newest first as the reply gives them (omitted when there are
    ///   none), with their instants on the wall clock of `zone`.
    public static func render(_ reply: AlertsReply, now: Timestamp, zone: TimeZone) -> String {
        var sections: [String] = []
        let firing = reply.active.filter { $0.state == "firing" }
        let others = reply.active.filter { $0.state != "firing" }
        if reply.active.isEmpty {
            sections.append(nothingActive)
        } else {
            let pending = others.filter { $0.state == "pending" }.count
            var summary = "\(firing.count) firing, \(pending) pending"
            if others.count > pending { summary += ", \(others.count - pending) other" }
            var rows = [["RULE", "SEVERITY", "STATE", "LABELS", "VALUE", "ACTIVE FOR", "FIRING FOR"]]
            for alert in firing + others {
                rows.append([
                    alert.rule, alert.severity, alert.state, RulesFormat.labels(alert.labels),
                    alert.valueText ?? alert.value.map(RulesFormat.number) ?? "-", RulesFormat.age(since: alert.activeAt, now: now),
                    RulesFormat.age(since: alert.firedAt, now: now),
                ])
            }
            sections.append(summary + "\n" + TextTable.align(rows))
        }
        if !reply.targets.isEmpty {
            var rows = [["VALUE / TEAM", "METRIC", "STAT", "PERIOD", "STATUS", "ACTUAL", "TARGET", "N"]]
            for target in reply.targets {
                rows.append([
                    target.valueName ?? target.team.map { "team \($0)" } ?? "-", target.metric, target.stat, target.period, target.status,
                    RulesFormat.figure(target.value, target: target.target), target.target, "\(target.sampleSize)",
                ])
            }
            sections.append("Targets not met (\(reply.targets.count))\n" + TextTable.align(rows))
        }
        if !reply.recent.isEmpty {
            var rows = [["AT", "RULE", "SEVERITY", "LABELS", "CHANGE", "VALUE"]]
            for transition in reply.recent {
                rows.append([
                    RulesFormat.instant(transition.at, zone: zone), transition.rule, transition.severity,
                    RulesFormat.labels(transition.labels), "\(transition.from) → \(transition.to)", transition.valueText,
                ])
            }
            sections.append("Latest transitions, newest first (\(zone.identifier))\n" + TextTable.align(rows))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }
}
