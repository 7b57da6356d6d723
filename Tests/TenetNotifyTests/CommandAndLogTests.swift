#if canImport(Glibc)
import Glibc
#endif
import Testing
import TenetModels
import TenetNotify

struct CommandAndLogTests {
    static func scratch(_ name: String) -> String {
        let path = "/tmp/tenet-notify-\(name)-\(Timestamp.now().nanosecondsSinceEpoch)"
        mkdir(path, 0o700)
        return path
    }

    @Test func aCommandReadsTheNotificationOnStandardInput() async throws {
        let directory = Self.scratch("command")
        let sender = CommandSender(
            name: "pager", command: "/bin/sh",
            arguments: ["-c", "cat > \"$0\"; echo paged $TENET_NOTIFICATION_ID", directory + "/stdin.json"], timeout: .seconds(10))
        let result = await sender.send(Fixtures.notification(), attempt: 1)
        #expect(result == .delivered(detail: "exit 0; output: paged a1\n"))
        let lines = AppendOnlyFile.lines(at: directory + "/stdin.json")
        #expect(lines.count == 1)
        #expect(try TenetNotify.Notification(json: JSONParser.parse(lines[0])) == Fixtures.notification())
    }

    @Test func aFailingCommandIsRetryableWithItsOutput() async {
        let sender = CommandSender(name: "pager", command: "/bin/sh", arguments: ["-c", "echo no route >&2; exit 3"])
        let result = await sender.send(Fixtures.notification(), attempt: 1)
        #expect(result == .retryable(NotifyError(.exitStatus, "command pager: /bin/sh: exit status 3; output: no route\n"), retryAfter: nil))
    }

    @Test func aMissingProgramFailsPermanently() async {
        let sender = CommandSender(name: "pager", command: "/nonexistent/page-on-call")
        guard case .permanent(let error) = await sender.send(Fixtures.notification(), attempt: 1) else {
            Issue.record("a missing program must fail permanently")
            return
        }
        #expect(error.code == .spawn)
        #expect(error.message.contains("No such file or directory"))
    }

    @Test func aHangingCommandIsKilledWithItsGroupAtTheTimeout() async throws {
        let directory = Self.scratch("hang")
        // The shell starts a grandchild and waits: both must go when the group is killed.
        let sender = CommandSender(
            name: "pager", command: "/bin/sh", arguments: ["-c", "sleep 3600 & echo $! > \"$0\"; wait", directory + "/child.pid"],
            timeout: .milliseconds(300))
        // The shell would wait an hour: a timeout (not an exit) proves the group was killed at the
        // deadline. No bound on the time taken: a test process busy with other suites may
        // resume this task late.
        let result = await sender.send(Fixtures.notification(), attempt: 1)
        guard case .retryable(let error, nil) = result else {
            Issue.record("a timeout must be retryable, got \(result)")
            return
        }
        #expect(error.code == .timeout)
        #expect(error.message == "command pager: /bin/sh: still running after 300ms; its process group was killed")
        let text = AppendOnlyFile.lines(at: directory + "/child.pid").first.map { String(decoding: $0, as: UTF8.self) }
        let child = try #require(text.flatMap { pid_t($0) })
        // The grandchild was SIGKILLed with the group; it is reaped by init shortly after.
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while kill(child, 0) == 0 && !Self.isZombie(child) && clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(kill(child, 0) != 0 || Self.isZombie(child))
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let content = AppendOnlyFile.contents(at: "/proc/\(pid)/stat") else { return false }
        let text = String(decoding: content, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        return text[text.index(close, offsetBy: 2)] == "Z"
    }

    @Test func theLogNotifierAppendsPrivateJSONLines() async throws {
        let directory = Self.scratch("log")
        let sender = try LogSender(name: "audit-log", path: "alerts.jsonl", dataDirectory: directory)
        #expect(sender.path == directory + "/alerts.jsonl")
        let first = Fixtures.notification(id: "a1")
        let second = Fixtures.notification(id: "a1-resolved", kind: .resolved, at: Fixtures.at(minutes: 12))
        #expect(await sender.send(first, attempt: 1) == .delivered(detail: "appended to \(directory)/alerts.jsonl"))
        #expect(await sender.send(second, attempt: 1) == .delivered(detail: "appended to \(directory)/alerts.jsonl"))
        let parsed = try AppendOnlyFile.lines(at: sender.path).map { try TenetNotify.Notification(json: JSONParser.parse($0)) }
        #expect(parsed == [first, second])
        var status = stat()
        #expect(stat(sender.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
    }
}
