import Foundation
import TenetBus
import TenetIngestProtocol
import TenetStoreProtocol

/// Delivers NDJSON lines to the ingest plugin's `lines` method with several batches in flight,
/// retrying whatever was not acknowledged: a timed-out, lost or refused batch is sent again
/// with the same `source` and line numbers, so retries are safe (duplicates are acknowledged
/// once stored, dead letters are recorded once).
struct SendPipeline {
    struct Batch {
        var firstLine: Int
        var lines: [String]
        var numbers: [Int]?
        var rejected: [Rejection]
        var firstSent: Date
        var attempts = 0
        var notBefore = Date.distantPast
    }

    let endpoint: String
    let source: String
    var batchSize = 1000
    var window = 4
    var timeout: Duration = .seconds(30)
    var retryFor: TimeInterval = 600

    /// Sends every batch `source` gives and returns the combined report.
    func run(source: inout some BatchSource, progress: inout Progress, totalBytes: Int?) throws -> IngestReport {
        let context = try ZMQContext()
        defer { context.terminate() }
        let client = try BusRequestClient(context: context, endpoint: endpoint, sender: "tenet-send")
        defer { client.close() }
        var inFlight: [String: Batch] = [:]
        var waiting: [Batch] = []
        var report = IngestReport()
        var exhausted = false
        var sentLines = 0

        func send(_ batch: Batch) throws {
            var batch = batch
            batch.attempts += 1
            let body = LinesRequest(
                source: self.source, firstLine: batch.firstLine, lines: batch.lines, lineNumbers: batch.numbers,
                rejected: batch.rejected.isEmpty ? nil : batch.rejected)
            inFlight[try client.send(IngestMethod.lines.rawValue, rawBody: body.jsonBytes(), timeout: timeout)] = batch
        }

        func retry(_ batch: Batch, after delay: TimeInterval, because reason: String) throws {
            guard Date().timeIntervalSince(batch.firstSent) < retryFor else {
                throw CommandFailure(
                    message: "gave up on the batch from line \(batch.firstLine) after \(Int(retryFor))s: \(reason)",
                    exitCode: 2)
            }
            var batch = batch
            batch.notBefore = Date().addingTimeInterval(delay)
            waiting.append(batch)
        }

        while true {
            let now = Date()
            // Retries first, then new lines, up to the window.
            while inFlight.count < window, let index = waiting.firstIndex(where: { $0.notBefore <= now }) {
                try send(waiting.remove(at: index))
            }
            while inFlight.count + waiting.count < window && !exhausted {
                guard let next = source.next(size: batchSize) else {
                    exhausted = true
                    break
                }
                try send(Batch(
                    firstLine: next.firstLine, lines: next.lines, numbers: next.numbers, rejected: next.rejected,
                    firstSent: Date()))
            }
            if exhausted && inFlight.isEmpty && waiting.isEmpty { break }

            for completion in try client.wait(timeout: .milliseconds(50)) {
                guard let batch = inFlight.removeValue(forKey: completion.id) else { continue }
                switch completion.result {
                case .success(let reply):
                    report.add(try reply.decodeBody(IngestReport.self))
                    sentLines += batch.lines.count
                    progress.update(done: sentLines, bytes: totalBytes.map { _ in source.bytesRead })
                case .failure(let error) where error.code == .timedOut:
                    try retry(batch, after: 0, because: "no acknowledgement within \(timeout)")
                case .failure(let error):
                    guard let remote = error.remote, remote.code.isRetryable || remote.code == .storeUnavailable else {
                        throw CommandFailure(message: "ingest refused lines from \(batch.firstLine): \(error.remote?.description ?? error.description)", exitCode: 2)
                    }
                    let delay = min(5, 0.25 * Double(1 << min(batch.attempts, 5)))
                    try retry(batch, after: delay, because: remote.description)
                }
            }
        }
        progress.finish()
        report.errors.sort { $0.line < $1.line }
        return report
    }
}
