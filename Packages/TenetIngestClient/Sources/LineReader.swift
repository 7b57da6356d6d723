import Foundation

/// Reads a file (or standard input) line by line in large chunks, without holding it all.
public final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead: Int = 0

    /// Reads from `handle`, from its current offset.
    public init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its `\n` (a final line without one included), or `nil` at the end.
    public func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else {
                bytesRead += chunk.count
                buffer.append(contentsOf: chunk)
            }
        }
    }
}
