#if canImport(Glibc)
import Glibc
#endif

/// Writes files that only their owner may read (secret keys, tokens), atomically.
///
/// The bytes go into a new temporary file beside the target, created with `O_CREAT | O_EXCL`
/// and mode 0600 from its first byte (never a world-readable file chmod-ed afterwards), then
/// synced and renamed over the target, and the directory is synced. A reader sees the old
/// file or the complete new one, and no other user can read either: the final file is 0600
/// whatever the process's umask, and replacing a file that was more open tightens it.
///
/// ```swift
/// try PrivateFile.write(Array(token.utf8), to: data + "/ingest.token")
/// ```
public enum PrivateFile {
    /// The mode of every file written here: read and write for the owner only.
    public static let mode: mode_t = 0o600

    /// Replaces the file at `path` with `bytes`, atomically, with mode 0600.
    ///
    /// - Throws: ``PrivateFileError`` naming the operation and the file; no temporary file is
    ///   left behind.
    public static func write(_ bytes: [UInt8], to path: String) throws(PrivateFileError) {
        try write(to: path, wrappingErrors: { $0 }) { (sink) throws(PrivateFileError) in
            let outcome = bytes.withUnsafeBytes { buffer in Result { () throws(PrivateFileError) in try sink(buffer) } }
            try outcome.get()
        }
    }

    /// Replaces the file at `path`, atomically, with mode 0600, with the bytes `body` hands to
    /// the sink it is given, piece by piece (for a file too large to build in memory first).
    /// When `body` throws, the temporary file is removed and the old file stays as it was.
    ///
    /// - Parameter wrap: turns a failed file operation into the caller's error type.
    /// - Throws: what `body` threw, or a failed file operation through `wrap`.
    public static func write<Failure: Error>(
        to path: String, wrappingErrors wrap: @escaping (PrivateFileError) -> Failure,
        _ body: (_ sink: @escaping (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) -> Void
    ) throws(Failure) {
        let temporary: (descriptor: Int32, path: String)
        do throws(PrivateFileError) {
            temporary = try createTemporary(beside: path)
        } catch {
            throw wrap(error)
        }
        do throws(Failure) {
            try body { (bytes) throws(Failure) in
                do throws(PrivateFileError) {
                    try writeAll(bytes, to: temporary.descriptor, path: temporary.path)
                } catch {
                    throw wrap(error)
                }
            }
            guard fsync(temporary.descriptor) == 0 else { throw wrap(PrivateFileError.last("fsync", temporary.path)) }
            guard close(temporary.descriptor) == 0 else { throw wrap(PrivateFileError.last("close", temporary.path)) }
        } catch {
            close(temporary.descriptor)
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, path) == 0 else {
            let failure = PrivateFileError.last("rename", path)
            unlink(temporary.path)
            throw wrap(failure)
        }
        syncDirectory(of: path)
    }

    /// Creates a new, empty temporary file beside `path` with mode 0600 and opens it for
    /// writing. ``write(_:to:)`` is built on it; call it directly only to check the guarantee.
    ///
    /// - Returns: the open descriptor (close-on-exec) and the temporary file's path.
    public static func createTemporary(beside path: String) throws(PrivateFileError) -> (descriptor: Int32, path: String) {
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let candidate = "\(path).tmp-\(getpid())-\(suffix)"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 {
                // The umask can only have removed bits; make the mode exact.
                guard fchmod(descriptor, mode) == 0 else {
                    let failure = PrivateFileError.last("fchmod", candidate)
                    close(descriptor)
                    unlink(candidate)
                    throw failure
                }
                return (descriptor, candidate)
            }
            guard errno == EEXIST else { throw PrivateFileError.last("open", candidate) }
        }
        throw PrivateFileError(code: .init(rawValue: EEXIST), operation: "open", subject: path + ".tmp-…")
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(PrivateFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw PrivateFileError.last("write", path)
            }
            offset += written
        }
    }

    /// Makes the rename durable. Best effort: a directory that cannot be opened is left as it is.
    private static func syncDirectory(of path: String) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
