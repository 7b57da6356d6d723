import Testing
@testable import TenetYAML

@Suite("YAML reader")
struct YAMLReaderTests {
    private func parse(_ text: String) throws -> YAMLNode {
        try #require(try YAMLReader.parse(text))
    }

    private func failure(_ text: String) -> YAMLSyntaxError? {
        #expect(throws: YAMLSyntaxError.self) { try YAMLReader.parse(text) }
    }

    @Test("keys, values and list items carry their line and column, quoted and flow scalars included")
    func positions() throws {
        let root = try parse("""
            name: support
            zone: "Europe/Berlin"
            teams:
              - sales
              - 'hr'
            flow: [a, "b", {k: v}]
            """)
        let entries = try #require(root.entries)
        #expect(entries.map(\.key) == ["name", "zone", "teams", "flow"])
        #expect(entries.map(\.keyPosition) == [.init(line: 1, column: 1), .init(line: 2, column: 1), .init(line: 3, column: 1), .init(line: 6, column: 1)])
        #expect(entries[0].value.position == .init(line: 1, column: 7))
        // A quoted scalar starts at its quote.
        #expect(entries[1].value.position == .init(line: 2, column: 7))
        #expect(entries[1].value.scalar == YAMLScalar(text: "Europe/Berlin", style: .doubleQuoted))
        let teams = try #require(entries[2].value.items)
        #expect(teams.map(\.position) == [.init(line: 4, column: 5), .init(line: 5, column: 5)])
        #expect(teams[1].scalar == YAMLScalar(text: "hr", style: .singleQuoted))
        let flow = try #require(entries[3].value.items)
        #expect(entries[3].value.position == .init(line: 6, column: 7))
        #expect(flow.map(\.position) == [.init(line: 6, column: 8), .init(line: 6, column: 11), .init(line: 6, column: 16)])
        let inner = try #require(flow[2].entries?.first)
        #expect(inner.key == "k")
        #expect(inner.keyPosition == .init(line: 6, column: 17))
        #expect(inner.value.position == .init(line: 6, column: 20))
    }

    @Test("a key given twice is kept twice, in file order, with both positions")
    func repeatedKeys() throws {
        let root = try parse("a: 1\nb: 2\na: 3\nnested:\n  x: 1\n  'x': 2\n  x: 3\nflow: {k: 1, k: 2}\n")
        let entries = try #require(root.entries)
        #expect(entries.map(\.key) == ["a", "b", "a", "nested", "flow"])
        #expect(entries.map { $0.value.text } == ["1", "2", "3", nil, nil])
        #expect(entries[2].keyPosition == .init(line: 3, column: 1))
        let nested = try #require(root["nested"]?.entries)
        #expect(nested.map(\.key) == ["x", "x", "x"])
        #expect(nested.map { $0.value.text } == ["1", "2", "3"])
        #expect(nested.map(\.keyPosition.line) == [5, 6, 7])
        #expect(try #require(root["flow"]?.entries).map { $0.value.text } == ["1", "2"])
        // The first occurrence answers a lookup.
        #expect(root["a"]?.text == "1")
    }

    @Test("a repeated key with an anchor or a tag is kept too")
    func repeatedKeyWithProperties() throws {
        let root = try parse("&k name: 1\nname: 2\n!!str other: 3\nother: 4\n")
        #expect(try #require(root.entries).map { "\($0.key)=\($0.value.text ?? "")" } == ["name=1", "name=2", "other=3", "other=4"])
    }

    @Test("two equal lists as keys are refused as keys, not as a repetition")
    func repeatedComplexKeys() {
        let error = failure("[a]: 1\n[a]: 2\n")
        #expect(error?.message == "a key must be a single value")
        #expect(error?.position == .init(line: 1, column: 1))
    }

    @Test("text after an alias is refused at the alias")
    func textAfterAlias() {
        let error = failure("a: &x 1\nb: *x y\n")
        #expect(error?.message == "`*x y`: text after the alias `*x`")
        #expect(error?.position == .init(line: 2, column: 4))
    }

    @Test("key problems come in file order; a repeated unknown key is only repeated")
    func keyProblems() throws {
        let root = try parse("b: 1\nx: 2\nb: 3\nx: 4\na: 5\n")
        let problems = root.keyProblems(allowed: ["a", "b"])
        #expect(problems.map(\.index) == [1, 2, 3])
        #expect(problems.map(\.kind) == [.unknown, .repeated(first: .init(line: 1, column: 1)), .repeated(first: .init(line: 2, column: 1))])
        #expect(root.keyProblems(allowed: nil).map(\.entry.keyPosition) == [.init(line: 3, column: 1), .init(line: 4, column: 1)])
        #expect(try #require(root["b"]).keyProblems(allowed: []) == [])
    }

