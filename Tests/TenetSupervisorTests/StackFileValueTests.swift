import Testing
import TenetSupervisor

/// How the stack file reads values now that TenetYAML keeps scalars as text: what stayed as
/// with Yams' typed accessors, and what changed (each change noted).
@Suite("Stack file values")
struct StackFileValueTests {
    private func plugin(_ lines: String) throws -> PluginSpec {
        try #require(try StackFile.parse("plugins:\n  - name: a\n    command: x\n" + lines, path: "stack.yaml").plugins.first)
    }

    private func failure(_ text: String) -> StackFileError? {
        #expect(throws: StackFileError.self) { try StackFile.parse(text, path: "stack.yaml") }
    }

    @Test("Booleans: yes/no/on/off in any case, as before; quoted now too (Yams refused \"yes\")")
    func booleans() throws {
        #expect(try plugin("    heartbeat: yes\n").heartbeat == true)
        #expect(try plugin("    heartbeat: NO\n").heartbeat == false)
        #expect(try plugin("    autostart: Off\n").autostart == false)
        #expect(try plugin("    heartbeat: \"false\"\n").heartbeat == false)
        let error = failure("plugins:\n  - name: a\n    command: x\n    heartbeat: 1\n")
        #expect(error?.description == "stack.yaml:4:16: plugins[0].heartbeat: '1' is not true or false")
    }

    @Test("whole numbers: 010 is now ten (Yams read YAML 1.1's octal eight), 0x10 still sixteen, base 60 now refused")
    func integers() throws {
        #expect(try plugin("    order: 010\n").order == 10)
        #expect(try plugin("    order: 09\n").order == 9)
        #expect(try plugin("    order: 0x10\n").order == 16)
        #expect(try plugin("    order: -5\n").order == -5)
        #expect(try plugin("    order: '7'\n").order == 7)
        #expect(try plugin("    max_failures: 1_000\n").restart.maximumFailures == 1000)
        let error = failure("plugins:\n  - name: a\n    command: x\n    order: 1:30\n")
        #expect(error?.description == "stack.yaml:4:12: plugins[0].order: '1:30' is not a whole number")
        #expect(error?.code == .invalidValue)
    }

    @Test("numbers: 1.5 and 3 as before; .inf now says it is not a number")
    func numbers() throws {
        #expect(try plugin("    backoff: { multiplier: 1.5, jitter: .25 }\n").restart.multiplier == 1.5)
        #expect(try plugin("    backoff: { multiplier: 3, jitter: 0 }\n").restart.jitter == 0)
        let error = failure("plugins:\n  - name: a\n    command: x\n    backoff: { multiplier: .inf }\n")
        #expect(error?.description == "stack.yaml:4:28: plugins[0].backoff.multiplier: '.inf' is not a number")
        let outside = failure("plugins:\n  - name: a\n    command: x\n    backoff: { multiplier: 0.5 }\n")
        #expect(outside?.message == "0.5 is outside 1.0…100.0")
    }

    @Test("a key given twice is reported at the second, with the first line (Yams gave no place)")
    func repeatedKey() {
        let error = failure("plugins:\n  - name: a\n    command: x\n    order: 1\n    order: 2\n")
        #expect(error?.code == .duplicateKey)
        #expect(error?.description == "stack.yaml:5:5: plugins[0].order: 'order' is given twice (first at line 4); keep one")
        let top = failure("plugins: []\nbus: {}\nplugins: []\n")
        #expect(top?.description == "stack.yaml:3:1: plugins: 'plugins' is given twice (first at line 1); keep one")
        let env = failure("plugins:\n  - name: a\n    command: x\n    env: { A: 1, A: 2 }\n")
        #expect(env?.description == "stack.yaml:4:18: plugins[0].env.A: 'A' is given twice (first at line 4); keep one")
    }

    @Test("anchors and aliases work; a byte-order mark is ignored (Yams failed on the second line)")
    func aliasesAndMark() throws {
        let stack = try StackFile.parse(
            "\u{FEFF}defaults:\n  env: &common { TZ: UTC }\nplugins:\n  - name: a\n    command: x\n    env: *common\n", path: "s")
        #expect(stack.plugins[0].environment == ["TZ": "UTC"])
    }

    @Test("a list as a key is a syntax error at the key (it read as an unknown key '' before)")
    func complexKey() {
        let error = failure("plugins: []\n[a]: 1\n")
        #expect(error?.code == .syntax)
        #expect(error?.description == "stack.yaml:2:1: a key must be a single value, not a list")
    }

    @Test("nesting beyond 64 levels is refused with the place, not a crash")
    func deep() {
        let error = failure("plugins:\n  - name: a\n    command: x\n    args: " + String(repeating: "[", count: 5000) + "\n")
        #expect(error?.code == .syntax)
        #expect(error?.message == "nesting deeper than 64 levels")
        #expect(error?.line == 4)
    }
}
