import Testing
import TenetModels

@Suite("Event limits: depth, control characters, byte lengths, echoed values")
struct EventLimitsTests {
    /// An event whose arrays and objects nest exactly `depth` levels: the event (1),
    /// `attributes` (2), then arrays.
    private func event(depth: Int) -> String {
        let arrays = depth - 2
        return #"{"id":"deep","type":"x.deep","at":"2026-01-01T00:00:00Z","attributes":{"n":"#
            + String(repeating: "[", count: arrays) + String(repeating: "]", count: arrays) + "}}"
    }

    private let tooDeep = "the event nests arrays and objects more than 128 levels deep (the event itself is level 1)"

    @Test("an event exactly at the limit is accepted, and parses inside a 2- and a 3-level envelope")
    func atTheLimit() throws {
        #expect(Event.maximumDepth == 128)
        let text = event(depth: Event.maximumDepth)
        #expect(try EventValidator.validate(json: Array(text.utf8)).id == "deep")

        let two = #"{"events":["# + text + "]}"
        let twoLevels = try JSONParser.parse(two, maximumDepth: Event.parsingDepth(envelopeLevels: 2))
        let item = try #require(twoLevels.objectValue?["events"]?.arrayValue?.first)
        #expect(try EventValidator.validate(item).id == "deep")
        // The envelope needs its allowance: the event's own limit alone is one level short.
        let short = #expect(throws: JSONParseError.self) { try JSONParser.parse(two, maximumDepth: Event.maximumDepth) }
        #expect(short?.code == .tooDeep)

        let three = #"{"events":[{"seq":1,"event":"# + text + "}]}"
        let threeLevels = try JSONParser.parse(three, maximumDepth: Event.parsingDepth(envelopeLevels: 3))
        let nested = try #require(threeLevels.objectValue?["events"]?.arrayValue?.first?.objectValue?["event"])
        #expect(try EventValidator.validate(nested).id == "deep")
    }

    @Test("an event of 1 MiB is accepted, one byte more is refused with its size")
    func size() throws {
        let head = #"{"id":"big","type":"x.big","at":"2026-01-01T00:00:00Z","attributes":{"note":""#
        let tail = #""}}"#
        let fill = EventValidator.maximumEventBytes - head.utf8.count - tail.utf8.count
        let exact = Array((head + String(repeating: "a", count: fill) + tail).utf8)
        #expect(exact.count == 1 << 20)
        #expect(try EventValidator.validate(json: exact).id == "big")
        let over = Array((head + String(repeating: "a", count: fill + 1) + tail).utf8)
        let error = #expect(throws: EventValidationError.self) { try EventValidator.validate(json: over) }
        #expect(error?.description == "the event is 1048577 bytes, over the limit of 1048576 (1 MiB): leave bodies and attachments out")
    }

    @Test("one level more is refused by the validator, as text and as a value parsed inside an envelope")
    func overTheLimit() throws {
        let text = event(depth: Event.maximumDepth + 1)
        let fromText = #expect(throws: EventValidationError.self) { try EventValidator.validate(json: Array(text.utf8)) }
        #expect(fromText?.description == tooDeep)
        // A value parsed by a more generous reader is refused by the validator itself, so
        // nothing deeper than the limit is ever stored, whatever the reader allowed.
        let generous = try JSONParser.parse(text, maximumDepth: 1000)
        let fromValue = #expect(throws: EventValidationError.self) { try EventValidator.validate(generous) }
        #expect(fromValue?.description == tooDeep)
        // An envelope read with exactly its allowance does not parse with such an event in it.
        let envelope = #expect(throws: JSONParseError.self) {
            try JSONParser.parse(#"{"events":["# + text + "]}", maximumDepth: Event.parsingDepth(envelopeLevels: 2))
        }
        #expect(envelope?.code == .tooDeep)
    }

