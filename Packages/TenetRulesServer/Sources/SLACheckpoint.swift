import TenetModels
import TenetNotify
import TenetPhilosophy
import TenetSLA

/// `sla.bin` in the rules plugin's folder: the SLA clocks (their binary snapshot) and the store
/// position they reached, so that a restart replays only the events stored after it. A header
/// line names the format, the sequence number and the event id; the file is replaced atomically.
public struct SLACheckpoint: Sendable {
    /// The header's first word.
    static let magic = "TENET-SLA 1"
    /// The folder.
    public let directory: String

    /// The checkpoint in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The file's path.
    public var path: String { directory + "/sla.bin" }

    /// The clocks, the sequence number and the event id; `nil` when there is no checkpoint.
    /// One that cannot be read (another format, another philosophy's policies) is an error:
    /// the plugin then follows the clocks again from the first stored event.
    public func read(philosophy: Philosophy) throws(RulesStateError) -> (SLAClockBook, Int64, String)? {
        guard let bytes = AppendOnlyFile.contents(at: path) else { return nil }
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { throw RulesStateError("\(path): no header") }
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 4, "\(header[0]) \(header[1])" == Self.magic, let seq = Int64(header[2]) else {
            throw RulesStateError("\(path): not an SLA checkpoint of this version")
        }
        do {
            let snapshot = try SLABookSnapshot(binary: Array(bytes[(newline + 1)...]))
            return (try SLAClockBook(philosophy: philosophy, restoring: snapshot), seq, String(header[3]))
        } catch {
            throw RulesStateError("\(path): \(error)")
        }
    }

    /// Replaces the checkpoint with `book` at store sequence `lastSeq` (event `lastEventID`).
    public func write(_ book: SLAClockBook, lastSeq: Int64, lastEventID: String) throws(RulesStateError) {
        var bytes = Array("\(Self.magic) \(lastSeq) \(lastEventID.isEmpty ? "-" : lastEventID)\n".utf8)
        bytes += book.snapshot().binary()
        do {
            try PrivateFile.write(bytes, to: path)
        } catch {
            throw RulesStateError("writing \(path): \(error)")
        }
    }
}
