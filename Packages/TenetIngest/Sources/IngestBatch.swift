import TenetIngestProtocol
import TenetModels
import TenetStoreProtocol

/// One producer batch on its way to the store: the lines to append (blank ones dropped, every
/// other one keeping its number) and a plan to report back per line once the store answers.
///
/// Ingest does not parse the events: the store validates each one once, in the same commit
/// that stores it or records it as a dead letter, and says per line what became of it.
/// Used for HTTP and ZeroMQ producers alike.
public struct IngestBatch: Sendable {
    /// The append request for the store.
    public private(set) var request: AppendRequest
    /// The producer's own rejections, reported with the store's.
    private let producerRejections: [Rejection]

    /// Prepares `lines` (each meant to be one JSON event) from `source`.
    ///
    /// - Parameters:
    ///   - firstLine: the number of the first line in the producer's input.
    ///   - numbers: each line's number, when they are not simply `firstLine`, `firstLine + 1`…
    ///     (an import turns one row into several events).
    ///   - rejected: input the producer already found wrong (an unreadable CSV row), recorded
    ///     as dead letters and reported like the lines the store rejects.
    public init(
        lines: [ArraySlice<UInt8>], source: String, firstLine: Int = 1, numbers: [Int]? = nil, rejected: [Rejection] = []
    ) {
        let numbers = numbers.flatMap { $0.count == lines.count ? $0 : nil }
        var kept: [Int] = []
        kept.reserveCapacity(lines.count)
        var request = AppendRequest(source: source, firstLine: firstLine)
        request.rejections = rejected.map { rejection in
            var rejection = rejection
            rejection.source = source
            return rejection
        }
        for (index, line) in lines.enumerated() {
            // A blank line is no event: skipped, but it keeps its number.
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let number = numbers?[index] ?? firstLine + index
            do {
                try request.addEvent(json: line)
                kept.append(number)
            } catch {
                // A line break inside something that is not JSON: refused here as it is.
                request.rejections.append(Rejection(
                    source: source, line: number, field: nil, reason: "not JSON: \(error.message)",
                    payload: String(decoding: line, as: UTF8.self)))
            }
        }
        if kept.count != lines.count || numbers != nil { request.lineNumbers = kept }
        self.request = request
        producerRejections = request.rejections
    }

    /// How many event lines go to the store.
    public var eventCount: Int { request.events.count }

    /// The report for the producer, given the store's reply.
    public func report(for reply: AppendReply) -> IngestReport {
        var report = IngestReport(lastSeq: reply.lastSeq)
        var errors = producerRejections.map { rejection in
            // Worded like the store's own rejections: "`field`: reason".
            IngestReport.LineError(
                line: rejection.line ?? 0, problem: .rejected, field: rejection.field,
                reason: rejection.field.map { "`\($0)`: \(rejection.reason)" } ?? rejection.reason)
        }
        report.rejected = producerRejections.count
        for (index, result) in reply.results.enumerated() where index < request.events.count {
            switch result.status {
            case .stored: report.accepted += 1
            case .duplicate: report.duplicates += 1
            case .conflict:
                report.conflicts += 1
                errors.append(IngestReport.LineError(
                    line: request.lineNumber(of: index), problem: .conflict, field: result.field,
                    reason: result.reason ?? "a different event is stored under this id"))
            case .rejected:
                report.rejected += 1
                errors.append(IngestReport.LineError(
                    line: request.lineNumber(of: index), problem: .rejected, field: result.field,
                    reason: result.reason ?? "rejected by the store"))
            }
        }
        report.errors = errors.sorted { $0.line < $1.line }
        return report
    }

    /// Splits a request body into event lines: a JSON array of events, a single JSON object,
    /// or NDJSON (one event per line, numbered from 1; blank lines keep their number and are
    /// skipped by the batch; `\r\n` is accepted).
    public static func split(body: [UInt8]) -> [ArraySlice<UInt8>] {
        let firstByte = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if firstByte == UInt8(ascii: "["),
            let items = try? JSONParser.parse(body, maximumDepth: Event.parsingDepth(envelopeLevels: 1)).arrayValue
        {
            return items.map { ArraySlice(JSONWriter.bytes($0)) }
        }
        // One object pretty-printed over several lines (a line break before the last non-blank
        // byte). Parsing NDJSON this way fails at the second object, so the cost is one line's
        // parse; a single line with a final newline is taken as NDJSON, byte for byte.
        let lastByte = body.lastIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if firstByte == UInt8(ascii: "{"), let lastByte, body[..<lastByte].contains(0x0A), let object = try? JSONParser.parse(body, maximumDepth: Event.maximumDepth), object.objectValue != nil {
            return [ArraySlice(JSONWriter.bytes(object))]
        }
        var lines: [ArraySlice<UInt8>] = []
        var start = body.startIndex
        for index in body.indices where body[index] == 0x0A {
            lines.append(body[start..<index])
            start = index + 1
        }
        lines.append(body[start...])
        // Blank lines stay (the batch skips them) so that every line keeps its number; a final
        // newline adds no line.
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { line in
            var trimmed = line
            while let last = trimmed.last, last == 0x0D || last == 0x20 || last == 0x09 { trimmed.removeLast() }
            while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed.removeFirst() }
            return trimmed
        }
    }
}
