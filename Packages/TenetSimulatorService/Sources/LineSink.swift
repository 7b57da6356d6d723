import TenetIngestClient

/// Where a live simulation delivers its lines: the ingest plugin (through ``IngestSender``) or
/// a file. A sink acknowledges what it has safely taken, possibly later than it was submitted.
public protocol LineSink: AnyObject {
    /// Whether another batch may be submitted now.
    var hasRoom: Bool { get }
    /// Takes a batch.
    func submit(_ batch: LineBatch) throws
    /// The batches safely taken since the last call, without waiting.
    func acknowledged() throws -> [LineBatch]
}

/// Sends to the ingest plugin, acknowledging what ingest acknowledged; keeps each batch's report.
public final class IngestLineSink: LineSink {
    /// The sender underneath.
    public let sender: IngestSender

    /// Sends through `sender`.
    public init(sender: IngestSender) {
        self.sender = sender
    }

    public var hasRoom: Bool { sender.hasRoom }

    public func submit(_ batch: LineBatch) throws {
        try sender.submit(batch)
    }

    public func acknowledged() throws -> [LineBatch] {
        try sender.poll(timeout: .zero).map(\.batch)
    }
}
