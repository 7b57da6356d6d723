import Foundation
import TenetModels

#if canImport(Glibc)
import Glibc
#endif

/// The stack's data directory: its sockets, logs, lock and endpoint file.
///
/// ```
/// DATA/                 mode 0700; the running supervisor holds an flock on the directory itself
///   supervisor.pid      the running supervisor's pid (information only; removed at a clean exit)
///   endpoints.json      every endpoint, for tools to discover (also in `tenet status --json`)
///   run/publish.sock    event bus, publishers connect here (XSUB)
///   run/subscribe.sock  event bus, subscribers connect here (XPUB)
///   run/control.sock    supervisor requests (ROUTER)
///   run/NAME.sock       plugin NAME's own request endpoint (ROUTER, bound by the plugin)
///   logs/NAME.log       plugin NAME's standard output and error
/// ```
public struct DataDirectory: Hashable, Sendable {
    /// The absolute path.
    public let path: String

    /// The longest `ipc://` socket path the kernel accepts (`sun_path` is 108 bytes).
    public static let maximumSocketPathLength = 107

    /// Uses `path` (made absolute against the current directory) as the data directory.
    public init(path: String) {
        self.path = Self.absolute(path)
    }

    /// The default: `$TENET_DATA_DIR`, else `./tenet-data`.
    public static func defaultPath() -> String {
        ProcessInfo.processInfo.environment["TENET_DATA_DIR"] ?? "tenet-data"
    }

    var runDirectory: String { path + "/run" }
    var logDirectory: String { path + "/logs" }
    var pidPath: String { path + "/supervisor.pid" }
    /// The endpoint file written by a running supervisor.
    public var endpointsPath: String { path + "/endpoints.json" }
    /// The supervisor's control endpoint.
    public var controlEndpoint: String { "ipc://" + runDirectory + "/control.sock" }
    /// Where publishers connect.
    public var publishEndpoint: String { "ipc://" + runDirectory + "/publish.sock" }
    /// Where subscribers connect.
    public var subscribeEndpoint: String { "ipc://" + runDirectory + "/subscribe.sock" }
    /// Plugin `name`'s own request endpoint.
    public func pluginEndpoint(_ name: String) -> String { "ipc://" + runDirectory + "/\(name).sock" }
    /// Plugin `name`'s log file.
    public func logPath(_ name: String) -> String { logDirectory + "/\(name).log" }
    var curveKeyPath: String { path + "/curve.json" }

    /// Checks that socket paths fit the kernel's limit, then creates the directory tree with
    /// mode 0700. An existing data directory that others can enter is tightened to 0700 when
    /// this user owns it and it is not a shared (sticky) directory such as `/tmp`; otherwise it
    /// is left alone. Returns a warning for each such case, for the supervisor's log.
    func prepare(pluginNames: [String]) throws(SupervisorError) -> [String] {
        let longest = ([runDirectory + "/subscribe.sock"] + pluginNames.map { runDirectory + "/\($0).sock" })
            .max { $0.utf8.count < $1.utf8.count } ?? ""
        if longest.utf8.count > Self.maximumSocketPathLength {
            throw SupervisorError(
                code: .dataDirectory,
                message: "the socket path \(longest) is \(longest.utf8.count) bytes, over the kernel's "
                    + "\(Self.maximumSocketPathLength): choose a data directory with a shorter path (--data)")
        }
        try Self.makeDirectory(path)
        var warnings: [String] = []
        if let warning = Self.tighten(path) { warnings.append(warning) }
        for directory in [runDirectory, logDirectory] {
            try Self.makeDirectory(directory)
            // Tenet's own folders: made private without a word.
            chmod(directory, 0o700)
        }
        return warnings
    }

    /// Takes the supervisor lock, so that two supervisors never share a data directory.
    ///
    /// The lock is an `flock` on the data directory itself, which cannot be unlinked from
    /// under a running supervisor (a lock *file* could be deleted, letting a second one in).
    /// The kernel releases it when the process dies, even on kill -9. The pid goes to
    /// `supervisor.pid`, for people and scripts; it plays no part in the locking.
    func lock() throws(SupervisorError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SupervisorError(code: .dataDirectory, message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            let owner = runningPid().map { " (pid \($0))" } ?? ""
            throw SupervisorError(
                code: .alreadyRunning,
                message: "another supervisor is running on \(path)\(owner); "
                    + "use `tenet status --data \(path)` or `tenet stop --data \(path)`")
        }
        _ = try? PrivateFile.write(Array("\(getpid())\n".utf8), to: pidPath)
        return descriptor
    }

    /// Whether a supervisor holds this directory's lock right now.
    public func isLocked() -> Bool {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }

    /// The pid in `supervisor.pid`, if the file is there and readable.
    func runningPid() -> Int32? {
        guard let data = FileManager.default.contents(atPath: pidPath) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Creates `directory` and any missing parent with mode 0700.
    private static func makeDirectory(_ directory: String) throws(SupervisorError) {
        var current = ""
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw SupervisorError(
                    code: .dataDirectory, message: "cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw SupervisorError(code: .dataDirectory, message: "cannot use \(directory): it is not a directory")
        }
    }

    /// Makes `directory` 0700 if others may enter it and it is safe to change; a warning if
    /// anything was found open.
    private static func tighten(_ directory: String) -> String? {
        var info = stat()
        guard stat(directory, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o7777
        guard mode & 0o077 != 0 else { return nil }
        let shown = "0" + String(mode & 0o777, radix: 8)
        guard info.st_uid == geteuid(), mode & S_ISVTX == 0 else {
            return "the data directory \(directory) has mode \(shown) and is not this user's own private "
                + "directory: other users may read the stack's data; use a directory of your own (--data)"
        }
        guard chmod(directory, 0o700) == 0 else {
            return "the data directory \(directory) has mode \(shown) and could not be made private: "
                + "\(String(cString: strerror(errno)))"
        }
        return "the data directory \(directory) had mode \(shown): made it 0700, so that only its owner can "
            + "read the stack's data (files made there before keep their modes: `chmod -R go= \(directory)`)"
    }

    private static func absolute(_ path: String) -> String {
        var result = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return (result as NSString).standardizingPath
    }
}