    @Test("repeated keys that differ only in their first character stay apart")
    func repeatedKeysAlike() throws {
        let root = try parse("ab: 1\nbb: 2\nab: 3\nbb: 4\n")
        #expect(try #require(root.entries).map { "\($0.key)=\($0.value.text ?? "")" } == ["ab=1", "bb=2", "ab=3", "bb=4"])
    }

    @Test("more repeated keys than the reader re-reads for are refused with the place")
    func tooManyRepeatedKeys() {
        let text = (0...YAMLReader.maximumRepeatedKeys + 1).map { "k: \($0)\n" }.joined()
        let error = failure(text)
        #expect(error?.message == "more than 20 keys are given twice; `k` is one")
        #expect(error?.position == .init(line: 21, column: 1))
    }

    @Test("scalars stay text: no Booleans, dates or octal numbers behind the reader's back")
    func scalarsStayText() throws {
        let root = try parse("country: NO\nanswer: yes\nday: 2026-12-25\norder: 010\nratio: 1.50\nempty: ''\n")
        #expect(root["country"]?.text == "NO")
        #expect(root["answer"]?.text == "yes")
        #expect(root["day"]?.text == "2026-12-25")
        #expect(root["order"]?.text == "010")
        #expect(root["ratio"]?.text == "1.50")
        #expect(root["empty"]?.text == "")
        #expect(root["empty"]?.isNull == false)
    }

    @Test("null is an unquoted ~, null (three spellings) or nothing; quoted it is text")
    func nullForms() throws {
        let root = try parse("a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: 'null'\ng: \"~\"\nh: nil\n")
        #expect(["a", "b", "c", "d", "e"].map { root[$0]?.isNull } == [true, true, true, true, true])
        #expect(["a", "e"].map { root[$0]?.text } == [nil, nil])
        #expect(["f", "g", "h"].map { root[$0]?.isNull } == [false, false, false])
        #expect(["f", "g", "h"].map { root[$0]?.text } == ["null", "~", "nil"])
        #expect(root["a"]?.kindName == "nothing")
    }

    @Test("an empty document or one of comments only is nil")
    func emptyDocuments() throws {
        #expect(try YAMLReader.parse("") == nil)
        #expect(try YAMLReader.parse("# nothing here\n\n") == nil)
    }

