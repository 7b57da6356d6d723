import Foundation
import TenetModels
import TenetStoreProtocol

/// Reads a file (or standard input) line by line in large chunks, without holding it all.
///
/// Memory stays bounded whatever the input: a line longer than ``maximumLineLength`` is handed
/// out cut to that length, with ``lastLineWasCut`` set, and the rest of it is read past without
/// being kept; callers refuse such a line with its number rather than read a truncated row as
/// if it were whole.
public final class LineReader {
    /// The default longest line: an event's limit (``EventValidator/maximumEventBytes``).
    public static let defaultMaximumLineLength = EventValidator.maximumEventBytes

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes (everything before it was searched).
    private var scanned = 0
    private var finished = false
    /// The longest line handed out whole, in bytes.
    public let maximumLineLength: Int
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead: Int = 0
    /// Whether the line ``next()`` returned last was longer than ``maximumLineLength`` and cut.
    public private(set) var lastLineWasCut = false
    /// The full length of the last line returned, in bytes (more than its count when cut).
    public private(set) var lastLineLength = 0

    /// Reads from `handle`, from its current offset; lines longer than `maximumLineLength`
    /// bytes are cut.
    public init(handle: FileHandle, maximumLineLength: Int = LineReader.defaultMaximumLineLength) {
        self.handle = handle
        self.maximumLineLength = max(1, maximumLineLength)
    }

    /// The next line without its `\n` (a final line without one included), or `nil` at the end.
    public func next() -> ArraySlice<UInt8>? {
        lastLineWasCut = false
        var cutting = false
        // For a line being cut: its full length so far.
        var length = 0
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                if cutting {
                    return cut(through: newline + 1, length: length + newline - scanned)
                }
                if newline - start > maximumLineLength {
                    return cut(through: newline + 1, length: newline - start)
                }
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                lastLineLength = line.count
                return line
            }
            // No newline after `scanned`.
            if cutting {
                length += buffer.count - scanned
                buffer.removeSubrange(scanned...)
            } else if buffer.count - start > maximumLineLength {
                // Keep the line's first `maximumLineLength` bytes; drop the rest as it comes.
                cutting = true
                length = buffer.count - start
                buffer.removeSubrange((start + maximumLineLength)...)
            }
            scanned = buffer.count
            if finished {
                if cutting { return cut(through: buffer.count, length: length) }
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                scanned = start
                lastLineLength = line.count
                return line
            }
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else {
                bytesRead += chunk.count
                buffer.append(contentsOf: chunk)
            }
        }
    }

    /// Ends a line longer than the limit: its first ``maximumLineLength`` bytes (at `start`) are
    /// handed out; everything up to `end` (past its newline, or the end of the input) is dropped.
    private func cut(through end: Int, length: Int) -> ArraySlice<UInt8> {
        let line = Array(buffer[start..<(start + maximumLineLength)])
        buffer.removeSubrange(start..<end)
        scanned = start
        lastLineWasCut = true
        lastLineLength = length
        return line[...]
    }

    /// The refusal of the line just cut, numbered `line`: its length, the limit, and its first
    /// kilobyte as the payload (the dead letter keeps a sample, not a megabyte).
    public func cutRejection(line: Int, head: ArraySlice<UInt8>) -> Rejection {
        Rejection(
            source: "", line: line, field: nil,
            reason: "the line is \(lastLineLength) bytes, longer than the \(maximumLineLength) a line may have (an event is at most 1 MiB)",
            payload: String(decoding: head.prefix(1024), as: UTF8.self) + "…")
    }
}
