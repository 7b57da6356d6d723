import Testing
import TenetModels

@Suite("Events")
struct EventValidatorTests {
    private func event(_ json: String) throws -> Event {
        try EventValidator.validate(json: Array(json.utf8))
    }

    private func rejection(_ json: String) -> EventValidationError? {
        #expect(throws: EventValidationError.self) { try self.event(json) }
    }

    @Test("a valid event is read, and unknown fields are kept")
    func valid() throws {
        let parsed = try event("""
            {"id":"e1","type":"message.created","at":"2026-11-22T09:20:16.5+01:00","conversation":"c1",
             "customer":"u1","channel":"email","team":"support","agent":"a7","priority":"urgent",
             "author":"agent","public":true,"attributes":{"segment":"smb","language":"de"},"x_custom":{"n":[1,2]}}
            """)
        #expect(parsed.id == "e1")
        #expect(parsed.type == .messageCreated)
        #expect(parsed.at.rfc3339 == "2026-11-22T08:20:16.500Z")
        #expect(parsed.team == "support")
        #expect(parsed.dimension("segment") == "smb")
        #expect(parsed.object["x_custom"] != nil)
        #expect(try JSONParser.parse(parsed.json) == .object(parsed.object))
    }

    @Test("every event type has a valid example")
    func everyType() throws {
        let base = #""at":"2026-11-22T08:00:00Z","conversation":"c1","customer":"u1","agent":"a1""#
        let extra: [EventType: String] = [
            .messageCreated: #","author":"customer""#,
            .statusChanged: #","status":"solved","previous":"open""#,
            .surveyAnswered: #","survey":"nps","score":9"#,
            .qaScored: #","score":87.5,"categories":[{"name":"tone","score":90,"weight":2}]"#,
            .orderPlaced: #","amount":12.5,"currency":"EUR""#,
        ]
        for type in EventType.allCases {
            let parsed = try event(#"{"id":"\#(type.rawValue)","type":"\#(type.rawValue)",\#(base)\#(extra[type] ?? "")}"#)
            #expect(parsed.type == type)
        }
    }

    @Test("bad events name the field, the value and the reason", arguments: [
        (#"{"id":"e","type":"conversation.opened","at":"2026-13-01","conversation":"c"}"#, "`at`: 2026-13-01 is not an RFC 3339 time"),
        (#"{"id":"e","type":"conversation.opened","at":"2026-02-30T00:00:00Z","conversation":"c"}"#, "`at`: 2026-02-30T00:00:00Z is not an RFC 3339 time"),
        (#"{"type":"conversation.opened","at":"2026-01-01T00:00:00Z"}"#, "`id`: is required"),
        (#"{"id":7,"type":"conversation.opened","at":"2026-01-01T00:00:00Z"}"#, "`id`: 7 must be a string, not a number"),
        (#"{"id":"e","type":"ticket.made","at":"2026-01-01T00:00:00Z"}"#, "`type`: ticket.made is not an event type"),
        (#"{"id":"e","type":"conversation.opened","at":"2026-01-01T00:00:00Z"}"#, "`conversation`: is required for conversation.opened events"),
        (#"{"id":"e","type":"message.created","at":"2026-01-01T00:00:00Z","conversation":"c","author":"robot"}"#, "`author`: \"robot\" is not one of customer, agent, bot, system"),
        (#"{"id":"e","type":"survey.answered","at":"2026-01-01T00:00:00Z","survey":"csat","score":6}"#, "`score`: 6 is not a whole number from 1 to 5 (csat)"),
        (#"{"id":"e","type":"order.placed","at":"2026-01-01T00:00:00Z","customer":"u","amount":-1,"currency":"EUR"}"#, "`amount`: -1 must not be negative"),
        (#"{"id":"e","type":"order.placed","at":"2026-01-01T00:00:00Z","customer":"u","amount":1,"currency":"euro"}"#, "`currency`: euro is not a three-letter ISO 4217 code"),
        (#"{"id":"e","type":"customer.started","at":"2026-01-01T00:00:00Z","customer":"u","team":5}"#, "`team`: 5 must be a string, not a number"),
        (#"{"id":"e","type":"customer.started","at":"2026-01-01T00:00:00Z","customer":"u","attributes":[1]}"#, "`attributes`: [1] must be an object"),
        (#"{"id":"e","type":"qa.scored","at":"2026-01-01T00:00:00Z","conversation":"c","score":50,"categories":[{"name":"x","score":5,"weight":0}]}"#, "`categories[0].weight`: 0 must be a number above 0"),
        (#"[1,2]"#, "an event must be a JSON object, not an array"),
        (#"{"id":"e""#, "not valid JSON"),
    ] as [(String, String)])
    func refuses(json: String, message: String) {
        let error = rejection(json)
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "accepted")")
    }

    @Test("RFC 3339 times in their forms", arguments: [
        ("2026-11-22T08:20:16Z", "2026-11-22T08:20:16.000Z"),
        ("2026-11-22t08:20:16.123456789z", "2026-11-22T08:20:16.123Z"),
        ("2026-11-22 10:20:16+02:00", "2026-11-22T08:20:16.000Z"),
        ("2026-11-22T00:20:16-08:00", "2026-11-22T08:20:16.000Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59.000Z"),
    ])
    func times(text: String, expected: String) {
        #expect(Timestamp(rfc3339: text)?.rfc3339 == expected)
    }

    @Test("things that are not RFC 3339 times", arguments: [
        "2026-11-22", "2026-11-22T08:20:16", "2026-11-22T25:00:00Z", "2025-02-29T00:00:00Z", "2026-11-22T08:20:16.Z",
        "2026-11-22T08:20:16+0100", "26-11-22T08:20:16Z", "2026-11-22T08:20:16Z ", "", "9999-12-31T23:59:59Z",
    ])
    func notTimes(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }
}
