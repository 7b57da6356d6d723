import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Paths the integration tests need: the built executables and the repository.
enum TestPaths {
    /// The repository root, from this file's place in it.
    static let repository: String = {
        var parts = #filePath.split(separator: "/").map(String.init)
        parts.removeLast(3)
        return "/" + parts.joined(separator: "/")
    }()

    /// Where `tenet` and the plugins were built: `$TENET_BIN_DIR` (set by `make test`), else
    /// the default debug folder.
    static let binaries: String = ProcessInfo.processInfo.environment["TENET_BIN_DIR"] ?? repository + "/.build/debug"

    /// Debian's Python, which has pyzmq (`python3-zmq`).
    static let python = "/usr/bin/python3"
}

/// What a finished command printed.
struct CommandResult {
    var status: Int32
    var output: String
    var error: String
}

/// Runs `tenet` with `arguments` and waits for it.
func runTenet(_ arguments: [String]) throws -> CommandResult {
    try run(TestPaths.binaries + "/tenet", arguments)
}

/// Runs a program and waits for it, collecting its output.
func run(_ program: String, _ arguments: [String]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
        error: String(decoding: errorData, as: UTF8.self))
}

/// Reads CLOCK_MONOTONIC, the clock the supervisor's `*_monotonic` status fields use.
func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes; then fails the test with `what`.
func waitUntil(
    _ what: String, timeout: TimeInterval = 30, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () throws -> Bool
) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(50_000)
    }
    Issue.record("timed out after \(Int(timeout))s waiting until \(what)", sourceLocation: sourceLocation)
    throw WaitTimeout(what: what)
}

struct WaitTimeout: Error {
    var what: String
}

/// Whether `pid` is a live process (a zombie counts as gone).
func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
    return processState(stat) != "Z"
}

/// Live processes whose process group is `pgid`.
func processes(inGroup pgid: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry),
            let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 2, fields[0] != "Z", Int32(fields[2]) == pgid else { return nil }
        return pid
    }
}

private func processState(_ stat: String) -> Substring? {
    guard let close = stat.lastIndex(of: ")") else { return nil }
    return stat[stat.index(after: close)...].split(separator: " ").first
}

/// A stack started with `tenet up` in a fresh directory, stopped and removed at the end.
final class RunningStack {
    let directory: String
    let data: String
    let stackPath: String
    let process = Process()

    /// Writes `yaml` as the stack file and `files` (name → text) beside it, then starts
    /// `tenet up` on it with `arguments` added.
    init(_ yaml: String, files: [String: String] = [:], arguments: [String] = []) throws {
        var template = Array("/tmp/tenet-it-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw WaitTimeout(what: "mkdtemp failed") }
        directory = String(cString: made)
        data = directory + "/d"
        stackPath = directory + "/stack.yaml"
        try yaml.write(toFile: stackPath, atomically: true, encoding: .utf8)
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        process.executableURL = URL(fileURLWithPath: TestPaths.binaries + "/tenet")
        process.arguments = ["up", "--stack", stackPath, "--data", data] + arguments
        _ = FileManager.default.createFile(atPath: directory + "/up.log", contents: nil)
        let log = FileHandle(forWritingAtPath: directory + "/up.log")
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The supervisor's pid.
    var supervisorPid: Int32 { process.processIdentifier }

    /// The supervisor's log so far, for failure messages.
    var log: String { (try? String(contentsOfFile: directory + "/up.log", encoding: .utf8)) ?? "" }

    /// Runs `tenet ARGUMENTS --data DATA`.
    func tenet(_ arguments: [String]) throws -> CommandResult {
        try runTenet(arguments + ["--data", data])
    }

    /// `tenet status --json`, parsed; `nil` while the supervisor does not answer yet.
    func status() throws -> [String: Any]? {
        let result = try tenet(["status", "--json"])
        guard result.status == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    }

    /// One plugin's entry in `tenet status --json`.
    func plugin(_ name: String) throws -> [String: Any]? {
        let plugins = try status()?["plugins"] as? [[String: Any]]
        return plugins?.first { $0["name"] as? String == name }
    }

    /// Waits until plugin `name` is running and returns its status entry.
    @discardableResult
    func waitRunning(_ name: String, restarts: Int? = nil, timeout: TimeInterval = 30) throws -> [String: Any] {
        var entry: [String: Any] = [:]
        try waitUntil("\(name) is running" + (restarts.map { " with \($0) restarts" } ?? ""), timeout: timeout) {
            guard let current = try plugin(name), current["state"] as? String == "running" else { return false }
            if let restarts, current["restarts"] as? Int != restarts { return false }
            entry = current
            return true
        }
        return entry
    }

    /// Waits for the supervisor process to exit and returns its exit status.
    func waitForExit(timeout: TimeInterval = 60) throws -> Int32 {
        try waitUntil("the supervisor exits", timeout: timeout) { !process.isRunning }
        return process.terminationStatus
    }
}

extension Dictionary where Key == String, Value == Any {
    func int32(_ key: String) -> Int32? { (self[key] as? Int).map(Int32.init) }
    func double(_ key: String) -> Double? { self[key] as? Double }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func string(_ key: String) -> String? { self[key] as? String }
}
