import ArgumentParser
import Foundation
import TenetBus
import TenetMetricsProtocol
import TenetPhilosophy
import TenetReporting
import TenetRulesProtocol

/// `tenet report`: the philosophy scorecard, team tables, SLA attainment, the alerts of the
/// period and the staffing table as one file (HTML, Markdown, CSV or JSON), from the running
/// metrics and rules plugins. docs/REPORTS.md describes its content.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the scorecard report (HTML, Markdown, CSV or JSON) from the running metrics and rules plugins.",
        discussion: """
            The key metrics are the scorecard's (the figures `tenet metrics` shows, each over its \
            own period), with the previous period's figure and the change; --period chooses the \
            span of the alerts and SLA breaches listed and the file's name. Writes \
            report-<period>-<date>.<ext> into --out (default: the current directory; `-` for \
            standard output); CSV also writes report-<period>-<date>-conversations.csv, one row \
            per conversation with its measurements. docs/REPORTS.md describes every section.
            """)

    @Option(name: .long, help: "The report's period: day, week or month.")
    var period = "week"

    @Option(name: .long, help: "html, md, csv or json.")
    var format = "html"

    @Option(name: .long, help: "The directory to write into, or - for standard output.")
    var out = "."

    @Option(name: .long, help: "How many earlier periods each key metric's trend line shows (0–24; the last is the trend's reference).")
    var history = 6

    @Option(name: .long, help: "The most measurements fetched per key metric for the distributions and the row-level CSV.")
    var rowsLimit = 100_000

    @Option(name: .long, help: "The service-level target the staffing table plans for.")
    var serviceLevel = "80/20"

    @Option(name: .long, help: "The metrics plugin's name in the stack.")
    var metricsPlugin = "metrics"

    @Option(name: .long, help: "The rules plugin's name in the stack.")
    var rulesPlugin = "rules"

    @Option(name: .long, help: "Seconds to wait for each answer.")
    var timeout: Double = 30

    @OptionGroup var data: DataOptions

    static let formats = ["html": "html", "md": "md", "markdown": "md", "csv": "csv", "json": "json"]

    func validate() throws {
        guard ["day", "week", "month"].contains(period) else { throw ValidationError("--period \(period): use day, week or month") }
        guard Self.formats[format] != nil else { throw ValidationError("--format \(format): use html, md, csv or json") }
        guard (0...24).contains(history) else { throw ValidationError("--history \(history): give 0 to 24") }
        guard rowsLimit >= 0 else { throw ValidationError("--rows-limit \(rowsLimit): give 0 or more") }
    }

    func run() throws {
        let metrics = try PluginClient(plugin: metricsPlugin, dataPath: data.data, sender: "tenet-report", timeoutSeconds: timeout)
        defer { metrics.close() }
        guard let path = metrics.report.supervisor.philosophy else {
            throw CommandFailure(message: "the running stack names no philosophy file: a report needs its values and teams", exitCode: 2)
        }
        let check = PhilosophyLoader.load(path: path)
        guard let philosophy = check.philosophy else {
            throw CommandFailure(
                message: "\(path) has errors (`tenet check \(path)` lists them): a report needs its values and teams", exitCode: 2)
        }
        let zone = philosophy.organisation.zone
        var inputs = ReportInputs(scorecard: try metrics.request(MetricsMethod.scorecard.rawValue, body: EmptyBody(), as: ScorecardReply.self))
        guard let at = ReportSpan.instant(inputs.scorecard.at),
            let span = ReportSpan.containing(at, period: period, zone: zone, weekStart: philosophy.organisation.weekStart.rawValue)
        else {
            throw CommandFailure(message: "the scorecard's time '\(inputs.scorecard.at)' is not an RFC 3339 instant", exitCode: 2)
        }
        var asked: Set<String> = []
        for figure in inputs.scorecard.series where (figure.value != nil || figure.team != nil) && asked.insert(figure.series).inserted {
            inputs.history[figure.series] = try earlierFigures(figure, zone: zone, client: metrics)
            // The rows: every key metric's for the row-level CSV, the durations' for the HTML's
            // distributions; Markdown and JSON show none.
            let ext = Self.formats[format]
            if figure.figure.dimensions.isEmpty && rowsLimit > 0 && (ext == "csv" || (ext == "html" && philosophy.kind(ofMetric: figure.metric) == .duration)) {
                var request = MetricQueryRequest(
                    metric: figure.metric, stat: figure.stat, hours: figure.hours, from: figure.from, to: figure.to,
                    where: figure.filter.isEmpty ? nil : figure.filter)
                request.limit = rowsLimit
                inputs.conversations[figure.series] = try metrics.request(
                    MetricsMethod.conversations.rawValue, body: request, as: ConversationsReply.self)
            }
        }
        inputs.staffing = try? metrics.request(
            MetricsMethod.staffing.rawValue, body: StaffingRequest(intervalMinutes: 60), as: StaffingObservationsReply.self)
        askRules(into: &inputs)
        let model = ReportBuilder(philosophy: philosophy, period: period, span: span, staffingTarget: serviceLevel).build(inputs)
        try write(model, date: ReportSpan.localText(span.from, zone: zone))
    }

    /// The figures of the `history` periods before the current one, oldest first.
    func earlierFigures(_ figure: SeriesFigure, zone: String, client: PluginClient) throws -> [MetricQueryReply] {
        guard history > 0, let from = ReportSpan.instant(figure.from), let to = ReportSpan.instant(figure.to) else { return [] }
        let by = figure.figure.dimensions.keys.sorted()
        return try ReportSpan(from: from, to: to).earlier(history, period: figure.period, zone: zone).map { span in
            let request = MetricQueryRequest(
                metric: figure.metric, stat: figure.stat, hours: figure.hours, from: span.fromText, to: span.toText,
                where: figure.filter.isEmpty ? nil : figure.filter, by: by.isEmpty ? nil : by)
            return try client.request(MetricsMethod.query.rawValue, body: request, as: MetricQueryReply.self)
        }
    }

    /// The rules plugin's SLA and alerts replies; when it is not in the stack, down or silent,
    /// the reason goes into the report instead.
    func askRules(into inputs: inout ReportInputs) {
        do {
            let rules = try PluginClient(plugin: rulesPlugin, dataPath: data.data, sender: "tenet-report", timeoutSeconds: timeout)
            defer { rules.close() }
            inputs.sla = try rules.request(RulesMethod.sla.rawValue, body: SLARequest(limit: 1), as: SLAReply.self)
            inputs.alerts = try rules.request(RulesMethod.alerts.rawValue, body: AlertsRequest(recent: 1000), as: AlertsReply.self)
        } catch let failure as CommandFailure {
            inputs.rulesNote = failure.message
        } catch let error as BusProtocolError {
            inputs.rulesNote = "the \(rulesPlugin) plugin answered with an error: " + (error.remote.map { "\($0.code): \($0.message)" } ?? error.description)
        } catch {
            inputs.rulesNote = "the \(rulesPlugin) plugin could not be asked: \(error)"
        }
    }

    /// Writes the files (or standard output).
    func write(_ model: ReportModel, date: String) throws {
        let ext = Self.formats[format] ?? format
        var files: [(String, String)]
        switch ext {
        case "md": files = [("", MarkdownReport(model).render())]
        case "csv": files = [("", CSVReport(model).scorecard()), ("-conversations", CSVReport(model).conversations())]
        case "json": files = [("", JSONReport(model).render())]
        default: files = [("", HTMLReport(model).render())]
        }
        if out == "-" {
            FileHandle.standardOutput.write(Data(files[0].1.utf8))
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(message: "--out \(out): not a directory", exitCode: 64)
        }
        for (suffix, text) in files {
            let path = (out as NSString).appendingPathComponent("report-\(model.period)-\(date)\(suffix).\(ext)")
            // Reports name conversations and customers' dimensions: the owner's alone, as the data directory.
            try? FileManager.default.removeItem(atPath: path)
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure(message: "\(path): could not be written", exitCode: 1)
            }
            print(path)
        }
    }
}
