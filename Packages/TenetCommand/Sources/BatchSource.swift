import TenetImport
import TenetModels
import TenetStoreProtocol

/// A batch of lines ready for the ingest plugin's `lines` method.
struct PendingBatch {
    var firstLine: Int
    var lines: [String]
    /// Each line's number in the file, when several lines come from one row.
    var numbers: [Int]?
    /// Rows already found unreadable, to record and report.
    var rejected: [Rejection] = []
}

/// Where `tenet send` and `tenet import` take their batches from.
protocol BatchSource {
    /// The next batch of at most `size` events (and any rejected rows met on the way), or `nil` at the end.
    mutating func next(size: Int) -> PendingBatch?
    /// Bytes of the input read so far.
    var bytesRead: Int { get }
    /// Rows skipped by the format's rules (headers, phantom calls).
    var skipped: Int { get }
}

/// NDJSON lines as they are: ingest validates them.
struct LineBatchSource: BatchSource {
    let reader: LineReader
    private var nextLine = 1
    var skipped: Int { 0 }
    var bytesRead: Int { reader.bytesRead }

    init(reader: LineReader) {
        self.reader = reader
    }

    mutating func next(size: Int) -> PendingBatch? {
        var lines: [String] = []
        var rejected: [Rejection] = []
        lines.reserveCapacity(size)
        while lines.count < size, let line = reader.next() {
            if let text = String(validating: line, as: UTF8.self) {
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
        var batch = PendingBatch(firstLine: nextLine, lines: lines)
        batch.rejected = rejected
        return batch
    }
}

/// Rows of an import file turned into events by a converter.
struct ConvertedBatchSource<Converter: RowConverter>: BatchSource {
    let reader: LineReader
    var converter: Converter
    private var line = 0
    private(set) var skipped = 0
    var bytesRead: Int { reader.bytesRead }

    init(reader: LineReader, converter: Converter) {
        self.reader = reader
        self.converter = converter
    }

    mutating func next(size: Int) -> PendingBatch? {
        var batch = PendingBatch(firstLine: line + 1, lines: [], numbers: [])
        while batch.lines.count < size && batch.rejected.count < size, let text = reader.next() {
            line += 1
            switch converter.convert(String(decoding: text, as: UTF8.self), line: line) {
            case .events(let events):
                for event in events {
                    batch.lines.append(JSONWriter.string(.object(event)))
                    batch.numbers?.append(line)
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