    @Test("control characters in the id and the dimension fields are refused, with the code point and the byte",
          arguments: ["id", "conversation", "customer", "channel", "team", "agent", "priority"])
    func controlCharacters(field: String) {
        for (escape, name) in [(#"\u0000"#, "U+0000"), (#"\u001f"#, "U+001F"), (#"\u007f"#, "U+007F"), (#"\u0085"#, "U+0085"), (#"\n"#, "U+000A")] {
            var object = [
                "id": "e1", "conversation": "c", "customer": "u", "channel": "chat", "team": "t", "agent": "a", "priority": "p",
            ]
            object[field] = "ab" + escape + "c"
            let fields = object.sorted { $0.key < $1.key }.map { #""\#($0.key)":"\#($0.value)""# }.joined(separator: ",")
            let text = #"{"type":"conversation.opened","at":"2026-01-01T00:00:00Z","# + fields + "}"
            let error = #expect(throws: EventValidationError.self) { try EventValidator.validate(json: Array(text.utf8)) }
            #expect(error?.description == "`\(field)`: contains the control character \(name) at byte 2; control characters are not allowed here")
        }
    }

    @Test("other string fields may hold control characters: only key columns are strict")
    func controlCharactersElsewhere() throws {
        let event = try EventValidator.validate(json: Array(
            #"{"id":"e1","type":"x.note","at":"2026-01-01T00:00:00Z","text":"line\nnext\u0000"}"#.utf8))
        #expect(event.object["text"] == .string("line\nnext\u{0}"))
    }

    @Test("lengths are UTF-8 bytes: one base with 200,000 combining marks is refused, and shown cut")
    func combiningMarks() {
        let huge = "e" + String(repeating: "\u{301}", count: 200_000)
        let object = JSONObject([("id", .string(huge)), ("type", .string("x.a")), ("at", .string("2026-01-01T00:00:00Z"))])
        let error = #expect(throws: EventValidationError.self) { try EventValidator.validate(.object(object)) }
        #expect(error?.field == "id")
        #expect(error?.reason == "is longer than 256 bytes (UTF-8)")
        #expect(error?.value == "e" + String(repeating: "\u{301}", count: 31) + "…(400001 bytes)")
        #expect((error?.description.utf8.count ?? .max) < 140)
    }

    @Test("256 bytes pass and 257 do not, whatever the characters", arguments: [
        (String(repeating: "a", count: 256), true), (String(repeating: "a", count: 257), false),
        (String(repeating: "é", count: 128), true), (String(repeating: "é", count: 128) + "a", false),
        (String(repeating: "😀", count: 64), true), (String(repeating: "😀", count: 65), false),
    ])
    func byteLimits(team: String, accepted: Bool) {
        let object = JSONObject([
            ("id", .string("e1")), ("type", .string("x.a")), ("at", .string("2026-01-01T00:00:00Z")), ("team", .string(team)),
        ])
        let result = Result { try EventValidator.validate(.object(object)) }
        if accepted {
            #expect(throws: Never.self) { try result.get() }
        } else {
            let error = #expect(throws: EventValidationError.self) { try result.get() }
            #expect(error?.field == "team")
            #expect(error?.reason == "is longer than 256 bytes (UTF-8)")
        }
    }

    @Test("a megabyte value is echoed as a short excerpt", arguments: ["at", "score", "type", "currency"])
    func echoes(field: String) {
        let long = String(repeating: "9", count: 1_000_000)
        var object = JSONObject([
            ("id", .string("e1")), ("type", .string("order.placed")), ("at", .string("2026-01-01T00:00:00Z")),
            ("customer", .string("u")), ("amount", .number(1)), ("currency", .string("EUR")),
        ])
        switch field {
        case "score":
            object["type"] = .string("survey.answered")
            object["survey"] = .string("csat")
            // A fraction, so not a whole score; a megabyte of digits all the same.
            object["score"] = .number(JSONNumber(literal: "0." + long)!)
        default:
            object[field] = .string(long)
        }
        let error = #expect(throws: EventValidationError.self) { try EventValidator.validate(.object(object)) }
        #expect(error?.field == field)
        let expected = field == "score"
            ? "0." + String(repeating: "9", count: 62) + "…(1000002 bytes)" : String(repeating: "9", count: 64) + "…(1000000 bytes)"
        #expect(error?.value == expected)
    }
}
