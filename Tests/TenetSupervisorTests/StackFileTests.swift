import Testing
import TenetSupervisor

@Suite("Stack file")
struct StackFileTests {
    @Test("every key is read; defaults apply to every plugin unless overridden")
    func fullFile() throws {
        let stack = try StackFile.parse("""
            version: 1
            bus:
              tcp: 127.0.0.1:5560
              high_water_mark: 5000
            defaults:
              stop_grace: 2s
              heartbeat_timeout: 4s
              backoff: { initial: 250ms, max: 1m, multiplier: 3, jitter: 0.1 }
            plugins:
              - name: store
                command: tenet-store
                args: ["--wal", "on"]
                env: { TENET_STORE_MODE: fast }
                order: 10
                restart: on-failure
                max_failures: 3
                stable_after: 30s
              - name: notifier
                command: ./bin/notify.py
                heartbeat: false
                autostart: false
                start_period: 2s
                stop_grace: 10s
            """, path: "stack.yaml")
        #expect(stack.bus.tcp == "127.0.0.1:5560")
        #expect(stack.bus.highWaterMark == 5000)
        #expect(stack.plugins.map(\.name) == ["store", "notifier"])
        let store = stack.plugins[0]
        #expect(store.arguments == ["--wal", "on"])
        #expect(store.environment == ["TENET_STORE_MODE": "fast"])
        #expect(store.order == 10)
        #expect(store.restart.mode == .onFailure)
        #expect(store.restart.maximumFailures == 3)
        #expect(store.restart.stableAfter == .seconds(30))
        #expect(store.restart.initialBackoff == .milliseconds(250))
        #expect(store.restart.maximumBackoff == .seconds(60))
        #expect(store.restart.multiplier == 3)
        #expect(store.stopGrace == .seconds(2))
        #expect(store.heartbeatTimeout == .seconds(4))
        let notifier = stack.plugins[1]
        #expect(notifier.heartbeat == false)
        #expect(notifier.autostart == false)
        #expect(notifier.startPeriod == .seconds(2))
        #expect(notifier.stopGrace == .seconds(10))
        #expect(notifier.restart.mode == .always)
    }

    @Test("the default stack file in the repository is valid")
    func repositoryStack() throws {
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let stack = try StackFile.load(path: "/" + root + "/stack.yaml")
        #expect(!stack.plugins.isEmpty)
        // The TCP bridge gives the whole stream to any local user: it is opt-in.
        #expect(stack.bus.tcp == nil)
        // The example philosophy, made absolute beside the stack file.
        #expect(stack.philosophy == "/" + root + "/philosophy.example.yaml")
    }

    @Test("the philosophy path is taken relative to the stack file's folder")
    func philosophyPath() throws {
        let plugins = "plugins:\n  - name: a\n    command: x\n"
        #expect(try StackFile.parse("philosophy: p.yaml\n" + plugins, path: "/srv/tenet/stack.yaml").philosophy == "/srv/tenet/p.yaml")
        #expect(try StackFile.parse("philosophy: ../conf/p.yaml\n" + plugins, path: "/srv/tenet/stack.yaml").philosophy == "/srv/conf/p.yaml")
        #expect(try StackFile.parse("philosophy: /etc/p.yaml\n" + plugins, path: "/srv/tenet/stack.yaml").philosophy == "/etc/p.yaml")
        #expect(try StackFile.parse(plugins, path: "/srv/tenet/stack.yaml").philosophy == nil)
        #expect(throws: StackFileError.self) { try StackFile.parse("philosophy: \"\"\n" + plugins, path: "s") }
        #expect(throws: StackFileError.self) { try StackFile.parse("philosophy: [a]\n" + plugins, path: "s") }
    }

    @Test("the longest duration is accepted, to the nanosecond")
    func longestDuration() throws {
        let stack = try StackFile.parse("plugins:\n  - name: a\n    command: x\n    stop_grace: 36500d\n", path: "s")
        #expect(stack.plugins[0].stopGrace == .seconds(36_500 * 86_400))
    }

    @Test("a wrong file is rejected with the line, the field and the reason", arguments: [
        ("plugins:\n  - name: a\n    comand: x\n", 3, "plugins[0].comand", "unknown key 'comand'"),
        ("plugins:\n  - name: a\n    command: x\n    restart: sometimes\n", 4, "plugins[0].restart", "'sometimes' is not one of always, on-failure, never"),
        ("plugins:\n  - name: a\n    command: x\n  - name: a\n    command: y\n", 4, "plugins[1].name", "already the name of plugins[0]"),
        ("plugins:\n  - name: a\n", 2, "plugins[0].command", "needs a command"),
        ("plugins:\n  - name: a\n    command: x\n    stop_grace: soon\n", 4, "plugins[0].stop_grace", "'soon' is not a duration"),
        ("plugins:\n  - name: Bad Name\n    command: x\n", 2, "plugins[0].name", "is not a plugin name"),
        ("plugins:\n  - name: supervisor\n    command: x\n", 2, "plugins[0].name", "reserved"),
        ("bus:\n  tcp: 0.0.0.0:5560\nplugins: []\n", 2, "bus.tcp", "must use CurveZMQ"),
        ("bus:\n  tcp: localhost\nplugins: []\n", 2, "bus.tcp", "is not HOST:PORT"),
        ("plugins:\n  - name: a\n    command: x\n    order: first\n", 4, "plugins[0].order", "not a whole number"),
        ("plugins:\n  - name: a\n    command: x\n    backoff: { jitter: 2 }\n", 4, "plugins[0].backoff.jitter", "outside"),
        ("plugins:\n  - name: a\n    command: [x\n", 4, "", "did not find expected ',' or ']'"),
        ("colour: blue\nplugins: []\n", 1, "colour", "unknown key"),
        ("plugins:\n  - name: a\n    command: x\n    heartbeat_timeout: 1s\n", 4, "plugins[0].heartbeat_timeout", "at least 2s"),
        ("bus: {}\n", 1, "plugins", "lists no plugins"),
        ("plugins:\n  - name: a\n    command: x\n    stop_grace: 110000d\n", 4, "plugins[0].stop_grace",
         "'110000d' is out of range: the longest duration is 36500d"),
        ("defaults:\n  stable_after: 1e20\nplugins: []\n", 2, "defaults.stable_after",
         "'1e20' is out of range: the longest duration is 36500d"),
        ("defaults:\n  backoff: { max: 36500d1s }\nplugins: []\n", 2, "defaults.backoff.max", "is out of range"),
    ] as [(String, Int, String, String)])
    func rejects(text: String, line: Int, field: String, reason: String) {
        let error = #expect(throws: StackFileError.self) { try StackFile.parse(text, path: "stack.yaml") }
        #expect(error?.line == line)
        #expect(error?.field == field)
        #expect(error?.message.contains(reason) == true)
        #expect(error?.description.hasPrefix("stack.yaml:\(line):") == true)
    }

    @Test("a non-loopback TCP endpoint is accepted with CURVE")
    func curveRequired() throws {
        let stack = try StackFile.parse("bus:\n  tcp: 0.0.0.0:5560\n  curve: true\nplugins: []\n", path: "s")
        #expect(stack.bus.curve)
        #expect(try StackFile.parse("bus:\n  tcp: 127.0.0.1:*\nplugins: []\n", path: "s").bus.tcp == "127.0.0.1:*")
    }

    @Test("a missing file says so")
    func missingFile() {
        let error = #expect(throws: StackFileError.self) { try StackFile.load(path: "/nonexistent/stack.yaml") }
        #expect(error?.code == .unreadable)
    }
}
