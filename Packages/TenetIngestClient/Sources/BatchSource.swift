import TenetImport
import TenetModels
import TenetStoreProtocol

/// Where a sender takes its batches from: `tenet send`, `tenet import` and the importer plugin.
public protocol BatchSource {
    /// The next batch of at most `size` events (and any rejected rows met on the way), or `nil` at the end.
    mutating func next(size: Int) -> LineBatch?
    /// Bytes of the input read so far.
    var bytesRead: Int { get }
    /// Rows skipped by the format's rules (headers, phantom calls).
    var skipped: Int { get }
}

/// NDJSON lines as they are: ingest validates them.
public struct LineBatchSource: BatchSource {
    /// The input.
    public let reader: LineReader
    private var nextLine = 1
    public var skipped: Int { 0 }
    public var bytesRead: Int { reader.bytesRead }

    /// Reads lines from `reader`, numbered from 1.
    public init(reader: LineReader) {
        self.reader = reader
    }

    public mutating func next(size: Int) -> LineBatch? {
        var lines: [String] = []
        var rejected: [Rejection] = []
        lines.reserveCapacity(size)
        while lines.count < size, let line = reader.next() {
            if reader.lastLineWasCut {
                rejected.append(reader.cutRejection(line: nextLine + lines.count, head: line))
                lines.append("")
            } else if let text = String(validating: line, as: UTF8.self) {
                lines.append(text)
            } else {
                // Never "repaired" into another event: refused, with the line kept as a dead
                // letter; a blank stands in its place so the numbering holds.
                let number = nextLine + lines.count
                rejected.append(Rejection(
                    source: "", line: number, field: nil, reason: "the line is not valid UTF-8",
                    payload: String(decoding: line, as: UTF8.self)))
                lines.append("")
            }
        }
        guard !lines.isEmpty else { return nil }
        defer { nextLine += lines.count }
        return LineBatch(firstLine: nextLine, lines: lines, rejected: rejected)
    }
}

/// Rows of an import file turned into events by a converter.
public struct ConvertedBatchSource<Converter: RowConverter>: BatchSource {
    /// The input.
    public let reader: LineReader
    /// Turns each row into events.
    public var converter: Converter
    private var line = 0
    public private(set) var skipped = 0
    public var bytesRead: Int { reader.bytesRead }

    /// Converts the rows of `reader` with `converter`; each event keeps its row's line number.
    public init(reader: LineReader, converter: Converter) {
        self.reader = reader
        self.converter = converter
    }

    public mutating func next(size: Int) -> LineBatch? {
        var batch = LineBatch(firstLine: line + 1, lines: [], lineNumbers: [])
        while batch.lines.count < size && batch.rejected.count < size, let text = reader.next() {
            line += 1
            if reader.lastLineWasCut {
                // A row cut short is never converted: it could read as another, valid row.
                batch.rejected.append(reader.cutRejection(line: line, head: text))
                continue
            }
            switch converter.convert(String(decoding: text, as: UTF8.self), line: line) {
            case .events(let events):
                for event in events {
                    batch.lines.append(JSONWriter.string(.object(event)))
                    batch.lineNumbers?.append(line)
                }
            case .skipped:
                skipped += 1
            case .rejected(let field, let reason):
                batch.rejected.append(Rejection(source: "", line: line, field: field, reason: reason, payload: String(decoding: text, as: UTF8.self)))
            }
        }
        return batch.lines.isEmpty && batch.rejected.isEmpty ? nil : batch
    }
}
