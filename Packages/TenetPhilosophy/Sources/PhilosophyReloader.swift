import Foundation
import TenetControl
import TenetYAML

/// The reload contract's plugin side: keeps the philosophy a plugin works with, re-reads the file
/// when asked (`sys.philosophy.reload`, from `tenet reload`) or when it changed on disk, and
/// swaps only to a file that checks without errors. A file with errors is refused: the previous
/// philosophy stays in force and the errors are returned for the plugin to log and publish.
///
/// A plugin calls ``poll()`` on a timer (every 2 seconds is plenty: it costs one `stat`) and
/// ``reload()`` on the bus message; docs/PHILOSOPHY.md ("Reloading") describes the messages.
public struct PhilosophyReloader: Sendable {
    /// What a reload did.
    public enum Outcome: Sendable {
        /// A new philosophy is in force (its warnings, if any, alongside).
        case loaded(PhilosophyCheck)
        /// The file's content is the one already in force: nothing to do.
        case unchanged(digest: String)
        /// The file has errors (or cannot be read): the previous philosophy stays in force.
        case refused(PhilosophyCheck)
    }

    /// The file.
    public let path: String
    /// The philosophy in force: `nil` until a file has loaded.
    public private(set) var current: Philosophy?
    /// The SHA-256 of the file in force (empty before the first load).
    public private(set) var digest = ""
    private var fingerprint: FileFingerprint?

    /// Creates a reloader for `path`; nothing is read until ``reload()``.
    public init(path: String) {
        self.path = path
    }

    /// Reads and checks the file now, and swaps to it when it has no error and differs from the
    /// philosophy in force.
    public mutating func reload() -> Outcome {
        fingerprint = FileFingerprint(path: path)
        let check = PhilosophyLoader.load(path: path)
        guard let philosophy = check.philosophy else { return .refused(check) }
        guard check.digest != digest else { return .unchanged(digest: digest) }
        current = philosophy
        digest = check.digest
        return .loaded(check)
    }

    /// Reloads when the file changed on disk since the last read (its size, modification time,
    /// inode or device differ: an editor's atomic rename counts), else returns `nil`.
    public mutating func poll() -> Outcome? {
        guard FileFingerprint(path: path) != fingerprint else { return nil }
        return reload()
    }
}

/// What `stat` says about a file, enough to notice that it changed.
struct FileFingerprint: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    /// The fingerprint of the file at `path`, or `nil` when it does not exist.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        #if canImport(Glibc)
            modifiedSeconds = Int(status.st_mtim.tv_sec)
            modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
        #else
            modifiedSeconds = Int(status.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(status.st_mtimespec.tv_nsec)
        #endif
    }
}

extension PhilosophyReloader.Outcome {
    /// The body a plugin publishes on `sys.philosophy.<plugin>.<outcome>` after a re-read;
    /// `inForce` is the reloader's ``PhilosophyReloader/digest`` after it.
    public func statusBody(plugin: String, path: String, inForce: String) -> PhilosophyStatusBody {
        switch self {
        case .loaded(let check):
            PhilosophyStatusBody(
                plugin: plugin, path: path, outcome: .loaded, digest: check.digest, inForce: inForce, errors: [],
                warnings: check.warnings.count)
        case .unchanged(let digest):
            PhilosophyStatusBody(plugin: plugin, path: path, outcome: .unchanged, digest: digest, inForce: inForce, errors: [], warnings: 0)
        case .refused(let check):
            PhilosophyStatusBody(
                plugin: plugin, path: path, outcome: .refused, digest: check.digest, inForce: inForce,
                errors: check.errors.map(\.description), warnings: check.warnings.count)
        }
    }
}
