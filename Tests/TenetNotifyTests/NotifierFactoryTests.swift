#if canImport(Glibc)
import Glibc
#endif
import Testing
import TenetModels
import TenetNotify
import TenetPhilosophy

struct NotifierFactoryTests {
    @Test func secretsComeFromTheEnvironmentOrAFile() throws {
        let fromEnvironment = try NotifierFactory.resolve(
            .environment("HOOK_SECRET"), notifier: "team-chat", philosophyDirectory: "/nowhere", environment: ["HOOK_SECRET": "s3cret"])
        #expect(fromEnvironment == Array("s3cret".utf8))
        #expect(throws: NotifyError(.configuration, "notifier `team-chat`: secret_env `HOOK_SECRET` is not set (or empty)")) {
            try NotifierFactory.resolve(.environment("HOOK_SECRET"), notifier: "team-chat", philosophyDirectory: "/nowhere", environment: [:])
        }
        let directory = "/tmp/tenet-notify-secret-\(Timestamp.now().nanosecondsSinceEpoch)"
        mkdir(directory, 0o700)
        try PrivateFile.write(Array("filed-secret\n".utf8), to: directory + "/webhook.key")
        let fromFile = try NotifierFactory.resolve(.file("webhook.key"), notifier: "team-chat", philosophyDirectory: directory)
        #expect(fromFile == Array("filed-secret".utf8))
    }

    @Test func eachKindGetsItsSender() throws {
        let directory = "/tmp/tenet-notify-factory-\(Timestamp.now().nanosecondsSinceEpoch)"
        mkdir(directory, 0o700)
        let webhook = try NotifierFactory.sender(
            for: Notifier(name: "team-chat", kind: .webhook(url: "http://127.0.0.1:9/", secret: .inline("x"), timeout: .seconds(5), attempts: 4)),
            dataDirectory: directory, philosophyDirectory: directory)
        #expect(webhook.name == "team-chat")
        #expect(webhook.attempts == 4)
        let log = try NotifierFactory.sender(
            for: Notifier(name: "audit-log", kind: .log(path: "alerts.jsonl")), dataDirectory: directory, philosophyDirectory: "/elsewhere")
        #expect((log as? LogSender)?.path == directory + "/alerts.jsonl")
        let command = try NotifierFactory.sender(
            for: Notifier(name: "pager", kind: .command(command: "/bin/true", arguments: [], timeout: .seconds(1))),
            dataDirectory: directory, philosophyDirectory: directory)
        #expect(command.attempts == NotifierFactory.commandAttempts)
    }
}
