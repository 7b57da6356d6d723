extension SLABookSnapshot {
    /// The file's first bytes: `TSLA` and the format version 1.
    static let magic: [UInt8] = [0x54, 0x53, 0x4C, 0x41, 1]

    /// The snapshot in a compact binary form (little-endian integers, length-prefixed UTF-8):
    /// about 60 bytes a conversation, written and read in a fraction of the time JSON takes. The
    /// plugin writes it beside the old file and renames it over (a crash leaves one or the other).
    public func binary() -> [UInt8] {
        var writer = SnapshotWriter()
        writer.bytes += Self.magic
        writer.int(horizon ?? .min)
        var names: [String] = []
        var nameIndex: [String: Int] = [:]
        for row in conversations {
            for name in row.fields.keys where nameIndex[name] == nil {
                nameIndex[name] = names.count
                names.append(name)
            }
        }
        writer.count(names.count)
        names.forEach { writer.string($0) }
        writer.count(conversations.count)
        for row in conversations {
            writer.string(row.id)
            writer.count(row.fields.count)
            for (name, value) in row.fields.sorted(by: { $0.key < $1.key }) {
                writer.count(nameIndex[name]!)
                writer.string(value)
            }
            writer.int(row.lastAt)
            writer.string(row.status)
            writer.bytes.append(row.flags)
            writer.count(row.clocks.count)
            for clock in row.clocks {
                writer.bytes.append(clock.state)
                writer.bytes.append((clock.warned ? 1 : 0) | (clock.breached ? 2 : 0) | (clock.counted ? 4 : 0))
                writer.int(clock.elapsed)
                writer.int(clock.since)
            }
        }
        writer.count(tallies.count)
        for tally in tallies {
            writer.string(tally.policy)
            writer.string(tally.metric.rawValue)
            [tally.applied, tally.met, tally.breached, tally.nearBreaches].forEach { writer.int(Int64($0)) }
        }
        writer.count(outcomes.count)
        for outcome in outcomes {
            writer.string(outcome.kind)
            writer.string(outcome.conversation)
            writer.string(outcome.policy)
            writer.string(outcome.metric.rawValue)
            [outcome.at, outcome.target, outcome.elapsed].forEach { writer.int($0) }
        }
        return writer.bytes
    }

    /// Reads ``binary()``'s form back; every count and length is checked against the bytes left.
    public init(binary bytes: [UInt8]) throws(SLAError) {
        var reader = SnapshotReader(bytes: bytes)
        guard bytes.starts(with: Self.magic) else {
            throw SLAError(code: .badSnapshot, message: "not an SLA snapshot of format version 1 (the first bytes are not `TSLA` 1)")
        }
        reader.offset = Self.magic.count
        let horizon = try reader.int()
        let names = try (0..<reader.count(atLeast: 1)).map { _ throws(SLAError) in try reader.string() }
        var conversations: [Conversation] = []
        let conversationCount = try reader.count(atLeast: 30)
        conversations.reserveCapacity(conversationCount)
        for _ in 0..<conversationCount {
            let id = try reader.string()
            var fields: [String: String] = [:]
            for _ in 0..<(try reader.count(atLeast: 2)) {
                let index = try reader.count(atLeast: 0)
                guard index < names.count else { throw reader.failure("field name \(index) of \(names.count)") }
                fields[names[index]] = try reader.string()
            }
            let lastAt = try reader.int()
            let status = try reader.string()
            let flags = try reader.byte()
            var clocks: [Clock] = []
            for _ in 0..<(try reader.count(atLeast: 18)) {
                let state = try reader.byte(), bits = try reader.byte()
                clocks.append(
                    Clock(
                        state: state, elapsed: try reader.int(), since: try reader.int(), warned: bits & 1 != 0, breached: bits & 2 != 0,
                        counted: bits & 4 != 0))
            }
            conversations.append(Conversation(id: id, fields: fields, lastAt: lastAt, status: status, flags: flags, clocks: clocks))
        }
        var tallies: [Tally] = []
        for _ in 0..<(try reader.count(atLeast: 34)) {
            let policy = try reader.string()
            let metric = try reader.metric()
            let numbers = try (0..<4).map { _ throws(SLAError) in Int(try reader.int()) }
            tallies.append(Tally(policy: policy, metric: metric, applied: numbers[0], met: numbers[1], breached: numbers[2], nearBreaches: numbers[3]))
        }
        var outcomes: [Outcome] = []
        for _ in 0..<(try reader.count(atLeast: 28)) {
            let kind = try reader.string(), conversation = try reader.string(), policy = try reader.string()
            let metric = try reader.metric()
            outcomes.append(
                Outcome(
                    kind: kind, conversation: conversation, policy: policy, metric: metric, at: try reader.int(), target: try reader.int(),
                    elapsed: try reader.int()))
        }
        guard reader.offset == bytes.count else { throw reader.failure("\(bytes.count - reader.offset) bytes after the end") }
        self.init(
            horizon: horizon == .min ? nil : horizon, conversations: conversations, tallies: tallies, outcomes: outcomes)
    }
}

/// Appends little-endian integers and length-prefixed strings.
struct SnapshotWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { bytes += $0 }
    }

    mutating func string(_ text: String) {
        count(text.utf8.count)
        bytes += text.utf8
    }
}

/// Reads what ``SnapshotWriter`` wrote, checking every length against the bytes left.
struct SnapshotReader {
    let bytes: [UInt8]
    var offset = 0

    func failure(_ what: String) -> SLAError {
        SLAError(code: .badSnapshot, message: "binary snapshot at byte \(offset): \(what)")
    }

    mutating func take(_ length: Int) throws(SLAError) -> ArraySlice<UInt8> {
        guard length >= 0, length <= bytes.count - offset else { throw failure("\(length) bytes wanted, \(bytes.count - offset) left") }
        defer { offset += length }
        return bytes[offset..<offset + length]
    }

    mutating func byte() throws(SLAError) -> UInt8 {
        try take(1).first!
    }

    mutating func int() throws(SLAError) -> Int64 {
        var value: Int64 = 0
        for (shift, byte) in try take(8).enumerated() { value |= Int64(byte) << (8 * shift) }
        return value
    }

    /// A count of items that take at least `size` bytes each: refused when the bytes left cannot hold them.
    mutating func count(atLeast size: Int) throws(SLAError) -> Int {
        var value = 0
        for (shift, byte) in try take(4).enumerated() { value |= Int(byte) << (8 * shift) }
        guard size == 0 || value <= (bytes.count - offset) / size else { throw failure("a count of \(value) does not fit the bytes left") }
        return value
    }

    mutating func string() throws(SLAError) -> String {
        let length = try count(atLeast: 1)
        return String(decoding: try take(length), as: UTF8.self)
    }

    mutating func metric() throws(SLAError) -> SLAMetric {
        let name = try string()
        guard let metric = SLAMetric(rawValue: name) else { throw failure("unknown clock `\(name)`") }
        return metric
    }
}
