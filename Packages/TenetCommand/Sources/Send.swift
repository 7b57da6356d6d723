import ArgumentParser
import Foundation
import TenetBus
import TenetControl
import TenetIngestClient
import TenetIngestProtocol
import TenetSupervisor

/// `tenet send [FILE|-]`: delivers NDJSON events to the running stack's ingest plugin.
struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send NDJSON events (one per line) to the stack; print what was accepted and each rejected line.",
        discussion: """
            Exit status: 0 when every line was accepted (or already stored), 1 when some lines were \
            rejected or conflict with a stored event under the same id (each is printed with its line \
            number and kept in the store's dead-letter table), 2 when the events could not be delivered, \
            3 when no stack is running, 64 for a wrong command line.
            """)

    @Argument(help: "The NDJSON file, or - for standard input.")
    var file: String = "-"

    @OptionGroup var data: DataOptions

    @Option(help: "Lines per batch.")
    var batch: Int = 1000

    @Option(help: "Seconds to wait for a batch's acknowledgement before sending it again.")
    var timeout: Double = 30

    @Option(help: "Seconds to keep retrying a batch before giving up.")
    var retryFor: Double = 600

    @Option(help: "The ingest endpoint (default: the running stack's `ingest` plugin).")
    var endpoint: String?

    func run() throws {
        guard batch > 0, timeout > 0 else { throw ValidationError("--batch and --timeout must be above 0") }
        let target = try endpoint ?? Self.pluginEndpoint("ingest", dataPath: data.data)
        let handle: FileHandle
        var totalBytes: Int?
        var source = "send:stdin"
        if file == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                throw CommandFailure(message: "cannot read \(file)", exitCode: 2)
            }
            handle = opened
            totalBytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
            source = "send:" + (file as NSString).lastPathComponent
        }
        source += ":" + MessageStamper.randomInstance()
        var pipeline = SendPipeline(endpoint: target, source: source)
        pipeline.batchSize = batch
        pipeline.timeout = .milliseconds(Int(timeout * 1000))
        pipeline.retryFor = retryFor
        var progress = Progress(label: "sent", total: totalBytes)
        var lines = LineBatchSource(reader: LineReader(handle: handle))
        let report = try pipeline.run(source: &lines, progress: &progress, totalBytes: totalBytes)
        Self.print(report, skipped: nil)
        if !report.isClean { throw ExitCode(1) }
    }

    /// Prints each rejected line, then the counts.
    static func print(_ report: IngestReport, skipped: Int?) {
        for error in report.errors {
            Swift.print("line \(error.line): \(error.problem == .conflict ? "conflict: " : "")\(error.reason)")
        }
        var summary = "accepted \(report.accepted), duplicates \(report.duplicates), conflicts \(report.conflicts), rejected \(report.rejected)"
        if let skipped { summary += ", skipped \(skipped)" }
        Swift.print(summary)
    }

    /// The endpoint of plugin `name` in the running stack.
    static func pluginEndpoint(_ name: String, dataPath: String?) throws -> String {
        let connection = try ControlConnection(dataPath: dataPath)
        defer { connection.close() }
        return try PluginClient.endpoint(of: name, in: connection.request("status", EmptyBody(), as: StatusReport.self))
    }
}
