import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn`, its standard output and error going to files and its
/// standard input from /dev/null; waiting for it reports its exit and the CPU time it used.
public final class ChildProcess {
    /// How a child ended, and the CPU it used (user + system, all its threads).
    public struct Ending: Sendable {
        /// The exit status, when it exited.
        public var exitCode: Int32?
        /// The signal that ended it, when one did.
        public var signal: Int32?
        /// User + system CPU seconds.
        public var cpuSeconds: Double
        /// Whether it exited with status 0.
        public var succeeded: Bool { exitCode == 0 }
        /// `exit status N` or `signal N`.
        public var text: String { exitCode.map { "exit status \($0)" } ?? "signal \(signal ?? 0)" }
    }

    /// Its process id.
    public let pid: pid_t
    /// The command line, for messages.
    public let command: String
    /// How it ended, once reaped.
    public private(set) var ending: Ending?

    /// Starts `executable` with `arguments`, writing its output to `output` and `errors`
    /// (appending to `errors`, replacing `output`).
    public init(executable: String, arguments: [String], output: String, errors: String) throws(BenchmarkError) {
        command = ([executable] + arguments).joined(separator: " ")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard code == 0 else {
            throw BenchmarkError(code: .failed, message: "cannot start \(executable): \(String(cString: strerror(code)))")
        }
        pid = child
    }

    /// Waits for the child to end (once; later calls return the same ending).
    @discardableResult
    public func wait() -> Ending {
        if let ending { return ending }
        return reap(options: 0)!
    }

    /// The ending if the child has ended, without waiting.
    public func poll() -> Ending? {
        if let ending { return ending }
        return reap(options: WNOHANG)
    }

    /// Sends `signal` to the child if it is still running.
    public func send(_ signal: Int32) {
        if ending == nil { kill(pid, signal) }
    }

    private func reap(options: Int32) -> Ending? {
        var status: Int32 = 0
        var usage = rusage()
        var result: pid_t
        repeat { result = wait4(pid, &status, options, &usage) } while result == -1 && errno == EINTR
        guard result == pid else { return nil }
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let signal = status & 0x7f
        let ended = signal == 0
            ? Ending(exitCode: (status >> 8) & 0xff, signal: nil, cpuSeconds: cpu)
            : Ending(exitCode: nil, signal: signal, cpuSeconds: cpu)
        ending = ended
        return ended
    }

    /// Runs `executable` to its end; returns its ending and standard output.
    public static func run(
        _ executable: String, _ arguments: [String], scratch: String, errors: String
    ) throws(BenchmarkError) -> (Ending, String) {
        let output = scratch + "/output-\(getpid()).txt"
        defer { unlink(output) }
        let child = try ChildProcess(executable: executable, arguments: arguments, output: output, errors: errors)
        let ending = child.wait()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (ending, text)
    }
}
