/// A fast 64-bit checksum of a byte stream, the same however the stream is cut into pieces:
/// four independent lanes over 32-byte blocks, each word mixed by a multiplication, the lanes
/// and the length folded together at the end. It finds damage (a flipped bit, a torn page), not
/// tampering; the checkpoint's folder is private to its owner.
struct CheckpointChecksum: Sendable {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (lane ^ word) &* prime
        return mixed ^ (mixed >> 31)
    }

    /// Adds `bytes` to the stream.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var rest = bytes
        if !pending.isEmpty {
            let take = min(32 - pending.count, rest.count)
            pending.append(contentsOf: rest[rest.startIndex..<rest.startIndex + take])
            rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + take)...])
            if pending.count < 32 { return }
            pending.withUnsafeBytes { block(UnsafeRawBufferPointer($0)) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = rest.count & ~31
        if whole > 0 { block(UnsafeRawBufferPointer(rebasing: rest[rest.startIndex..<rest.startIndex + whole])) }
        if whole < rest.count { pending.append(contentsOf: rest[(rest.startIndex + whole)...]) }
    }

    /// Mixes whole 32-byte blocks.
    private mutating func block(_ bytes: UnsafeRawBufferPointer) {
        var (a, b, c, d) = lanes
        var offset = 0
        while offset < bytes.count {
            a = Self.mix(a, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            b = Self.mix(b, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            c = Self.mix(c, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            d = Self.mix(d, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        lanes = (a, b, c, d)
    }

    /// The checksum of the stream so far.
    var value: UInt64 {
        var (a, b, c, d) = lanes
        var tail = pending
        tail.append(contentsOf: repeatElement(0, count: 32 - tail.count))
        tail.withUnsafeBytes { bytes in
            a = Self.mix(a, bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            b = Self.mix(b, bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            c = Self.mix(c, bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
            d = Self.mix(d, bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        var folded = Self.mix(Self.mix(Self.mix(Self.mix(length, a), b), c), d)
        folded = Self.mix(folded, length)
        return folded
    }
}
