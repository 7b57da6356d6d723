import TenetBus
import TenetIngestProtocol

/// Delivers batches of NDJSON lines to the ingest plugin's `lines` method with several batches
/// in flight, and retries whatever was not acknowledged.
///
/// A timed-out, lost or retryably refused batch (the store unavailable or full) is sent again
/// with the same `source` and line numbers, so a retry is safe: ingest acknowledges a duplicate
/// once it is stored and records a dead letter once. A batch still unacknowledged when its retry
/// window ends, or one ingest refuses for good, stops the sender with an ``IngestSenderError``.
///
/// `tenet send`, `tenet import`, the simulator and the importer plugin all send through it. It
/// belongs to one thread: ``submit(_:)`` while ``hasRoom`` and ``poll(timeout:)`` in a loop, then
/// ``finish()``.
///
/// ```swift
/// let sender = try IngestSender(context: context, endpoint: ingest, source: "orders.ndjson", sender: "tenet-send")
/// while let batch = input.next() {
///     while !sender.hasRoom { _ = try sender.poll(timeout: .milliseconds(50)) }
///     try sender.submit(batch)
/// }
/// try sender.finish()
/// print(sender.report.accepted)
/// ```
public final class IngestSender {
    /// How many batches may be in flight, how long to wait for each and how long to keep retrying.
    public struct Configuration: Hashable, Sendable {
        /// Batches sent and not yet acknowledged, at most (default 4).
        public var window: Int
        /// How long to wait for one acknowledgement before sending the batch again (default 30 s).
        public var timeout: Duration
        /// How long after its first send a batch may still be retried (default 10 minutes).
        public var retryFor: Duration

        /// Creates a configuration.
        public init(window: Int = 4, timeout: Duration = .seconds(30), retryFor: Duration = .seconds(600)) {
            self.window = max(1, window)
            self.timeout = timeout
            self.retryFor = retryFor
        }
    }

    private struct Flight {
        var batch: LineBatch
        var firstSent: ContinuousClock.Instant
        var attempts = 0
        var notBefore: ContinuousClock.Instant
    }

    /// Where the lines come from: with the line numbers it makes retries idempotent.
    public let source: String
    /// The settings it runs with.
    public let configuration: Configuration
    /// Every acknowledged batch's report, added up; its errors sorted by line on ``finish()``.
    public private(set) var report = IngestReport()
    /// Lines acknowledged so far.
    public private(set) var acknowledgedLines = 0
    /// Batches sent again after a timeout or a retryable refusal.
    public private(set) var retries = 0

    private let client: BusRequestClient
    private let clock = ContinuousClock()
    private var inFlight: [String: Flight] = [:]
    private var waiting: [Flight] = []

    /// Connects to the ingest plugin's request endpoint.
    ///
    /// - Parameters:
    ///   - endpoint: the ingest plugin's endpoint (from the stack's status report, or
    ///     `PluginRuntime.endpoint(of:)` in a plugin).
    ///   - source: names the input, such as a file name; reused on every retry.
    ///   - sender: the name requests carry as their sender.
    public init(
        context: ZMQContext, endpoint: String, source: String, sender: String, configuration: Configuration = Configuration()
    ) throws(ZMQError) {
        self.source = source
        self.configuration = configuration
        client = try BusRequestClient(context: context, endpoint: endpoint, sender: sender)
    }

    deinit {
        client.close()
    }

    /// Batches sent or waiting to be sent again.
    public var outstanding: Int { inFlight.count + waiting.count }

    /// Whether another batch may be submitted now without exceeding the window.
    public var hasRoom: Bool { outstanding < configuration.window }

    /// Sends `batch` now. Submitting while ``hasRoom`` is false is allowed (the window is a
    /// guide for the caller), but it grows the number of batches in flight.
    public func submit(_ batch: LineBatch) throws(IngestSenderError) {
        let now = clock.now
        try send(Flight(batch: batch, firstSent: now, notBefore: now))
    }

