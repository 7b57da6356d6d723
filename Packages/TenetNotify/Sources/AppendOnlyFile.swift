#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that only grows by whole lines, each synced before ``append(line:)`` returns: the
/// log notifier's JSON lines and the delivery journal. Created with mode 0600 (its owner's
/// alone, from the first byte); opened with `O_APPEND`, so each line is one `write` at the end
/// even when another process appends too. A line that a crash cut short is the last one, and
/// readers skip it.
public final class AppendOnlyFile: @unchecked Sendable {
    /// The file's path.
    public let path: String
    private let descriptor: Int32

    /// Opens (or creates, mode 0600) the file at `path` for appending.
    ///
    /// - Throws: ``NotifyError`` with ``NotifyError/Code/file`` naming the path and the reason.
    public init(path: String) throws(NotifyError) {
        self.path = path
        let opened = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            throw NotifyError(.file, "open(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))")
        }
        descriptor = opened
    }

    deinit { close(descriptor) }

    /// Appends `line` and a newline in one write, then syncs the file.
    ///
    /// - Throws: ``NotifyError`` with ``NotifyError/Code/file`` when the write or the sync failed.
    public func append(line: [UInt8]) throws(NotifyError) {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw NotifyError(.file, "write(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw NotifyError(.file, "fsync(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))")
        }
    }

    /// The complete lines of the file at `path` (a last line without its newline is left out),
    /// or none when there is no such file.
    public static func lines(at path: String) -> [[UInt8]] {
        guard let content = contents(at: path) else { return [] }
        var lines: [[UInt8]] = []
        var start = 0
        for index in content.indices where content[index] == UInt8(ascii: "\n") {
            lines.append(Array(content[start..<index]))
            start = index + 1
        }
        return lines
    }

    /// The whole content of the file at `path`, or `nil` when it cannot be read.
    public static func contents(at path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            content.append(contentsOf: chunk[0..<count])
        }
        return content
    }
}
