import Foundation

/// The report as one self-contained HTML file: inline CSS (with a print stylesheet), inline SVG
/// charts (a trend line per key metric with history, a distribution with its percentile marks
/// per duration metric with rows), no script, no external reference. Tables have captions and
/// column headers, charts have a text alternative, and status is written in words, not colour
/// alone.
public struct HTMLReport: Sendable {
    /// The model to lay out.
    public var model: ReportModel

    /// Creates a renderer.
    public init(_ model: ReportModel) {
        self.model = model
    }

    /// The document.
    public func render() -> String {
        let title = (model.organisation.isEmpty ? "Scorecard" : "Scorecard: \(model.organisation)") + " (\(model.period))"
        var body: [String] = []
        body.append("<header><h1>\(Self.escape(title))</h1>")
        body.append("<p class=\"meta\">\(Self.escape(model.period)) from <time>\(Self.escape(model.from))</time> to <time>\(Self.escape(model.to))</time>; figures at <time>\(Self.escape(model.generatedAt))</time>, last event seq \(model.lastSeq).</p>")
        if !model.purpose.isEmpty { body.append("<p><strong>Purpose:</strong> \(Self.escape(model.purpose))</p>") }
        if !model.vision.isEmpty { body.append("<p><strong>Vision:</strong> \(Self.escape(model.vision))</p>") }
        body.append("</header><main>")
        body.append("<section aria-labelledby=\"values\"><h2 id=\"values\">Values</h2>")
        for value in model.values {
            body.append("<section class=\"value\"><h3>\(Self.escape(value.name))</h3>")
            body.append("<blockquote>\(Self.escape(value.action))</blockquote>")
            body.append(table(value.metrics, caption: "Key metrics of \(value.name)"))
            body.append(trendCharts(value.metrics))
            body.append("</section>")
        }
        body.append("</section>")
        if !model.teams.isEmpty {
            body.append("<section aria-labelledby=\"teams\"><h2 id=\"teams\">Teams</h2>")
            for team in model.teams {
                body.append("<section class=\"team\"><h3>\(Self.escape(team.name)) (\(Self.escape(team.id)))</h3>")
                body.append(table(team.metrics, caption: "Metrics of team \(team.name)"))
                body.append(trendCharts(team.metrics))
                body.append("</section>")
            }
            body.append("</section>")
        }
        if !model.others.isEmpty {
            body.append("<section aria-labelledby=\"volume\"><h2 id=\"volume\">Volume</h2><ul>")
            for line in model.others {
                body.append("<li>\(Self.escape(line.label)) (\(Self.escape(line.period))): <strong>\(Self.escape(line.actualText))</strong></li>")
            }
            body.append("</ul></section>")
        }
        let distributions = model.rows.filter { $0.unit == "seconds" && !$0.rows.isEmpty }
        if !distributions.isEmpty {
            body.append("<section aria-labelledby=\"distributions\"><h2 id=\"distributions\">Distributions</h2><div class=\"charts\">")
            for set in distributions { body.append(ReportChart.distribution(set)) }
            body.append("</div></section>")
        }
        body.append(slaSection())
        body.append(alertsSection())
        body.append(staffingSection())
        body.append("</main>")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// The stylesheet: dark text on white (contrast above 7:1), status in words with a coloured
    /// marker, tables that do not break across printed pages.
    static let style = """
        :root { color-scheme: light; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.3rem; border-bottom: 2px solid #1b1b1b; padding-bottom: .2rem; margin-top: 2rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
        .meta { color: #3d3d3d; }
        blockquote { margin: .25rem 0 .75rem; padding-left: .75rem; border-left: 4px solid #4a4a4a; font-style: italic; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { border: 1px solid #8a8a8a; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #ececec; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .status { font-weight: 600; white-space: nowrap; }
        .status::before { content: "\\25CF\\00A0"; }
        .met::before { color: #1a7f37; } .at_risk::before { color: #9a6700; } .missed::before { color: #cf222e; } .no_data::before { color: #6e7781; }
        .better { color: #1a5e2a; } .worse { color: #a40e26; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure { margin: 0; } figcaption { font-size: .85rem; color: #3d3d3d; }
        svg text { font: 11px system-ui, sans-serif; fill: #1b1b1b; }
        .note { color: #3d3d3d; font-style: italic; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          h2 { break-after: avoid; } table, figure, section.value, section.team { break-inside: avoid; }
          th { background: #ececec !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """

    /// A key metric table.
    func table(_ lines: [ReportModel.KeyMetricLine], caption: String) -> String {
        guard !lines.isEmpty else { return "<p class=\"note\">No figures.</p>" }
        var rows: [String] = []
        for line in lines {
            let status = line.status.map { "<span class=\"status \(Self.escape($0))\">\(Self.escape($0.replacingOccurrences(of: "_", with: " ")))</span>" } ?? "-"
            let change = line.trend.map { trend in
                "<span class=\"\(trend.direction ?? "")\">\(Self.escape(trend.changeText))\(trend.direction.map { " (\($0))" } ?? "")</span>"
            } ?? "-"
            rows.append(
                "<tr><th scope=\"row\">\(Self.escape(line.label))</th><td>\(Self.escape(line.statText))</td><td>\(Self.escape(line.period))</td>"
                    + "<td>\(Self.escape(line.target ?? "-"))</td><td class=\"num\">\(Self.escape(line.actualText))</td><td class=\"num\">\(line.sampleSize)</td>"
                    + "<td class=\"num\">\(Self.escape(line.trend?.previousText ?? "-"))</td><td class=\"num\">\(change)</td><td>\(status)</td></tr>")
        }
        return "<table><caption>\(Self.escape(caption))</caption><thead><tr>"
            + ["Key metric", "Stat", "Period", "Target", "Actual", "N", "Previous", "Change", "Status"].map { "<th scope=\"col\">\($0)</th>" }.joined()
            + "</tr></thead><tbody>\n" + rows.joined(separator: "\n") + "\n</tbody></table>"
    }

    /// The trend lines of the lines that have history.
    func trendCharts(_ lines: [ReportModel.KeyMetricLine]) -> String {
        let charts = lines.filter { $0.history.compactMap(\.value).count >= 2 }.map(ReportChart.trend)
        return charts.isEmpty ? "" : "<div class=\"charts\">" + charts.joined(separator: "\n") + "</div>"
    }

    func slaSection() -> String {
        var out = ["<section aria-labelledby=\"sla\"><h2 id=\"sla\">SLA attainment</h2>"]
        guard model.sla.available else {
            return out[0] + "<p class=\"note\">Not available: \(Self.escape(model.sla.note ?? "no reply")).</p></section>"
        }
        out.append(
            Self.simpleTable(
                caption: "Attainment per policy and clock", header: ["Policy", "Clock", "Met", "Applied", "Attainment", "Breached", "Near breaches"],
                rows: model.sla.attainment.map { [$0.policy, $0.clock, "\($0.met)", "\($0.applied)", $0.percentText, "\($0.breached)", "\($0.nearBreaches)"] },
                numeric: [2, 3, 4, 5, 6], empty: "No SLA clock has stopped yet."))
        out.append("<h3>Breaches in the period</h3>")
        out.append(
            Self.simpleTable(
                caption: "SLA breaches in the period, newest first", header: ["At", "Conversation", "Policy", "Clock", "Target", "Elapsed"],
                rows: model.sla.breaches.map { [$0.at, $0.conversation, $0.policy, $0.clock, $0.targetText, $0.elapsedText] }, numeric: [4, 5],
                empty: "No breach in the period."))
        return out.joined(separator: "\n") + "</section>"
    }

    func alertsSection() -> String {
        let head = "<section aria-labelledby=\"alerts\"><h2 id=\"alerts\">Alerts of the period</h2>"
        guard model.alerts.available else {
            return head + "<p class=\"note\">Not available: \(Self.escape(model.alerts.note ?? "no reply")).</p></section>"
        }
        return head
            + Self.simpleTable(
                caption: "Alert transitions, newest first", header: ["At", "Rule", "Severity", "From", "To", "Labels", "Figure"],
                rows: model.alerts.transitions.map { [$0.at, $0.rule, $0.severity, $0.from, $0.to, $0.labels, $0.valueText] }, numeric: [6],
                empty: "No alert changed state in the period.") + "</section>"
    }

    func staffingSection() -> String {
        let head = "<section aria-labelledby=\"staffing\"><h2 id=\"staffing\">Staffing</h2>"
        let staffing = model.staffing
        guard staffing.available else {
            return head + "<p class=\"note\">Not available: \(Self.escape(staffing.note ?? "no data")).</p></section>"
        }
        return head
            + "<p>Agents needed per \(staffing.intervalMinutes)-minute slot (\(Self.escape(staffing.zone))) for a service level of \(Self.escape(staffing.target)), from the observed contacts and handle times (Erlang C).</p>"
            + Self.simpleTable(
                caption: "Agents needed per slot of the week", header: ["Slot", "Contacts", "Days", "Contacts/day", "AHT", "Agents", "Service level"],
                rows: staffing.slots.map {
                    [$0.slot, "\($0.contacts)", "\($0.days)", String(format: "%.1f", $0.contactsPerDay),
                     $0.aht.map { FigureText.value($0, unit: "seconds") } ?? "-", "\($0.agents)", String(format: "%.1f%%", $0.serviceLevel * 100)]
                }, numeric: [1, 2, 3, 4, 5, 6], empty: "No contacts observed.") + "</section>"
    }

    /// A table with a caption and column headers; `numeric` columns right-aligned.
    static func simpleTable(caption: String, header: [String], rows: [[String]], numeric: Set<Int>, empty: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"note\">\(escape(empty))</p>" }
        let head = header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.enumerated().map { index, cell in "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(escape(cell))</td>" }.joined() + "</tr>"
        }
        return "<table><caption>\(escape(caption))</caption><thead><tr>\(head)</tr></thead><tbody>\n" + body.joined(separator: "\n") + "\n</tbody></table>"
    }

    /// Text safe in HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
