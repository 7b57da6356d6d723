import TenetModels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command notifier: runs a program with arguments, the notification as JSON (one line)
/// on its standard input. Exit status 0 delivers; another status, a signal or the timeout is
/// a failure that is retried. At the timeout the whole process group is killed (SIGKILL), so
/// children the program started go too. Standard output and error are captured together, the
/// first ``outputLimit`` bytes kept for the journal.
///
/// The program runs without a shell (`command` is a path, or a name looked up in `PATH`), in
/// its own process group, with the plugin's environment plus `TENET_NOTIFICATION_ID`,
/// `TENET_NOTIFICATION_KIND` and `TENET_NOTIFIER`. Creating a command sender makes the process
/// ignore SIGPIPE (a program that exits without reading its input must not kill the plugin).
public struct CommandSender: NotificationSender {
    /// The notifier's name.
    public var name: String
    /// The program.
    public var command: String
    /// Its arguments.
    public var arguments: [String]
    /// How long one run may take.
    public var timeout: Duration
    /// How many runs a notification gets.
    public var attempts: Int

    /// The most output kept for the journal.
    public static let outputLimit = 4096

    /// Creates a command sender.
    public init(name: String, command: String, arguments: [String] = [], timeout: Duration = .seconds(10), attempts: Int = 3) {
        self.name = name
        self.command = command
        self.arguments = arguments
        self.timeout = timeout
        self.attempts = attempts
        signal(SIGPIPE, SIG_IGN)
    }

    /// Runs the program once.
    public func send(_ notification: Notification, attempt: Int) async -> AttemptResult {
        var input = notification.jsonBytes
        input.append(UInt8(ascii: "\n"))
        let operation = "command \(name): \(command)"
        let run: CommandRun
        do {
            run = try CommandRun.start(
                command: command, arguments: arguments,
                environment: [
                    "TENET_NOTIFICATION_ID=\(notification.id)", "TENET_NOTIFICATION_KIND=\(notification.kind.rawValue)",
                    "TENET_NOTIFIER=\(name)",
                ])
        } catch {
            return .permanent(NotifyError(.spawn, "\(operation): \(error.message)"))
        }
        let ending = await run.finish(input: input, timeout: timeout, outputLimit: Self.outputLimit)
        let output = String(decoding: ending.output, as: UTF8.self)
        let shown = output.isEmpty ? "" : "; output: \(output)"
        switch ending.status {
        case .exited(0):
            return .delivered(detail: "exit 0" + shown)
        case .exited(let code):
            return .retryable(NotifyError(.exitStatus, "\(operation): exit status \(code)\(shown)"), retryAfter: nil)
        case .signalled(let number):
            return .retryable(NotifyError(.exitStatus, "\(operation): killed by signal \(number)\(shown)"), retryAfter: nil)
        case .timedOut:
            return .retryable(
                NotifyError(.timeout, "\(operation): still running after \(DurationText.format(timeout)); its process group was killed\(shown)"),
                retryAfter: nil)
        }
    }
}

/// One run of a command: spawned in its own process group with pipes for its standard input
/// and output, then fed, drained and waited for without blocking a thread.
struct CommandRun {
    enum Status: Hashable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    let pid: pid_t
    let inputFD: Int32
    let outputFD: Int32

    static func start(command: String, arguments: [String], environment extra: [String]) throws(NotifyError) -> CommandRun {
        var inputPipe: [Int32] = [0, 0]
        var outputPipe: [Int32] = [0, 0]
        // pipe2(O_CLOEXEC) is not visible from Swift's Glibc; close-on-exec is set right after.
        guard pipe(&inputPipe) == 0 else { throw NotifyError(.spawn, "pipe failed: errno \(errno)") }
        guard pipe(&outputPipe) == 0 else {
            close(inputPipe[0])
            close(inputPipe[1])
            throw NotifyError(.spawn, "pipe failed: errno \(errno)")
        }
        for descriptor in inputPipe + outputPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var environment: [String] = []
        var index = 0
        while let entry = environ[index] {
            environment.append(String(cString: entry))
            index += 1
        }
        environment.append(contentsOf: extra)
        let argv = ([command] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, command, &actions, &attributes, argv, envp)
        close(inputPipe[0])
        close(outputPipe[1])
        guard result == 0 else {
            close(inputPipe[1])
            close(outputPipe[0])
            throw NotifyError(.spawn, "cannot start `\(command)`: \(String(cString: strerror(result))) (errno \(result))")
        }
        _ = fcntl(inputPipe[1], F_SETFL, fcntl(inputPipe[1], F_GETFL) | O_NONBLOCK)
        _ = fcntl(outputPipe[0], F_SETFL, fcntl(outputPipe[0], F_GETFL) | O_NONBLOCK)
        return CommandRun(pid: pid, inputFD: inputPipe[1], outputFD: outputPipe[0])
    }

    /// Writes `input`, collects output, waits for the exit or kills the group at `timeout`.
    func finish(input: [UInt8], timeout: Duration, outputLimit: Int) async -> (status: Status, output: [UInt8]) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var written = 0
        var inputOpen = true
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var status: Status?
        var pause = Duration.milliseconds(1)
        while status == nil {
            if inputOpen {
                if written < input.count {
                    let count = input.withUnsafeBytes { write(inputFD, $0.baseAddress! + written, $0.count - written) }
                    if count > 0 {
                        written += count
                    } else if count < 0 && errno != EAGAIN && errno != EINTR {
                        inputOpen = false  // EPIPE: the program does not read its input
                        close(inputFD)
                    }
                }
                if inputOpen && written == input.count {
                    inputOpen = false
                    close(inputFD)
                }
            }
            drain(into: &output, buffer: &buffer, limit: outputLimit)
            var waitStatus: Int32 = 0
            let reaped = waitpid(pid, &waitStatus, WNOHANG)
            if reaped == pid {
                let low = waitStatus & 0x7f
                status = low == 0 ? .exited((waitStatus >> 8) & 0xff) : .signalled(low)
                break
            }
            if clock.now >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &waitStatus, 0)
                status = .timedOut
                break
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(20))
        }
        if inputOpen { close(inputFD) }
        drain(into: &output, buffer: &buffer, limit: outputLimit)
        close(outputFD)
        return (status ?? .timedOut, output)
    }

    private func drain(into output: inout [UInt8], buffer: inout [UInt8], limit: Int) {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(outputFD, $0.baseAddress!, $0.count) }
            if count > 0 {
                if output.count < limit { output.append(contentsOf: buffer[0..<min(count, limit - output.count)]) }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            return
        }
    }
}
