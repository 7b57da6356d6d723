import CTenetProcess
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts, signals and reaps plugin processes.
///
/// Each plugin runs as the leader of its own process group, so signals reach everything it
/// started, and with a parent-death signal, so that it dies if the supervisor dies (even by
/// kill -9). Must be used from the supervisor's one long-lived thread: the kernel delivers the
/// parent-death signal when the thread that spawned the child ends.
struct ProcessLauncher {
    /// A plugin that could not be started.
    struct SpawnFailure: Error {
        var reason: String
    }

    /// Where bare command names are looked up first: the directory of the running `tenet`.
    let toolDirectory: String
    /// Relative command paths are resolved against the stack file's directory.
    let stackDirectory: String

    /// Starts `spec` with `contract` added to the supervisor's environment; output goes to `logPath`.
    func spawn(_ spec: PluginSpec, contract: [String: String], logPath: String) -> Result<Int32, SpawnFailure> {
        guard let path = resolve(spec.command) else {
            return .failure(SpawnFailure(reason: notFound(spec.command)))
        }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(spec.environment) { _, new in new }
        environment.merge(contract) { _, new in new }
        let arguments = [path] + spec.arguments
        let argv = CStringArray(arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
        var pid: pid_t = 0
        let error = tenet_spawn(path, argv.pointer, envp.pointer, logPath, &pid)
        guard error == 0 else {
            return .failure(SpawnFailure(reason: "\(path): \(String(cString: strerror(error)))"))
        }
        return .success(pid)
    }

    /// Sends `signal` to the process group led by `pid`. A group that is already gone is fine.
    func signalGroup(_ pid: Int32, _ signal: Int32) {
        _ = tenet_signal_group(pid, signal)
    }

    /// Reaps `pid` if it has exited.
    func reap(_ pid: Int32) -> ExitStatus? {
        var exited: Int32 = 0
        var code: Int32 = 0
        let result = tenet_try_reap(pid, &exited, &code)
        if result == 1 { return exited == 1 ? .exited(code: code) : .signaled(signal: code) }
        // ECHILD: not our child any more (reaped elsewhere); treat it as gone.
        if result == -ECHILD { return .signaled(signal: SIGKILL) }
        return nil
    }

    /// The executable `command` names, or `nil`.
    func resolve(_ command: String) -> String? {
        if command.contains("/") {
            let path = self.path(command)
            return access(path, X_OK) == 0 ? path : nil
        }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in [toolDirectory] + searchPath.split(separator: ":").map(String.init) {
            let candidate = directory + "/" + command
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The file a `command` with a slash names: absolute, or relative to the stack file's directory.
    func path(_ command: String) -> String {
        ((command.hasPrefix("/") ? command : stackDirectory + "/" + command) as NSString).standardizingPath
    }

    /// Why `command` could not be resolved: a path names the file it tried; a bare name, where it looked.
    func notFound(_ command: String) -> String {
        guard command.contains("/") else {
            return "command '\(command)' not found (looked beside tenet in \(toolDirectory), then on PATH)"
        }
        let file = path(command)
        if access(file, F_OK) == 0 {
            return "command '\(command)' cannot be run: \(file) is not executable (or a folder on its way cannot be entered)"
        }
        return "command '\(command)' not found: \(file) does not exist"
    }

    /// The directory holding the running executable.
    static func executableDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return FileManager.default.currentDirectoryPath }
        let path = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (path as NSString).deletingLastPathComponent
    }
}

/// A NULL-terminated array of C strings that lives until it is released.
private final class CStringArray {
    let pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointer = .allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() {
            pointer[index] = strdup(string)
        }
        pointer[strings.count] = nil
    }

    deinit {
        for index in 0..<count { free(pointer[index]) }
        pointer.deallocate()
    }
}
