import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The stack's data directory: its sockets, logs, lock and endpoint file.
///
/// ```
/// DATA/
///   supervisor.lock     held (flock) by the running supervisor
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
    var lockPath: String { path + "/supervisor.lock" }
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

    /// Creates the directory tree and checks that socket paths fit the kernel's limit.
    func prepare(pluginNames: [String]) throws(SupervisorError) {
        for directory in [path, runDirectory, logDirectory] {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SupervisorError(
                    code: .dataDirectory, message: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let longest = ([runDirectory + "/subscribe.sock"] + pluginNames.map { runDirectory + "/\($0).sock" })
            .max { $0.utf8.count < $1.utf8.count } ?? ""
        if longest.utf8.count > Self.maximumSocketPathLength {
            throw SupervisorError(
                code: .dataDirectory,
                message: "the socket path \(longest) is \(longest.utf8.count) bytes, over the kernel's "
                    + "\(Self.maximumSocketPathLength): choose a data directory with a shorter path (--data)")
        }
    }

    /// Takes the supervisor lock, so that two supervisors never share a data directory.
    /// The lock dies with the process, even on kill -9.
    func lock() throws(SupervisorError) -> Int32 {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SupervisorError(code: .dataDirectory, message: "cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SupervisorError(
                code: .alreadyRunning,
                message: "another supervisor is running on \(path) (it holds \(lockPath)); "
                    + "use `tenet status --data \(path)` or `tenet stop --data \(path)`")
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        return descriptor
    }

    /// Whether a supervisor holds this directory's lock right now.
    public func isLocked() -> Bool {
        let descriptor = open(lockPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }

    private static func absolute(_ path: String) -> String {
        var result = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return (result as NSString).standardizingPath
    }
}
