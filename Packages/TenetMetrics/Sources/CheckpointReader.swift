/// Reads back what a ``CheckpointWriter`` wrote, refusing anything that does not fit: a count
/// larger than the bytes left, a section tag out of place, a file cut short or longer than its
/// checksum says, a checksum that does not match. Nothing read is trusted before ``finish()``
/// has checked the checksum.
public struct CheckpointReader {
    /// Where the bytes come from: fills as much of the buffer as it can, returns how many bytes
    /// it wrote there (0 at the end).
    public typealias Source = (UnsafeMutableRawBufferPointer) throws(CheckpointError) -> Int

    private let source: Source
    private let size: Int64
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0
    /// The checksum of the bytes read from the source so far (the stored checksum excluded).
    private var checksum = CheckpointChecksum()
    /// How many bytes were read from the source so far.
    private var sourceOffset: Int64 = 0
    /// How many bytes were consumed so far.
    public private(set) var offset: Int64 = 0

    private static let bufferSize = 1 << 20

    /// A reader of a checkpoint of `size` bytes (the checksum included) from `source`.
    public init(size: Int64, source: @escaping Source) {
        self.size = size
        self.source = source
        buffer = [UInt8](repeating: 0, count: Self.bufferSize)
    }

    /// The bytes left before the checksum.
    private var remaining: Int64 { size - 8 - offset }

    /// Reads a fixed-size value.
    public mutating func read<Value: BitwiseCopyable>(_ type: Value.Type) throws(CheckpointError) -> Value {
        let count = MemoryLayout<Value>.size
        try ensure(count)
        let value = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: Value.self) }
        consume(count)
        return value
    }

    /// Reads a count and as many elements.
    public mutating func readArray<Element: BitwiseCopyable>(_ type: Element.Type) throws(CheckpointError) -> [Element] {
        let count = try read(Int64.self)
        let stride = Int64(MemoryLayout<Element>.stride)
        guard count >= 0, count <= remaining / max(1, stride) else {
            throw CheckpointError(.malformed, "an array of \(count) elements at byte \(offset), past the end of the file")
        }
        let byteCount = Int(count) * Int(stride)
        var failure: CheckpointError?
        let array = [Element](unsafeUninitializedCapacity: Int(count)) { elements, initialized in
            let destination = UnsafeMutableRawBufferPointer(elements)
            var done = 0
            // What is buffered first, then straight from the source into the array.
            let buffered = min(filled - position, byteCount)
            if buffered > 0 {
                buffer.withUnsafeBytes { destination.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: buffered) }
                consume(buffered)
                done = buffered
            }
            while done < byteCount {
                let piece = UnsafeMutableRawBufferPointer(rebasing: destination[done..<byteCount])
                do throws(CheckpointError) {
                    let got = try source(piece)
                    guard got > 0 else { throw CheckpointError(.truncated, "the file ends at byte \(offset) inside an array") }
                    received(UnsafeRawBufferPointer(rebasing: piece[0..<got]))
                    offset += Int64(got)
                    done += got
                } catch {
                    failure = error
                    break
                }
            }
            initialized = failure == nil ? Int(count) : 0
        }
        if let failure { throw failure }
        return array
    }

    /// Reads a string.
    public mutating func readString() throws(CheckpointError) -> String {
        let length = Int(try read(UInt32.self))
        guard Int64(length) <= remaining else {
            throw CheckpointError(.malformed, "a string of \(length) bytes at byte \(offset), past the end of the file")
        }
        if length <= Self.bufferSize {
            try ensure(length)
            let string = buffer.withUnsafeBytes { String(decoding: $0[position..<position + length], as: UTF8.self) }
            consume(length)
            return string
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        while bytes.count < length {
            try ensure(1)
            let take = min(length - bytes.count, filled - position)
            bytes.append(contentsOf: buffer[position..<position + take])
            consume(take)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads an optional string.
    public mutating func readOptionalString() throws(CheckpointError) -> String? {
        try read(Bool.self) ? try readString() : nil
    }

    /// Reads a list of strings.
    public mutating func readStrings() throws(CheckpointError) -> [String] {
        let count = try read(Int64.self)
        // Each string takes at least its 4-byte length.
        guard count >= 0, count <= remaining / 4 else {
            throw CheckpointError(.malformed, "\(count) strings at byte \(offset), past the end of the file")
        }
        var strings: [String] = []
        strings.reserveCapacity(Int(count))
        for _ in 0..<count { strings.append(try readString()) }
        return strings
    }

    /// Reads a count of items that take at least `minimumBytes` each, refusing one the file
    /// cannot hold.
    public mutating func readCount(minimumBytes: Int = 1) throws(CheckpointError) -> Int {
        let count = try read(Int64.self)
        guard count >= 0, count <= remaining / Int64(max(1, minimumBytes)) else {
            throw CheckpointError(.malformed, "a count of \(count) at byte \(offset), more than the file holds")
        }
        return Int(count)
    }

    /// Reads a section tag, refusing any other.
    public mutating func expect(_ name: StaticString) throws(CheckpointError) {
        let at = offset
        let found = try read(UInt32.self)
        guard found == Self.tagValue(name) else {
            throw CheckpointError(.malformed, "expected the section `\(name)` at byte \(at)")
        }
    }

    /// Checks that everything was read and that the checksum matches.
    public mutating func finish() throws(CheckpointError) {
        guard remaining == 0 else {
            throw CheckpointError(.malformed, "\(remaining) bytes left unread before the checksum")
        }
        let expected = checksum.value
        try ensureRaw(8)
        let stored = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self) }
        position += 8
        guard stored == expected else { throw CheckpointError(.checksum, "the checksum does not match: the file was damaged") }
    }

    /// A tag's number: its four ASCII letters.
    static func tagValue(_ name: StaticString) -> UInt32 {
        precondition(name.utf8CodeUnitCount == 4, "a section tag has four letters")
        return name.withUTF8Buffer { bytes in bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    }

    private mutating func consume(_ count: Int) {
        position += count
        offset += Int64(count)
    }

    /// Adds bytes just read from the source to the checksum, the stored checksum at the end
    /// of the file left out.
    private mutating func received(_ bytes: UnsafeRawBufferPointer) {
        let limit = size - 8
        let counted = Int(max(0, min(Int64(bytes.count), limit - sourceOffset)))
        if counted > 0 { checksum.update(UnsafeRawBufferPointer(rebasing: bytes[0..<counted])) }
        sourceOffset += Int64(bytes.count)
    }

    /// Makes `count` bytes of the values part available from `position`.
    private mutating func ensure(_ count: Int) throws(CheckpointError) {
        guard Int64(count) <= remaining else { throw CheckpointError(.truncated, "the file ends at byte \(offset) inside a value") }
        try ensureRaw(count)
    }

    /// Makes `count` bytes available from `position`, refilling the buffer.
    private mutating func ensureRaw(_ count: Int) throws(CheckpointError) {
        guard filled - position < count else { return }
        if position > 0 {
            buffer.withUnsafeMutableBytes { bytes in
                bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + position, byteCount: filled - position)
            }
            filled -= position
            position = 0
        }
        while filled < count {
            let start = filled
            let outcome = buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(CheckpointError) -> Int in try source(UnsafeMutableRawBufferPointer(rebasing: bytes[start...])) }
            }
            let got = try outcome.get()
            guard got > 0 else { throw CheckpointError(.truncated, "the file ends at byte \(offset + Int64(filled))") }
            buffer.withUnsafeBytes { received(UnsafeRawBufferPointer(rebasing: $0[start..<start + got])) }
            filled += got
        }
    }
}
