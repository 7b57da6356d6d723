import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a finished program did: how it ended and what it printed.
struct FinishedProcess {
    /// The exit code, or the signal when ``signaled`` is true.
    var status: Int32
    /// Whether a signal ended it (then ``status`` is the signal number).
    var signaled: Bool
    /// Whether the deadline passed and the program was killed by the helper.
    var timedOut: Bool
    var output: String
    var error: String
}

/// Runs `program` with `arguments` (and `environment`, or the test's own), killing it with
/// SIGKILL if it has not exited within `timeout` seconds. Output goes through files, so a
/// chatty program can never block on a full pipe.
func runBounded(
    _ program: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval
) throws -> FinishedProcess {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let outputPath = directory + "/out"
    let errorPath = directory + "/err"
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.standardOutput = FileHandle(forWritingAtPath: outputPath)
    process.standardError = FileHandle(forWritingAtPath: errorPath)
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    let timedOut = process.isRunning
    if timedOut { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return FinishedProcess(
        status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
        output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
        error: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
}

/// A new empty directory under /tmp; the caller removes it.
func temporaryDirectory() throws -> String {
    var template = Array("/tmp/tenet-it-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw WaitTimeout(what: "mkdtemp failed") }
    return String(cString: made)
}

/// The permission bits (`0o777` part) of `path`, or `nil` if it does not exist.
func permissions(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_mode & 0o777)
}

/// `mode` as `0o755`-style text, for failure messages.
func octal(_ mode: Int?) -> String {
    mode.map { "0o" + String($0, radix: 8) } ?? "missing"
}
