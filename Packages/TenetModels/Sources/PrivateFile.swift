#if canImport(Glibc)
import Glibc
#endif

/// Writes files that only their owner may read (secrets, keys), private from the first byte:
/// the content goes to a temporary file created with mode 0600 (`O_CREAT | O_EXCL`, so never
/// through a file another user could have opened), is flushed to disk, and is renamed over the
/// destination, so a reader sees either the old file or the whole new one.
public enum PrivateFile {
    /// A file that could not be written.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The path at fault.
        public var path: String
        /// The failed step and the system's reason.
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The mode of the files it writes.
    public static let mode: mode_t = 0o600

    /// Writes `bytes` to `path` with mode 0600.
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(path: temporary, message: "cannot create: \(reason())") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let failure = Failure(path: temporary, message: "cannot write: \(reason())")
                close(descriptor)
                unlink(temporary)
                throw failure
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let failure = Failure(path: temporary, message: "cannot flush: \(reason())")
            close(descriptor)
            unlink(temporary)
            throw failure
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let failure = Failure(path: path, message: "cannot rename into place: \(reason())")
            unlink(temporary)
            throw failure
        }
    }

    private static func reason() -> String {
        String(cString: strerror(errno)) + " (errno \(errno))"
    }
}
