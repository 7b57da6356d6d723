import ArgumentParser
import Foundation
import TenetBus
import TenetImport
import TenetIngestClient
import TenetIngestProtocol

/// `tenet import --format ndjson|csv|callcenter FILE`: converts a file to events and sends them.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import events from a file: NDJSON, CSV through a column mapping, or a call-center log.",
        discussion: """
            Every row's events are sent like `tenet send` sends lines: acknowledged only once stored, \
            retried safely. Rows that cannot be read are reported with their line number and kept in the \
            store's dead-letter table. Exit status as for `tenet send`.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson, csv, callcenter
    }

    @Option(help: "The file's format: ndjson, csv or callcenter.")
    var format: Format

    @Argument(help: "The file to import.")
    var file: String

    @Option(help: "For csv: the YAML column mapping (see docs/INGEST.md).")
    var mapping: String?

    @Option(help: "For callcenter: the log's offset from UTC, e.g. +02:00 (default +00:00).")
    var utcOffset: String = "+00:00"

    @OptionGroup var data: DataOptions

    @Option(help: "Events per batch.")
    var batch: Int = 1000

    @Option(help: "Seconds to wait for a batch's acknowledgement before sending it again.")
    var timeout: Double = 30

    func run() throws {
        guard batch > 0, timeout > 0 else { throw ValidationError("--batch and --timeout must be above 0") }
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CommandFailure(message: "cannot read \(file)", exitCode: 2) }
        let reader = LineReader(handle: handle)
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        let endpoint = try Send.pluginEndpoint("ingest", dataPath: data.data)
        var pipeline = SendPipeline(
            endpoint: endpoint, source: "import:\((file as NSString).lastPathComponent):\(MessageStamper.randomInstance())")
        pipeline.batchSize = batch
        pipeline.timeout = .milliseconds(Int(timeout * 1000))
        var progress = Progress(label: "imported", total: totalBytes)
        let report: IngestReport
        let skipped: Int
        switch format {
        case .ndjson:
            var source = ConvertedBatchSource(reader: reader, converter: NDJSONConverter())
            report = try pipeline.run(source: &source, progress: &progress, totalBytes: totalBytes)
            skipped = source.skipped
        case .csv:
            guard let mapping else { throw ValidationError("--format csv needs --mapping FILE") }
            guard let text = try? String(contentsOfFile: mapping, encoding: .utf8) else {
                throw CommandFailure(message: "cannot read the mapping \(mapping)")
            }
            let parsed: CSVMapping
            do { parsed = try CSVMapping.parse(text, path: mapping) } catch { throw CommandFailure(message: error.description) }
            var source = ConvertedBatchSource(reader: reader, converter: CSVConverter(mapping: parsed))
            report = try pipeline.run(source: &source, progress: &progress, totalBytes: totalBytes)
            skipped = source.skipped
        case .callcenter:
            guard let offset = Self.offsetSeconds(utcOffset) else {
                throw ValidationError("--utc-offset: '\(utcOffset)' is not ±HH:MM")
            }
            var source = ConvertedBatchSource(reader: reader, converter: CallCenterConverter(utcOffsetSeconds: offset))
            report = try pipeline.run(source: &source, progress: &progress, totalBytes: totalBytes)
            skipped = source.skipped
        }
        Send.print(report, skipped: skipped)
        if !report.isClean { throw ExitCode(1) }
    }

    /// `+02:00` → 7200.
    static func offsetSeconds(_ text: String) -> Int? {
        guard text.count == 6, let sign = text.first, sign == "+" || sign == "-",
            let hours = Int(text.dropFirst().prefix(2)), let minutes = Int(text.suffix(2)), text.dropFirst(3).first == ":",
            hours <= 23, minutes <= 59
        else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