    /// Waits up to `timeout` for acknowledgements, sends again whatever is due, and returns the
    /// batches acknowledged in this call with their reports.
    public func poll(timeout: Duration) throws(IngestSenderError) -> [(batch: LineBatch, report: IngestReport)] {
        let now = clock.now
        while let index = waiting.firstIndex(where: { $0.notBefore <= now }) {
            try send(waiting.remove(at: index))
        }
        var wait = timeout
        if let soonest = waiting.map(\.notBefore).min() {
            wait = min(wait, max(.zero, soonest - now))
        }
        let completions: [BusRequestClient.Completion]
        do {
            completions = try client.wait(timeout: wait)
        } catch {
            throw IngestSenderError(code: .transport, firstLine: nil, message: "the request socket to ingest failed: \(error)")
        }
        var acknowledged: [(batch: LineBatch, report: IngestReport)] = []
        for completion in completions {
            guard let flight = inFlight.removeValue(forKey: completion.id) else { continue }
            switch completion.result {
            case .success(let reply):
                let batchReport: IngestReport
                do {
                    batchReport = try reply.decodeBody(IngestReport.self)
                } catch {
                    throw IngestSenderError(
                        code: .refused, firstLine: flight.batch.firstLine,
                        message: "ingest's reply to the batch from line \(flight.batch.firstLine) is not a report: \(error)")
                }
                report.add(batchReport)
                acknowledgedLines += flight.batch.lines.count
                acknowledged.append((flight.batch, batchReport))
            case .failure(let error) where error.code == .timedOut:
                try retry(flight, after: .zero, because: "no acknowledgement within \(configuration.timeout)")
            case .failure(let error):
                guard let remote = error.remote, remote.code.isRetryable else {
                    throw IngestSenderError(
                        code: .refused, firstLine: flight.batch.firstLine,
                        message: "ingest refused lines from \(flight.batch.firstLine): \(error.remote?.description ?? error.description)")
                }
                let backoff = Duration.milliseconds(250) * (1 << min(flight.attempts, 5))
                try retry(flight, after: min(.seconds(5), backoff), because: remote.description)
            }
        }
        return acknowledged
    }

    /// Polls until every submitted batch is acknowledged, then sorts the report's errors by line.
    public func finish() throws(IngestSenderError) {
        while outstanding > 0 {
            _ = try poll(timeout: .milliseconds(50))
        }
        report.errors.sort { $0.line < $1.line }
    }

    /// Sends every batch `source` gives, `batchSize` events at most each, keeping the window
    /// full, until the source is exhausted and every batch acknowledged. After each
    /// acknowledgement `acknowledged` is called with the lines acknowledged so far and the bytes
    /// of input read so far. Returns ``report``.
    public func sendAll(
        from source: inout some BatchSource, batchSize: Int, acknowledged: (_ lines: Int, _ bytesRead: Int) -> Void = { _, _ in }
    ) throws(IngestSenderError) -> IngestReport {
        var exhausted = false
        while true {
            while hasRoom && !exhausted {
                guard let batch = source.next(size: batchSize) else {
                    exhausted = true
                    break
                }
                try submit(batch)
            }
            if exhausted && outstanding == 0 { break }
            if !(try poll(timeout: .milliseconds(50))).isEmpty {
                acknowledged(acknowledgedLines, source.bytesRead)
            }
        }
        report.errors.sort { $0.line < $1.line }
        return report
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return attoseconds == 0 ? String(seconds) : String(Double(seconds) + Double(attoseconds) / 1e18)
    }

    private func send(_ flight: Flight) throws(IngestSenderError) {
        var flight = flight
        flight.attempts += 1
        if flight.attempts > 1 { retries += 1 }
        let batch = flight.batch
        let body = LinesRequest(
            source: source, firstLine: batch.firstLine, lines: batch.lines, lineNumbers: batch.lineNumbers,
            rejected: batch.rejected.isEmpty ? nil : batch.rejected)
        do {
            inFlight[try client.send(IngestMethod.lines.rawValue, rawBody: body.jsonBytes(), timeout: configuration.timeout)] = flight
        } catch {
            throw IngestSenderError(
                code: .transport, firstLine: batch.firstLine, message: "could not send the lines from \(batch.firstLine) to ingest: \(error)")
        }
    }

    private func retry(_ flight: Flight, after delay: Duration, because reason: String) throws(IngestSenderError) {
        let now = clock.now
        guard now - flight.firstSent < configuration.retryFor else {
            throw IngestSenderError(
                code: .gaveUp, firstLine: flight.batch.firstLine,
                message: "gave up on the batch from line \(flight.batch.firstLine) after \(Self.seconds(configuration.retryFor))s: \(reason)")
        }
        var flight = flight
        flight.notBefore = now + delay
        waiting.append(flight)
    }
}
