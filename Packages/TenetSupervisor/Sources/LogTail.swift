#if canImport(Glibc)
import Glibc
#endif

/// Reads the end of a plugin's log: what a plugin said last before it exited.
enum LogTail {
    /// How much of the file's end is read.
    static let window = 4096
    /// The longest line returned; longer ones are cut and end with `…`.
    static let maximumCharacters = 300

    /// The last non-empty line of the file at `path`, or `nil` if there is none.
    static func lastLine(ofFile path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        let start = max(0, size - off_t(window))
        var bytes = [UInt8](repeating: 0, count: Int(size - start))
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, start) }
        guard count > 0 else { return nil }
        return lastLine(of: bytes.prefix(count))
    }

    /// The last non-empty line of `bytes` (invalid UTF-8 replaced), trimmed and cut.
    static func lastLine(of bytes: some Collection<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return nil
        }
        var trimmed = Substring(line)
        while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
        while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
        return trimmed.count > maximumCharacters ? String(trimmed.prefix(maximumCharacters - 1)) + "…" : String(trimmed)
    }
}
