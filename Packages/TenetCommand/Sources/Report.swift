import ArgumentParser
import Foundation
import TenetPhilosophy
import TenetReporting

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

    @Flag(name: .long, help: "Print the report plugin's schedule instead: what it wrote last, what is due next, its failures.")
    var scheduleStatus = false

    @Option(name: .long, help: "The report plugin's name in the stack (for --schedule-status).")
    var reportPlugin = "report"

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
        if scheduleStatus {
            let plugin = try PluginClient(plugin: reportPlugin, dataPath: data.data, sender: "tenet-report", timeoutSeconds: timeout)
            defer { plugin.close() }
            let stats = try plugin.request(ReportMethod.stats.rawValue, body: [String: String](), as: ReportPluginStats.self)
            FileHandle.standardOutput.write(Data(stats.text.utf8))
            return
        }
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
        let ext = Self.formats[format] ?? format
        let collector = ReportCollector(
            philosophy: philosophy, period: period, history: history, rows: ext == "csv" ? .all : ext == "html" ? .durations : .none,
            rowsLimit: rowsLimit)
        var rules: PluginClient?
        var rulesNote: String?
        do {
            rules = try PluginClient(plugin: rulesPlugin, dataPath: data.data, sender: "tenet-report", timeoutSeconds: timeout)
        } catch let failure as CommandFailure {
            rulesNote = failure.message
        } catch {
            rulesNote = "the \(rulesPlugin) plugin could not be asked: \(error)"
        }
        defer { rules?.close() }
        let collected: (inputs: ReportInputs, span: ReportSpan)
        do {
            collected = try collector.collect(metrics: metrics, rules: rules, rulesNote: rulesNote)
        } catch let error as ReportError {
            throw CommandFailure(message: error.description, exitCode: 2)
        }
        let model = ReportBuilder(philosophy: philosophy, period: period, span: collected.span, staffingTarget: serviceLevel)
            .build(collected.inputs)
        try write(model, date: ReportSpan.localText(collected.span.from, zone: philosophy.organisation.zone))
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
