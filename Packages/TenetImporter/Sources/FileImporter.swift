import Foundation
import TenetBus
import TenetImport
import TenetIngestClient
import TenetModels

/// Imports one file through the ingest plugin, like any producer: its rows become batches of
/// NDJSON lines that an ``IngestSender`` delivers with acknowledgements and retries.
///
/// The `source` of the batches is `import:PLUGIN:FILE:DIGEST` (the first 12 hexadecimal digits
/// of the file's SHA-256), and each line keeps its number in the file: importing the same file
/// again — after a restart in the middle of it — stores no event twice (they come back as
/// duplicates) and records each dead letter once.
public struct FileImporter {
    /// The ZeroMQ context for the sender's socket.
    public var context: ZMQContext
    /// The ingest plugin's request endpoint.
    public var ingestEndpoint: String
    /// The importer plugin's name: the sender of its requests and part of every source.
    public var plugin: String
    /// Where the CSV mappings are (`NAME.yaml`).
    public var mappingsDirectory: String
    /// Events per batch.
    public var batchSize: Int
    /// The sender's window, timeout and retry window.
    public var sender: IngestSender.Configuration

    /// Creates an importer of files.
    public init(
        context: ZMQContext, ingestEndpoint: String, plugin: String, mappingsDirectory: String, batchSize: Int = 1000,
        sender: IngestSender.Configuration = IngestSender.Configuration()
    ) {
        self.context = context
        self.ingestEndpoint = ingestEndpoint
        self.plugin = plugin
        self.mappingsDirectory = mappingsDirectory
        self.batchSize = max(1, batchSize)
        self.sender = sender
    }

    /// The mapping names available (`mappings/NAME.yaml` → `NAME`); none when the directory is missing.
    public func mappingNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mappingsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Imports the file at `path` (named `name` in the inbox) and fills `report` with what
    /// happened. `shouldStop` is asked between batches; when it says yes, the import ends with
    /// ``ImporterError/Code/stopped`` and the file can be imported again later.
    ///
    /// - Throws: ``ImporterError``: a transient one (``ImporterError/isTransient``) when the file
    ///   should be tried again later, any other when it cannot be imported.
    public func importFile(
        at path: String, name: String, into report: inout FileReport, shouldStop: () -> Bool
    ) throws(ImporterError) {
        let format = try ImportFormat.of(fileName: name, mappings: mappingNames())
        report.format = format.name
        let summary = try Self.summarize(path, name: name)
        report.bytes = summary.bytes
        report.sha256 = summary.digest
        report.rows = summary.lines
        let source = "import:\(plugin):\(name):\(summary.digest.prefix(12))"
        report.source = source
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImporterError(code: .unreadable, subject: name, message: "cannot open \(path)")
        }
        defer { try? handle.close() }
        let reader = LineReader(handle: handle)
        switch format {
        case .ndjson:
            // Lines as written, byte for byte, as `tenet send` sends them: ingest validates them.
            var lines = LineBatchSource(reader: reader)
            try send(from: &lines, source: source, name: name, into: &report, shouldStop: shouldStop)
        case .csv(let mappingName):
            let mappingPath = mappingsDirectory + "/" + mappingName + ".yaml"
            report.mapping = mappingName + ".yaml"
            guard let text = try? String(contentsOfFile: mappingPath, encoding: .utf8) else {
                throw ImporterError(code: .badMapping, subject: name, message: "cannot read the mapping \(mappingPath)")
            }
            let mapping: CSVMapping
            do {
                mapping = try CSVMapping.parse(text, path: mappingPath)
            } catch {
                throw ImporterError(code: .badMapping, subject: name, message: error.description)
            }
            var rows = ConvertedBatchSource(reader: reader, converter: CSVConverter(mapping: mapping))
            try send(from: &rows, source: source, name: name, into: &report, shouldStop: shouldStop)
        }
    }

    /// Submits the batches while the sender has room and polls for acknowledgements, asking
    /// `shouldStop` between polls (``IngestSender/sendAll(from:batchSize:acknowledged:)`` cannot
    /// be interrupted).
    private func send(
        from input: inout some BatchSource, source: String, name: String, into report: inout FileReport, shouldStop: () -> Bool
    ) throws(ImporterError) {
        let sender: IngestSender
        do {
            sender = try IngestSender(context: context, endpoint: ingestEndpoint, source: source, sender: plugin, configuration: self.sender)
        } catch {
            throw ImporterError(code: .unavailable, subject: name, message: "cannot connect to ingest at \(ingestEndpoint): \(error)")
        }
        var stopped = false
        do throws(IngestSenderError) {
            var exhausted = false
            while !exhausted || sender.outstanding > 0 {
                if shouldStop() {
                    stopped = true
                    break
                }
                while sender.hasRoom && !exhausted {
                    guard let batch = input.next(size: batchSize) else {
                        exhausted = true
                        break
                    }
                    try sender.submit(batch)
                }
                _ = try sender.poll(timeout: .milliseconds(50))
            }
            if !stopped { try sender.finish() }
        } catch {
            let code: ImporterError.Code = error.code == .refused ? .refused : .unavailable
            throw ImporterError(code: code, subject: name, message: error.message)
        }
        if stopped {
            throw ImporterError(code: .stopped, subject: name, message: "stopped after \(sender.acknowledgedLines) events were acknowledged")
        }
        report.record(sender.report)
        report.events = sender.acknowledgedLines
        report.skipped = input.skipped
    }

    /// The file's size, SHA-256 (hexadecimal) and number of lines, read in one pass.
    static func summarize(_ path: String, name: String) throws(ImporterError) -> (bytes: Int64, digest: String, lines: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImporterError(code: .unreadable, subject: name, message: "cannot open \(path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        var lines = 0
        var last: UInt8 = 0x0A
        while true {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: 1 << 20), !read.isEmpty else { break }
                chunk = read
            } catch {
                throw ImporterError(code: .unreadable, subject: name, message: "cannot read \(path): \(error.localizedDescription)")
            }
            hasher.update(chunk)
            bytes += Int64(chunk.count)
            lines += chunk.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            last = chunk.last ?? last
        }
        if last != 0x0A { lines += 1 }  // a last line without a line break
        return (bytes, hasher.finalize().hex, lines)
    }
}
