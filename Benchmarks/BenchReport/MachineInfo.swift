import Foundation
import TenetBenchSupport

/// The machine and the tree a run measured, recorded before the first measurement
/// (`tenet-bench-report machine`) and printed in BENCHMARKS.md.
struct MachineInfo: Codable, Hashable, Sendable {
    /// The commit the tree is at (full hash), or `unknown`.
    var commit: String
    /// Whether the tree had changes not committed (BENCHMARKS.md itself aside).
    var dirty: Bool
    /// `git status --porcelain` lines of the changes, when dirty.
    var changes: [String]
    var cpu: String
    var cores: Int
    var memory: String
    var kernel: String
    var swift: String
    var compiler: String
    var loadAverage: String
    /// When the measurements started, UTC.
    var date: String

    /// Reads the machine and the git tree in the current folder.
    static func collect() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kilobytes = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0) }
        var name = utsname()
        uname(&name)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let (commit, changes) = TreeState.read()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return MachineInfo(
            commit: commit, dirty: !changes.isEmpty, changes: changes, cpu: model ?? "unknown",
            cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
            memory: kilobytes.map { Statistics.fixed($0 / 1_048_576, 1) + " GiB" } ?? "unknown",
            kernel: "\(text(name.sysname)) \(text(name.release))",
            swift: Shell.firstLine("swift", ["--version"]) ?? "unknown",
            compiler: Shell.firstLine(ProcessInfo.processInfo.environment["CC"] ?? "cc", ["--version"]) ?? "unknown",
            loadAverage: ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
                .split(separator: " ").prefix(3).joined(separator: " "),
            date: formatter.string(from: Date()) + " UTC")
    }
}

/// The git state of the tree in the current folder.
enum TreeState {
    /// The file the benchmarks write: a change to it alone leaves the tree "committed".
    static let output = "BENCHMARKS.md"

    /// The commit (full hash, `unknown` outside git) and the uncommitted changes, tracked or
    /// not, except to ``output``.
    static func read() -> (commit: String, changes: [String]) {
        let commit = Shell.firstLine("git", ["rev-parse", "HEAD"]) ?? "unknown"
        let status = Shell.output("git", ["status", "--porcelain", "--untracked-files=normal"]) ?? "?? (git status failed)"
        let changes = status.split(separator: "\n").map(String.init).filter { !$0.hasSuffix(" " + output) }
        return (commit, changes)
    }
}

/// Runs a program found on PATH and returns what it printed.
enum Shell {
    /// Its standard output, or `nil` when it cannot run or fails.
    static func output(_ program: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The first line of its standard output.
    static func firstLine(_ program: String, _ arguments: [String]) -> String? {
        output(program, arguments)?.split(separator: "\n").first.map(String.init)
    }
}
