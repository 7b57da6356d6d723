/// Writes a checkpoint as a stream of values in the machine's byte order (a checkpoint is read
/// back by the same build on the same machine): a fixed-size value as its bytes, an array of
/// them as a count and their bytes, a string as its length and UTF-8, section tags between the
/// parts, and at the end a checksum of everything before it (``CheckpointReader`` checks them).
///
/// Bytes go to the sink in pieces of about 1 MiB, so a checkpoint of any size is written without
/// being held in memory.
public struct CheckpointWriter {
    /// Where the bytes go; a sink that fails stops the checkpoint.
    public typealias Sink = (UnsafeRawBufferPointer) throws(CheckpointError) -> Void

    private let sink: Sink
    /// The bytes not handed to the sink yet: `buffer[..<used]`.
    private var buffer: [UInt8]
    private var used = 0
    private var checksum = CheckpointChecksum()
    /// How many bytes were written so far, the checksum excluded.
    public private(set) var byteCount: Int64 = 0

    private static let bufferSize = 1 << 20

    /// A writer handing its bytes to `sink`.
    public init(sink: @escaping Sink) {
        self.sink = sink
        buffer = [UInt8](repeating: 0, count: Self.bufferSize)
    }

    /// Writes `value`'s bytes.
    public mutating func write<Value: BitwiseCopyable>(_ value: Value) throws(CheckpointError) {
        let size = MemoryLayout<Value>.size
        if used + size > Self.bufferSize { try flush() }
        let at = used
        buffer.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: at, as: Value.self) }
        used += size
    }

    /// Writes a count, then the elements' bytes.
    public mutating func write<Element: BitwiseCopyable>(array: [Element]) throws(CheckpointError) {
        try write(Int64(array.count))
        try flush()
        let outcome = array.withUnsafeBytes { bytes in Result { () throws(CheckpointError) in try emit(bytes) } }
        try outcome.get()
    }

    /// Writes a string: its UTF-8 length, then its UTF-8.
    public mutating func write(_ string: String) throws(CheckpointError) {
        var string = string
        let length = string.utf8.count
        try write(UInt32(length))
        guard length > 0 else { return }
        if used + length > Self.bufferSize { try flush() }
        if length > Self.bufferSize {
            let outcome = string.withUTF8 { bytes in Result { () throws(CheckpointError) in try emit(UnsafeRawBufferPointer(bytes)) } }
            try outcome.get()
            return
        }
        let at = used
        string.withUTF8 { bytes in
            buffer.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: at).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
        }
        used += length
    }

    /// Writes an optional string: a flag, then the string when there is one.
    public mutating func write(_ string: String?) throws(CheckpointError) {
        try write(string != nil)
        if let string { try write(string) }
    }

    /// Writes a list of strings: its count, then each string.
    public mutating func write(strings: [String]) throws(CheckpointError) {
        try write(Int64(strings.count))
        for string in strings { try write(string) }
    }

    /// Writes a section tag (four ASCII letters), checked on reading so that a misplaced part is
    /// named rather than misread.
    public mutating func tag(_ name: StaticString) throws(CheckpointError) {
        try write(CheckpointReader.tagValue(name))
    }

    /// Writes out what is buffered and the checksum; the writer is done.
    public mutating func finish() throws(CheckpointError) {
        try flush()
        let value = checksum.value
        try withUnsafeBytes(of: value) { (bytes) throws(CheckpointError) in try sink(bytes) }
    }

    private mutating func flush() throws(CheckpointError) {
        guard used > 0 else { return }
        let count = used
        used = 0
        let outcome = buffer.withUnsafeBytes { bytes in Result { () throws(CheckpointError) in try emit(UnsafeRawBufferPointer(rebasing: bytes[..<count])) } }
        try outcome.get()
    }

    private mutating func emit(_ bytes: UnsafeRawBufferPointer) throws(CheckpointError) {
        guard !bytes.isEmpty else { return }
        checksum.update(bytes)
        byteCount += Int64(bytes.count)
        try sink(bytes)
    }
}
