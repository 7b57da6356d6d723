import TenetBus
import TenetIngestClient
import TenetIngestProtocol

/// `tenet send` and `tenet import`'s way to the ingest plugin: an ``IngestSender`` fed from a
/// ``BatchSource``, with progress on the terminal and delivery failures as exit code 2.
struct SendPipeline {
    let endpoint: String
    let source: String
    var batchSize = 1000
    var window = 4
    var timeout: Duration = .seconds(30)
    var retryFor: Double = 600

    /// Sends every batch `source` gives and returns the combined report.
    func run(source input: inout some BatchSource, progress: inout Progress, totalBytes: Int?) throws -> IngestReport {
        let context = try ZMQContext()
        defer { context.terminate() }
        let configuration = IngestSender.Configuration(
            window: window, timeout: timeout, retryFor: .milliseconds(Int64(retryFor * 1000)))
        let report: IngestReport
        do {
            let sender = try IngestSender(
                context: context, endpoint: endpoint, source: source, sender: "tenet-send", configuration: configuration)
            report = try sender.sendAll(from: &input, batchSize: batchSize) { lines, bytesRead in
                progress.update(done: lines, bytes: totalBytes.map { _ in bytesRead })
            }
        } catch let error as IngestSenderError {
            throw CommandFailure(message: error.message, exitCode: 2)
        }
        progress.finish()
        return report
    }
}
