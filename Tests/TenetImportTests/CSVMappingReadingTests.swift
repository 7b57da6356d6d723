import Testing
import TenetImport

/// The CSV mapping read through TenetYAML: what the old reader let pass or placed nowhere.
@Suite("CSV mapping reading")
struct CSVMappingReadingTests {
    private func failure(_ text: String) -> ImportError? {
        #expect(throws: ImportError.self) { try CSVMapping.parse(text, path: "m.yaml") }
    }

    @Test("a syntax error names its line and column (it had none)")
    func syntax() {
        #expect(failure("type: x\nfields: { id: a\n")?.description == "m.yaml:3:1: not YAML: did not find expected ',' or '}'")
    }

    @Test("a key given twice is reported at the second", arguments: [
        ("type: x\nfields: { id: a }\ntype: y\n", "m.yaml:3:1: 'type' is given twice (first at line 1); keep one"),
        ("type: x\nfields:\n  id: a\n  id: b\n", "m.yaml:4:3: fields: 'id' is given twice (first at line 3); keep one"),
    ])
    func repeated(text: String, description: String) {
        #expect(failure(text)?.description == description)
    }

    @Test("type and type_column must be single values (a list or nothing was taken silently)")
    func singleValues() {
        #expect(failure("type: [a, b]\nfields: { id: a }\n")?.description == "m.yaml:1:7: type: give a single value")
        #expect(failure("type_column:\nfields: { id: a }\n")?.description == "m.yaml:1:13: type_column: give a single value")
    }

    @Test("a byte-order mark is ignored")
    func byteOrderMark() throws {
        let mapping = try CSVMapping.parse("\u{FEFF}type: x\nfields: { id: a }\n", path: "m.yaml")
        #expect(mapping.type == "x")
    }
}
