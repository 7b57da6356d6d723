import Testing
import TenetModels

@Suite("JSON")
struct JSONTests {
    @Test("values round-trip with key order and unknown fields kept")
    func roundTrip() throws {
        let text = #"{"z":1,"a":[true,false,null,-0.5,1e3,"x\"y\\\n\u00e9\ud83d\ude00"],"m":{"k":{}},"e":[]}"#
        let value = try JSONParser.parse(text)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m", "e"])
        #expect(object["a"]?.arrayValue?[5] == .string("x\"y\\\né😀"))
        #expect(object["a"]?.arrayValue?[4] == .number(1000))
        let written = JSONWriter.string(value)
        #expect(try JSONParser.parse(written) == value)
        #expect(written.hasPrefix(#"{"z":1,"a":[true,false,null,-0.5,1000,"#))
    }

    @Test("a repeated key keeps its last value in its first place")
    func repeatedKey() throws {
        let object = try #require(try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#).objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .number(3))
    }

    @Test("bad JSON is refused with the line, the column and the reason", arguments: [
        ("{\"a\":1,}", 1, 8, "expected a quoted object key"),
        ("[1,2", 1, 5, "expected ',' or ']'"),
        ("{\"a\" 1}", 1, 6, "expected ':' after the key \"a\""),
        ("{\n  \"a\": tru\n}", 2, 8, "unexpected 't'"),
        ("01", 1, 2, "leading zeros"),
        ("\"abc", 1, 1, "never closed"),
        ("\"a\u{01}b\"", 1, 3, "control character"),
        ("[1] [2]", 1, 5, "after the JSON value"),
        ("", 1, 1, "ends where a value was expected"),
        ("\"\\x\"", 1, 2, "is not a JSON escape"),
        ("\"\\ud800\"", 1, 8, "low surrogate"),
        ("1e999", 1, 1, "out of range"),
    ] as [(String, Int, Int, String)])
    func refuses(text: String, line: Int, column: Int, reason: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x22]
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        #expect(error?.reason.contains("UTF-8") == true)
    }

    @Test("nesting is limited, so hostile input cannot exhaust the stack")
    func depth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        #expect(error?.reason.contains("nested more than 128") == true)
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test("control characters are escaped on output")
    func escaping() {
        #expect(JSONWriter.string(.string("a\u{01}\t\"")) == #""a\u0001\t\"""#)
        #expect(JSONWriter.string(.number(3)) == "3")
        #expect(JSONWriter.string(.number(0.25)) == "0.25")
    }
}
