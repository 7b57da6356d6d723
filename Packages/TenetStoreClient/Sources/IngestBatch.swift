import TenetModels

/// One producer batch on its way to the store: every line validated, the valid ones ready to
/// append, the invalid ones ready to record as dead letters, and a plan to report back per line.
///
/// Used by the ingest plugin for HTTP and ZeroMQ producers alike.
public struct IngestBatch: Sendable {
    /// Where the batch came from, as recorded with its dead letters (`http:…`, `send:…`).
    public let source: String
    /// The line number of the batch's first line in the producer's file (1 for a request).
    public let firstLine: Int
    /// Per line: the event's index in the store request, or `nil` (rejected or blank).
    private var plan: [Int?] = []
    private let numbers: [Int]?
    private var rejectedErrors: [(line: Int, error: EventValidationError)] = []
    /// The store request.
    public private(set) var request = AppendRequestBuilder()

    /// Validates `lines` (each one JSON event) from `source`.
    ///
    /// - Parameters:
    ///   - numbers: each line's number in the producer's file, when they are not simply
    ///     `firstLine`, `firstLine + 1`… (an import turns one row into several events).
    ///   - rejected: input the producer already found wrong (an unreadable CSV row), recorded
    ///     as dead letters and reported like the lines rejected here.
    public init(
        lines: [ArraySlice<UInt8>], source: String, firstLine: Int = 1, numbers: [Int]? = nil, rejected: [Rejection] = []
    ) {
        self.source = source
        self.firstLine = firstLine
        let numbers = numbers.flatMap { $0.count == lines.count ? $0 : nil }
        self.numbers = numbers
        plan.reserveCapacity(lines.count)
        for rejection in rejected {
            var rejection = rejection
            rejection.source = source
            let error = EventValidationError(field: rejection.field ?? "", value: "", reason: rejection.reason)
            rejectedErrors.append((rejection.line ?? 0, error))
            request.addRejection(rejection)
        }
        for (index, line) in lines.enumerated() {
            let number = numbers?[index] ?? firstLine + index
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                // A blank line is no event: skipped, but it keeps its number.
                plan.append(nil)
                continue
            }
            do {
                _ = try EventValidator.validate(json: line)
                request.addEvent(json: line)
                plan.append(request.eventCount - 1)
            } catch {
                plan.append(nil)
                rejectedErrors.append((number, error))
                request.addRejection(Rejection(
                    source: source, line: number, field: error.field.isEmpty ? nil : error.field,
                    reason: error.description, payload: String(decoding: line, as: UTF8.self)))
            }
        }
    }

    /// How many lines the batch has.
    public var lineCount: Int { plan.count }

    /// The report for the producer, given the store's reply.
    public func report(for reply: AppendReply) -> IngestReport {
        var report = IngestReport(lastSeq: reply.lastSeq)
        var errors: [IngestReport.LineError] = rejectedErrors.map {
            IngestReport.LineError(line: $0.line, field: $0.error.field.isEmpty ? nil : $0.error.field, reason: $0.error.description)
        }
        report.rejected = rejectedErrors.count
        for (index, slot) in plan.enumerated() {
            guard let slot, slot < reply.results.count else { continue }  // rejected here, or blank
            let result = reply.results[slot]
            switch result.status {
            case AppendResult.stored: report.accepted += 1
            case AppendResult.duplicate: report.duplicates += 1
            default:
                report.rejected += 1
                errors.append(IngestReport.LineError(
                    line: numbers?[index] ?? firstLine + index, field: result.field, reason: result.reason ?? "rejected by the store"))
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
        if firstByte == UInt8(ascii: "["), let items = try? JSONParser.parse(body).arrayValue {
            return items.map { ArraySlice(JSONWriter.bytes($0)) }
        }
        // One object, possibly pretty-printed over several lines. (Parsing NDJSON this way
        // fails at the second object, so the cost is one line's parse.)
        if firstByte == UInt8(ascii: "{"), let object = try? JSONParser.parse(body), object.objectValue != nil {
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

/// What happened to a producer's batch: counts, and one error per rejected line.
public struct IngestReport: Codable, Hashable, Sendable {
    /// One rejected line.
    public struct LineError: Codable, Hashable, Sendable {
        /// The line number (in the file for `tenet send`, in the request otherwise).
        public var line: Int
        /// The field at fault, if one.
        public var field: String?
        /// Why, naming the field, the value and the reason.
        public var reason: String

        public init(line: Int, field: String?, reason: String) {
            self.line = line
            self.field = field
            self.reason = reason
        }
    }

    /// Events stored now.
    public var accepted = 0
    /// Events already stored before (same id): acknowledged, not stored twice.
    public var duplicates = 0
    /// Lines rejected (recorded as dead letters).
    public var rejected = 0
    /// One entry per rejected line.
    public var errors: [LineError] = []
    /// The store's last sequence number after the commit.
    public var lastSeq: Int64 = 0

    public init(lastSeq: Int64 = 0) {
        self.lastSeq = lastSeq
    }

    /// Adds another batch's report to this one.
    public mutating func add(_ other: IngestReport) {
        accepted += other.accepted
        duplicates += other.duplicates
        rejected += other.rejected
        errors += other.errors
        lastSeq = max(lastSeq, other.lastSeq)
    }

    enum CodingKeys: String, CodingKey {
        case accepted, duplicates, rejected, errors
        case lastSeq = "last_seq"
    }
}

/// The body of the ingest endpoint's `lines` method: raw NDJSON lines, numbered from `first_line`.
public struct LinesRequest: Codable, Hashable, Sendable {
    /// Where the lines come from; with `first_line`, it makes dead letters idempotent across retries.
    public var source: String
    /// The number of the first line in the producer's file.
    public var firstLine: Int
    /// The lines, each meant to be one JSON event.
    public var lines: [String]
    /// Each line's number, when they do not simply count up from `first_line`.
    public var lineNumbers: [Int]?
    /// Input the producer already found wrong, to record and report with the batch.
    public var rejected: [Rejection]?

    public init(source: String, firstLine: Int, lines: [String], lineNumbers: [Int]? = nil, rejected: [Rejection]? = nil) {
        self.source = source
        self.firstLine = firstLine
        self.lines = lines
        self.lineNumbers = lineNumbers
        self.rejected = rejected
    }

    enum CodingKeys: String, CodingKey {
        case source, lines, rejected
        case firstLine = "first_line"
        case lineNumbers = "line_numbers"
    }
}
