import Testing
import TenetModels
@testable import TenetYAML

@Suite("YAML field reader")
struct YAMLFieldReaderTests {
    private func node(_ text: String) throws -> YAMLNode {
        try #require(try YAMLReader.parse(text))
    }

    @Test("a key given twice is reported at the second place, naming the first line, and its second value ignored")
    func repeatedKey() throws {
        let root = try node("zone: Europe/Berlin\nname: support\nzone: Asia/Kolkata\n")
        var reader = YAMLFieldReader()
        let read = reader.fields(root, "", allowed: ["zone", "name"])
        let fields = try #require(read)
        #expect(fields["zone"]?.text == "Europe/Berlin")
        #expect(fields.entries.map(\.key) == ["zone", "name"])
        #expect(reader.diagnostics.all == [
            Diagnostic(
                .error, .duplicateKey, at: .init(line: 3, column: 1), field: "zone",
                message: "`zone` is given twice in the top level (first at line 1); keep one"),
        ])
    }

    @Test("an unknown key is reported with the closest known key, or with the known keys when none is close")
    func unknownKeys() throws {
        let root = try node("schedules:\n  support:\n    zoen: UTC\n    colour: blue\n")
        var reader = YAMLFieldReader()
        let support = try #require(root["schedules"]?["support"])
        let read = reader.fields(support, "schedules.support", allowed: ["zone", "intervals"])
        let fields = try #require(read)
        #expect(fields.entries.isEmpty)
        #expect(reader.diagnostics.all.map(\.description) == [
            "3:5: error: unknown key `zoen` in `schedules.support`; did you mean `zone`?",
            "4:5: error: unknown key `colour` in `schedules.support` (known: zone, intervals)",
        ])
        #expect(reader.diagnostics.all.map(\.field) == ["schedules.support.zoen", "schedules.support.colour"])
        #expect(reader.diagnostics.all.map(\.code) == [.unknownKey, .unknownKey])
    }

    @Test("a missing required key is reported at the mapping")
    func missingKey() throws {
        let root = try node("teams:\n  - name: support\n  - owns: [csat]\n")
        var reader = YAMLFieldReader()
        let list = reader.list(try #require(root["teams"]), "teams")
        let teams = try #require(list)
        for (index, team) in teams.enumerated() {
            _ = reader.fields(team, "teams[\(index)]", allowed: ["name", "owns"], required: ["name"])
        }
        #expect(reader.diagnostics.all == [
            Diagnostic(.error, .missingKey, at: .init(line: 3, column: 5), field: "teams[1].name", message: "`teams[1]` needs `name`"),
        ])
    }

    @Test("a value of the wrong kind says what was expected and what was found")
    func wrongTypes() throws {
        let root = try node("name: [a, b]\nteams: support\nsettings: 5\nzone:\nlist: {a: 1}\n")
        var reader = YAMLFieldReader()
        #expect(reader.text(try #require(root["name"]), "name") == nil)
        #expect(reader.list(try #require(root["teams"]), "teams") == nil)
        #expect(reader.fields(try #require(root["settings"]), "settings") == nil)
        #expect(reader.text(try #require(root["zone"]), "zone") == nil)
        #expect(reader.texts(try #require(root["list"]), "list") == nil)
        #expect(reader.diagnostics.all.map(\.description) == [
            "1:7: error: `name` should be a single value, not a list",
            "2:8: error: `teams` should be a list, not a single value",
            "3:11: error: `settings` should be a mapping of `key: value` lines, not a single value",
            "4:6: error: `zone` should be a single value, not nothing",
            "5:7: error: `list` should be a value or a list of values, not a mapping",
        ])
        #expect(Set(reader.diagnostics.all.map(\.code)) == [.wrongType])
    }

    @Test("texts: one value is a list of one; a bad item is named by its index")
    func texts() throws {
        let root = try node("one: csat\nmany: [csat, nps]\nbad: [csat, [nps]]\n")
        var reader = YAMLFieldReader()
        #expect(reader.texts(try #require(root["one"]), "one") == ["csat"])
        #expect(reader.texts(try #require(root["many"]), "many") == ["csat", "nps"])
        #expect(reader.texts(try #require(root["bad"]), "bad") == nil)
        #expect(reader.diagnostics.all.map(\.description) == ["3:13: error: `bad[1]` should be a single value, not a list"])
    }

    @Test("Booleans, whole numbers, numbers, durations and choices read from text, with a reason when they cannot")
    func typedValues() throws {
        let root = try node("""
            a: NO
            b: "yes"
            c: maybe
            d: 010
            e: 0x1F
            f: 1:30
            g: 1_000
            h: 200
            i: 1.5
            j: .inf
            k: 90s
            l: soon
            m: weekly
            n: daily
            o: sometimes
            """)
        var reader = YAMLFieldReader()
        func value(_ key: String) throws -> YAMLNode { try #require(root[key]) }
        #expect(reader.bool(try value("a"), "a") == false)
        #expect(reader.bool(try value("b"), "b") == true)
        #expect(reader.bool(try value("c"), "c") == nil)
        #expect(reader.integer(try value("d"), "d", range: 0...100) == 10)
        #expect(reader.integer(try value("e"), "e", range: 0...100) == 31)
        #expect(reader.integer(try value("f"), "f", range: 0...100) == nil)
        #expect(reader.integer(try value("g"), "g", range: 0...10_000) == 1000)
        #expect(reader.integer(try value("h"), "h", range: 0...100) == nil)
        #expect(reader.number(try value("i"), "i", range: 1...100) == 1.5)
        #expect(reader.number(try value("j"), "j", range: 0...1) == nil)
        #expect(reader.duration(try value("k"), "k") == .seconds(90))
        #expect(reader.duration(try value("l"), "l") == nil)
        #expect(reader.choice(try value("m"), "m", among: ["week", "month"]) == nil)
        #expect(reader.choice(try value("n"), "n", among: ["daily", "weekly"]) == "daily")
        #expect(reader.choice(try value("o"), "o", among: ["always", "never"]) == nil)
        #expect(reader.diagnostics.all.map(\.description) == [
            "3:4: error: `c`: `maybe` is not true or false",
            "6:4: error: `f`: `1:30` is not a whole number",
            "8:4: error: `h`: 200 is outside 0…100",
            "10:4: error: `j`: `.inf` is not a number",
            "12:4: error: `l`: 'soon' is not a duration (for example 500ms, 5s, 2m)",
            "13:4: error: `m`: `weekly` is not valid; did you mean `week`?",
            "15:4: error: `o`: `sometimes` is not valid (one of always, never)",
        ])
        #expect(Set(reader.diagnostics.all.map(\.code)) == [.invalidValue])
    }

    @Test("findings sort by place, file-wide first, errors before warnings at one place")
    func sortedFindings() {
        var findings = Diagnostics()
        findings.warning(.invalidValue, at: .init(line: 2, column: 1), field: "b", "suspicious")
        findings.error(.invalidValue, at: .init(line: 2, column: 1), field: "b", "wrong")
        findings.error(.syntax, at: .file, field: "", "unreadable")
        findings.error(.unknownKey, at: .init(line: 1, column: 9), field: "a", "unknown")
        #expect(findings.sorted.map(\.message) == ["unreadable", "unknown", "wrong", "suspicious"])
        #expect(findings.hasErrors)
        #expect(findings.warnings.count == 1)
        #expect(findings.sorted.map { $0.description(file: "p.yaml") } == [
            "p.yaml: error: unreadable", "p.yaml:1:9: error: unknown", "p.yaml:2:1: error: wrong", "p.yaml:2:1: warning: suspicious",
        ])
    }
}
