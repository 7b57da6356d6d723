import Foundation

/// The report as Markdown: headings per section, one table per value and per team.
public struct MarkdownReport: Sendable {
    /// The model to lay out.
    public var model: ReportModel

    /// Creates a renderer.
    public init(_ model: ReportModel) {
        self.model = model
    }

    /// The report's text, ending with a newline.
    public func render() -> String {
        var out: [String] = []
        let title = model.organisation.isEmpty ? "Scorecard" : "Scorecard: \(model.organisation)"
        out.append("# \(title) (\(model.period) from \(model.from) to \(model.to))")
        out.append("")
        out.append("Figures at \(model.generatedAt), last event seq \(model.lastSeq).")
        out.append("")
        if !model.purpose.isEmpty { out += ["**Purpose:** \(Self.escape(model.purpose))", ""] }
        if !model.vision.isEmpty { out += ["**Vision:** \(Self.escape(model.vision))", ""] }
        out.append("## Values")
        for value in model.values {
            out.append("")
            out.append("### \(Self.escape(value.name))")
            out.append("")
            out.append("> \(Self.escape(value.action))")
            out.append("")
            out += table(value.metrics)
        }
        if !model.teams.isEmpty {
            out.append("")
            out.append("## Teams")
            for team in model.teams {
                out.append("")
                out.append("### \(Self.escape(team.name)) (\(Self.escape(team.id)))")
                out.append("")
                out += table(team.metrics)
            }
        }
        if !model.others.isEmpty {
            out.append("")
            out.append("## Volume")
            out.append("")
            for line in model.others { out.append("- \(line.label) (\(line.period)): \(line.actualText)") }
        }
        out.append("")
        out.append("## SLA attainment")
        out.append("")
        if model.sla.available {
            out += Self.rows(
                ["Policy", "Clock", "Met", "Applied", "Attainment", "Breached", "Near breaches"],
                model.sla.attainment.map { [$0.policy, $0.clock, "\($0.met)", "\($0.applied)", $0.percentText, "\($0.breached)", "\($0.nearBreaches)"] },
                empty: "No SLA clock has stopped yet.")
            out.append("")
            out.append("### Breaches in the period")
            out.append("")
            out += Self.rows(
                ["At", "Conversation", "Policy", "Clock", "Target", "Elapsed"],
                model.sla.breaches.map { [$0.at, $0.conversation, $0.policy, $0.clock, $0.targetText, $0.elapsedText] },
                empty: "No breach in the period.")
        } else {
            out.append("Not available: \(Self.escape(model.sla.note ?? "no reply")).")
        }
        out.append("")
        out.append("## Alerts of the period")
        out.append("")
        if model.alerts.available {
            out += Self.rows(
                ["At", "Rule", "Severity", "From", "To", "Labels", "Figure"],
                model.alerts.transitions.map { [$0.at, $0.rule, $0.severity, $0.from, $0.to, $0.labels, $0.valueText] },
                empty: "No alert changed state in the period.")
        } else {
            out.append("Not available: \(Self.escape(model.alerts.note ?? "no reply")).")
        }
        out.append("")
        out.append("## Staffing")
        out.append("")
        if model.staffing.available {
            out.append(
                "Agents needed per \(model.staffing.intervalMinutes)-minute slot (\(model.staffing.zone)) for a service level of "
                    + "\(model.staffing.target), from the observed contacts and handle times (Erlang C).")
            out.append("")
            out += Self.rows(
                ["Slot", "Contacts", "Days", "Contacts/day", "AHT", "Agents", "Service level"],
                model.staffing.slots.map {
                    [$0.slot, "\($0.contacts)", "\($0.days)", String(format: "%.1f", $0.contactsPerDay),
                     $0.aht.map { FigureText.value($0, unit: "seconds") } ?? "-", "\($0.agents)", String(format: "%.1f%%", $0.serviceLevel * 100)]
                },
                empty: "No contacts observed.")
        } else {
            out.append("Not available: \(Self.escape(model.staffing.note ?? "no data")).")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A key metric table.
    func table(_ lines: [ReportModel.KeyMetricLine]) -> [String] {
        Self.rows(
            ["Key metric", "Stat", "Period", "Target", "Actual", "N", "Previous", "Change", "Status"],
            lines.map { line in
                let change = line.trend.map { $0.changeText + ($0.direction.map { " (\($0))" } ?? "") } ?? "-"
                return [
                    line.label, line.statText, line.period, line.target ?? "-", line.actualText, "\(line.sampleSize)",
                    line.trend?.previousText ?? "-", change, line.status ?? "-",
                ]
            },
            empty: "No figures.")
    }

    /// A Markdown table, or `empty` without rows.
    static func rows(_ header: [String], _ rows: [[String]], empty: String) -> [String] {
        guard !rows.isEmpty else { return [empty] }
        func line(_ cells: [String]) -> String { "| " + cells.map(escape).joined(separator: " | ") + " |" }
        return [line(header), "|" + header.map { _ in "---|" }.joined()] + rows.map(line)
    }

    /// Text with the characters Markdown would read as table or markup escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|", "*", "`", "\\", "[", "]": out.append("\\"); out.append(character)
            case "\n": out.append(" ")
            default: out.append(character)
            }
        }
        return out
    }
}