    @Test("a syntax error names libyaml's line and column", arguments: [
        ("plugins:\n  - name: a\n    command: [x\n", 4, 1, "did not find expected ',' or ']'"),
        ("a: b: c\n", 1, 5, "mapping values are not allowed in this context"),
        ("a: 1\n---\nb: 2\n", 2, 1, "but found another document"),
        ("a: \"open\n", 2, 1, "found unexpected end of stream"),
    ] as [(String, Int, Int, String)])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) {
        let error = failure(text)
        #expect(error?.position == .init(line: line, column: column))
        #expect(error?.message == message)
        #expect(error?.description == "\(line):\(column): \(message)")
    }

    @Test("a key must be a single value")
    func complexKeys() {
        let list = failure("[a, b]: 1\n")
        #expect(list?.message == "a key must be a single value, not a list")
        #expect(list?.position == .init(line: 1, column: 1))
        let mapping = failure("x: 1\n? {k: v}\n: 2\n")
        #expect(mapping?.message == "a key must be a single value, not a mapping")
        #expect(mapping?.position == .init(line: 2, column: 3))
    }

    // MARK: Aliases

    @Test("aliases expand to their anchor's value, as values and as keys; `*` in text stays text")
    func aliases() throws {
        let root = try parse("""
            base: &hours {open: "09:00", close: '17:00'}
            support: *hours
            name: &n zone
            *n : Europe/Berlin
            note: "*hours is not an alias" # nor is *this
            list: [*n, a*b, '*x']
            glob: '*.csv'
            """)
        #expect(root["support"] == root["base"])
        #expect(root["support"]?["open"]?.text == "09:00")
        #expect(root["zone"]?.text == "Europe/Berlin")
        #expect(root["note"]?.text == "*hours is not an alias")
        #expect(try #require(root["list"]?.items).map(\.text) == ["zone", "a*b", "*x"])
        #expect(root["glob"]?.text == "*.csv")
        // An expanded alias keeps the anchored node's positions: that is where its text is.
        #expect(root["support"]?.position == .init(line: 1, column: 7))
    }

    @Test("an alias before its anchor, or to no anchor, is refused at the alias")
    func undefinedAlias() {
        let error = failure("a: *later\nb: &later 1\n")
        #expect(error?.message == "found undefined alias `*later`")
        #expect(error?.position == .init(line: 1, column: 4))
    }

    @Test("an alias to a list cannot be a key")
    func aliasOfListAsKey() {
        let error = failure("a: &l [1, 2]\n*l : x\n")
        #expect(error?.message == "a key must be a single value, not a list")
        #expect(error?.position == .init(line: 1, column: 4))
    }

    @Test("an alias given as a key twice is a repeated key like any other")
    func repeatedAliasKey() throws {
        let root = try parse("k: &k name\nm:\n  *k : 1\n  *k : 2\n")
        #expect(try #require(root["m"]?.entries).map(\.key) == ["name", "name"])
    }

    // MARK: Hostile input

    @Test("a 10,000-deep [[[… is refused by libyaml's limit, in our words, without a crash")
    func deepFlow() {
        let error = failure(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        #expect(error?.message == "nesting deeper than 64 levels")
        #expect(error?.position.line == 1)
    }

    @Test("nesting past 64 levels is refused at the first node too deep")
    func justTooDeep() throws {
        let error = failure(String(repeating: "[", count: 66) + String(repeating: "]", count: 66))
        #expect(error?.message == "nesting deeper than 64 levels")
        // The 66th bracket, at depth 65.
        #expect(error?.position == .init(line: 1, column: 66))
        _ = try parse(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
    }

    @Test("deep block nesting is refused without a crash", arguments: [
        (0..<2_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined(),
        String(repeating: "- ", count: 10_000) + "x\n",
        String(repeating: "? ", count: 10_000) + "x\n",
        (0..<100).map { String(repeating: " ", count: $0) + "k:\n" }.joined(),
    ])
    func deepBlocks(text: String) {
        #expect(failure(text)?.message == "nesting deeper than 64 levels")
    }

    @Test("brackets in comments, quoted text and indented text blocks are not nesting")
    func noFalseDepth() throws {
        var text = ""
        for index in 0..<300 { text += "k\(index): \"[\" # see [draft\n" }
        text += "text: |\n" + String(repeating: String(repeating: " ", count: 400) + "- - [ x\n", count: 3)
        let root = try parse(text)
        #expect(root.entries?.count == 301)
        #expect(root["k299"]?.text == "[")
    }

    @Test("a billion laughs is refused by the node budget, quickly, as a value and as a key")
    func billionLaughs() {
        var bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        for text in [bomb, bomb + "? *a9\n: v\n"] {
            let error = failure(text)
            #expect(error?.message == "the document expands to more than 200000 nodes (aliases?)")
            #expect(error?.position.line == 6)
        }
    }

    @Test("a chain of 100,000 aliases is refused at depth 64, without a crash")
    func aliasChain() {
        var text = "x0: &x0 [a]\n"
        for index in 1...100_000 { text += "x\(index): &x\(index) [*x\(index - 1)]\n" }
        text += "? *x100000\n: v\n"
        let error = failure(text)
        #expect(error?.message == "nesting deeper than 64 levels")
        // `x63: &x63 [*x62]`: x62 is 63 levels tall and its alias sits at depth 2.
        #expect(error?.position == .init(line: 64, column: 12))
    }

    @Test("a file over the size limit is refused before it is parsed")
    func tooLarge() {
        let error = failure("a: " + String(repeating: "x", count: YAMLReader.maximumBytes))
        #expect(error?.message == "the file is larger than 4 MiB")
        #expect(error?.position == .file)
        #expect(error?.description == "the file is larger than 4 MiB")
    }

    @Test("a byte-order mark is ignored; it and CRLF line ends do not shift positions")
    func byteOrderMark() throws {
        let root = try parse("\u{FEFF}a: 1\r\nb: 2\r\na: 3\r\nc: &x 4\r\nd: *x\r\n")
        #expect(try #require(root.entries).map(\.keyPosition) == [
            .init(line: 1, column: 1), .init(line: 2, column: 1), .init(line: 3, column: 1), .init(line: 4, column: 1),
            .init(line: 5, column: 1),
        ])
        #expect(root["d"]?.text == "4")
        #expect(try #require(root.entries).map(\.key) == ["a", "b", "a", "c", "d"])
    }
}
