import Foundation
import TenetBus
import TenetStoreClient

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
        let socket = try ZMQSocket(context: context, type: .dealer)
        defer { socket.close() }
        try socket.set(.linger(.zero))
        try socket.connect(endpoint)
        var stamper = MessageStamper(sender: "tenet-send")
        var inFlight: [String: (batch: Batch, deadline: ContinuousClock.Instant)] = [:]
        var waiting: [Batch] = []
        var report = IngestReport()
        var exhausted = false
        var sentLines = 0
        let clock = ContinuousClock()

        func send(_ batch: Batch) throws(ZMQError) {
            var batch = batch
            batch.attempts += 1
            let body = LinesRequest(
                source: self.source, firstLine: batch.firstLine, lines: batch.lines, lineNumbers: batch.numbers,
                rejected: batch.rejected.isEmpty ? nil : batch.rejected)
            let message = stamper.message(topic: "lines", type: BusMessageType.request, rawBody: body.jsonBytes())
            try socket.send(multipart: message.frames())
            inFlight[message.header.id] = (batch, clock.now.advanced(by: timeout))
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

            var poller = ZMQPoller()
            poller.addReadable(socket)
            if try !poller.poll(timeout: .milliseconds(50)).isEmpty {
                while let frames = try socket.receiveMultipart(dontWait: true) {
                    guard let reply = try? BusMessage(frames: frames), let id = reply.header.correlation,
                        let entry = inFlight.removeValue(forKey: id)
                    else { continue }
                    if reply.header.type == BusMessageType.error {
                        let error = (try? reply.decodeBody(BusErrorBody.self)) ?? BusErrorBody(code: "unknown", message: "unreadable error")
                        guard ["store_unavailable", "storage_full", "storage_error", "store_error"].contains(error.code) else {
                            throw CommandFailure(message: "ingest refused lines from \(entry.batch.firstLine): \(error)", exitCode: 2)
                        }
                        let delay = min(5, 0.25 * Double(1 << min(entry.batch.attempts, 5)))
                        try retry(entry.batch, after: delay, because: error.description)
                        continue
                    }
                    let part = try reply.decodeBody(IngestReport.self)
                    report.add(part)
                    sentLines += entry.batch.lines.count
                    progress.update(done: sentLines, bytes: totalBytes.map { _ in source.bytesRead })
                }
            }
            let expired = inFlight.filter { $0.value.deadline <= clock.now }
            for (id, entry) in expired {
                inFlight[id] = nil
                try retry(entry.batch, after: 0, because: "no acknowledgement within \(timeout)")
            }
        }
        progress.finish()
        report.errors.sort { $0.line < $1.line }
        return report
    }
}
