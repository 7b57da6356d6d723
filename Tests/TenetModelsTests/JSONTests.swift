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
        #expect(object["a"]?.arrayValue?[4] == .number(JSONNumber(literal: "1e3")!))
        #expect(object["a"]?.arrayValue?[4].numberValue == 1000)
        let written = JSONWriter.string(value)
        #expect(try JSONParser.parse(written) == value)
        #expect(written.hasPrefix(#"{"z":1,"a":[true,false,null,-0.5,1e3,"#))
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
        #expect(error?.code == .tooDeep)
        let fine = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test("the depth limit is the caller's: 130 levels parse with 130 and not with 129")
    func depthParameter() {
        let text = String(repeating: "[", count: 130) + String(repeating: "]", count: 130)
        #expect(throws: Never.self) { try JSONParser.parse(text, maximumDepth: 130) }
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8), maximumDepth: 129) }
        #expect(error?.reason == "nested more than 129 levels deep")
        #expect(error?.column == 130)
    }

    @Test("numbers keep their text: big integers, fractions and exponents round-trip byte for byte")
    func numberLiterals() throws {
        let text = #"{"id":"e1","attributes":{"big":12345678901234567890123,"odd":9007199254740993,"price":1.50,"e":1E+2,"neg":-0,"tiny":1e-400}}"#
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.string(value) == text)
        let attributes = try #require(value.objectValue?["attributes"]?.objectValue)
        #expect(attributes["odd"]?.jsonNumberValue?.literal == "9007199254740993")
        #expect(attributes["odd"]?.int64Value == 9_007_199_254_740_993)
        #expect(attributes["big"]?.int64Value == nil)
        #expect(attributes["big"]?.numberValue == 1.2345678901234568e22)
        #expect(attributes["price"]?.numberValue == 1.5)
        #expect(attributes["price"]?.int64Value == nil)
        #expect(attributes["e"]?.int64Value == 100)
        #expect(attributes["tiny"]?.numberValue == 0)
    }

    @Test("exact integer values", arguments: [
        ("0", Int64(0)), ("-0", 0), ("42", 42), ("4.0", 4), ("1e3", 1000), ("12.5e1", 125), ("1500e-2", 15),
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min), ("0.000e99999", 0),
    ] as [(String, Int64)])
    func int64Values(literal: String, expected: Int64) throws {
        let number = try #require(JSONNumber(literal: literal))
        #expect(number.int64Value == expected)
        #expect(number.isWholeNumber)
    }

    @Test("no exact integer for fractions and for integers beyond 64 bits", arguments: [
        "4.5", "1e-1", "9223372036854775808", "-9223372036854775809", "1e19", "123456789012345678901",
    ])
    func notInt64(literal: String) throws {
        let number = try #require(JSONNumber(literal: literal))
        #expect(number.int64Value == nil)
    }

    @Test("a number's text must be exactly one JSON number", arguments: [" 1", "1 ", "+1", ".5", "01", "1e", "NaN", "1e999", "\"1\""])
    func notNumbers(text: String) {
        #expect(JSONNumber(literal: text) == nil)
    }

    @Test("numbers made from Swift values", arguments: [
        (JSONNumber(3), "3"), (JSONNumber(0.25), "0.25"), (JSONNumber(-2.0), "-2"), (JSONNumber(1e16), "1e+16"),
        (JSONNumber(Int64.min), "-9223372036854775808"), (JSONNumber(UInt64.max), "18446744073709551615"), (5, "5"), (0.5, "0.5"),
    ] as [(JSONNumber, String)])
    func fromSwift(number: JSONNumber, literal: String) {
        #expect(number.literal == literal)
    }

    @Test("a value echoed in an error is cut: a megabyte number, a long key")
    func errorsAreShort() {
        let huge = "1" + String(repeating: "0", count: 1_000_000) + "e1"
        let number = #expect(throws: JSONParseError.self) { try JSONParser.parse(huge) }
        #expect(number?.code == .numberOutOfRange)
        #expect(number?.reason == "the number \(String(repeating: "1", count: 1) + String(repeating: "0", count: 63))…(1000003 bytes) is out of range")
        let key = "{\"" + String(repeating: "k", count: 100_000) + "\" 1}"
        let missingColon = #expect(throws: JSONParseError.self) { try JSONParser.parse(key) }
        #expect((missingColon?.reason.utf8.count ?? .max) < 120, "\(missingColon?.reason.prefix(200) ?? "")")
        #expect(missingColon?.reason.hasSuffix("…(100000 bytes)\"") == true)
    }

    @Test("excerpts: short text whole, long text cut at a scalar boundary with its length")
    func excerpts() {
        #expect("abc".excerpt == "abc")
        #expect(String(repeating: "a", count: 64).excerpt == String(repeating: "a", count: 64))
        #expect(String(repeating: "a", count: 65).excerpt == String(repeating: "a", count: 64) + "…(65 bytes)")
        // "é" is 2 bytes: 32 of them fill 64 bytes exactly; the 33rd is not split.
        #expect(String(repeating: "é", count: 40).excerpt == String(repeating: "é", count: 32) + "…(80 bytes)")
        #expect(("a" + String(repeating: "€", count: 30)).excerpt == "a" + String(repeating: "€", count: 21) + "…(91 bytes)")
    }

    @Test("control characters are escaped on output")
    func escaping() {
        #expect(JSONWriter.string(.string("a\u{01}\t\"")) == #""a\u0001\t\"""#)
        #expect(JSONWriter.string(.number(3)) == "3")
        #expect(JSONWriter.string(.number(0.25)) == "0.25")
    }

    @Test("the canonical form: compact, keys sorted by UTF-8 bytes at every level, numbers and strings as documented")
    func canonical() throws {
        let first = try JSONParser.parse(#"""
            { "b": [ {"z": 1.50, "a": null} ], "a": "x/\u00e9\n\u0001\"", "é": true, "B": 1e2, "ab": {} }
            """#)
        let expected = #"{"B":1e2,"a":"x/é\n\u0001\"","ab":{},"b":[{"a":null,"z":1.50}],"é":true}"#
        #expect(String(decoding: JSONWriter.canonicalBytes(first), as: UTF8.self) == expected)
        let reordered = try JSONParser.parse(#"{"ab":{},"é":true,"B":1e2,"a":"x\/é\n\u0001\"","b":[{"a":null,"z":1.50}]}"#)
        #expect(JSONWriter.canonicalBytes(reordered) == JSONWriter.canonicalBytes(first))
        let otherNumber = try JSONParser.parse(#"{"ab":{},"é":true,"B":100,"a":"x\/é\n\u0001\"","b":[{"a":null,"z":1.50}]}"#)
        #expect(JSONWriter.canonicalBytes(otherNumber) != JSONWriter.canonicalBytes(first))
        // Array order is content: it is kept.
        #expect(JSONWriter.canonicalBytes(try JSONParser.parse("[2,1]")) == Array("[2,1]".utf8))
    }
}
