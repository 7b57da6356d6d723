#if canImport(Glibc)
import Glibc
#endif
import TenetMetrics
import TenetModels
import TenetPhilosophy

/// The metrics plugin's checkpoint: its whole engine and the store position it had reached, in
/// `checkpoint.bin` in the plugin's own folder of the data directory. A restart reads it and
/// replays only the events stored after it (docs/METRICS.md, "Checkpoint"); the store's database
/// stays the store's alone.
///
/// The file is written beside the old one and renamed over it (mode 0600, synced), so a crash
/// at any moment leaves the previous checkpoint or the new one, never half of one. It begins
/// with a header that says what it is good for: its format version, a fingerprint of the
/// philosophy's measuring parts, and the store sequence number and event id it reached. A
/// checkpoint of another version or philosophy is refused before the engine is read.
public struct MetricsCheckpoint: Sendable {
    /// The format; raised whenever what the engine writes, or how it measures, changes.
    public static let formatVersion: UInt32 = 2
    /// The file's first eight bytes.
    static let magic = Array("TENETMCK".utf8)

    /// The folder the checkpoint lives in.
    public let directory: String

    /// The checkpoint in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The checkpoint file.
    public var path: String { directory + "/checkpoint.bin" }

    /// What a checkpoint says about itself.
    public struct Header: Hashable, Sendable {
        /// The fingerprint of the philosophy it was measured with.
        public var fingerprint: String
        /// The store sequence number of the last event it holds.
        public var lastSeq: Int64
        /// That event's id.
        public var lastEventID: String
        /// Stored events that could not be read as events, up to it.
        public var unreadable: Int
    }

    /// The fingerprint of what decides how events are measured: the organisation, the metric
    /// settings, the schedules, the coverage and the custom metrics (targets, alerts and
    /// wording do not matter).
    public static func fingerprint(of philosophy: Philosophy) -> String {
        let measuring = String(
            reflecting: (philosophy.organisation, philosophy.settings, philosophy.schedules, philosophy.coverage, philosophy.customMetrics))
        return SHA256.hash(Array("\(formatVersion)\n\(measuring)".utf8)).hex
    }

    /// Writes `service`'s state, replacing the checkpoint there was; returns the size in bytes.
    @discardableResult
    public func write(_ service: MetricsService) throws(CheckpointError) -> Int64 {
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw CheckpointError(.io, "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        var size: Int64 = 0
        try PrivateFile.write(to: path, wrappingErrors: { CheckpointError(.io, "\($0)") }) { (sink) throws(CheckpointError) in
            var writer = CheckpointWriter(sink: sink)
            try writer.write(UInt64(Self.magic.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }))
            try writer.write(Self.formatVersion)
            try writer.write(Self.fingerprint(of: service.philosophy))
            try writer.write(service.lastSeq)
            try writer.write(service.lastEventID)
            try writer.write(Int64(service.unreadable))
            try service.engine.writeCheckpoint(to: &writer)
            try writer.finish()
            size = writer.byteCount + 8
        }
        return size
    }

    /// Reads the checkpoint into a service for `philosophy`; `nil` when there is none.
    ///
    /// - Throws: ``CheckpointError`` for a checkpoint that cannot be used: `stale` (another
    ///   format or philosophy), `checksum`, `truncated`, `malformed` or `io`.
    public func read(philosophy: Philosophy) throws(CheckpointError) -> (service: MetricsService, header: Header)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw CheckpointError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CheckpointError(.io, "cannot read \(path): \(String(cString: strerror(errno)))") }
        var reader = CheckpointReader(size: Int64(status.st_size)) { (buffer) throws(CheckpointError) -> Int in
            while true {
                let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno != EINTR { throw CheckpointError(.io, "cannot read \(path): \(String(cString: strerror(errno)))") }
            }
        }
        let magic = try reader.read(UInt64.self)
        guard magic == Self.magic.withUnsafeBytes({ $0.loadUnaligned(as: UInt64.self) }) else {
            throw CheckpointError(.malformed, "\(path) is not a metrics checkpoint")
        }
        let version = try reader.read(UInt32.self)
        guard version == Self.formatVersion else {
            throw CheckpointError(.stale, "format \(version), this build reads format \(Self.formatVersion)")
        }
        let fingerprint = try reader.readString()
        guard fingerprint == Self.fingerprint(of: philosophy) else {
            throw CheckpointError(.stale, "it was measured with another philosophy (metric settings, schedules, coverage or custom metrics)")
        }
        let header = Header(
            fingerprint: fingerprint, lastSeq: try reader.read(Int64.self), lastEventID: try reader.readString(),
            unreadable: Int(try reader.read(Int64.self)))
        var service = MetricsService(philosophy: philosophy)
        service.engine = try MetricsEngine(measurer: service.engine.measurer, customMetrics: service.engine.customMetrics, checkpoint: &reader)
        try reader.finish()
        service.lastSeq = header.lastSeq
        service.lastEventID = header.lastEventID
        service.unreadable = header.unreadable
        return (service, header)
    }

    /// Removes the checkpoint (one that cannot be used is not read again at the next start).
    public func remove() {
        unlink(path)
    }
}
