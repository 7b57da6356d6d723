import Testing
import TenetModels

@Suite("Typed payloads, extension types and the dimension list")
struct EventPayloadTests {
    private func event(_ type: String, _ extra: String = "") throws -> Event {
        try EventValidator.validate(json: Array(
            #"{"id":"e1","type":"\#(type)","at":"2026-11-22T08:00:00Z","conversation":"c1","customer":"u1","agent":"a1"\#(extra)}"#
                .utf8))
    }

    @Test("each built-in type returns what its fields say")
    func payloads() throws {
        #expect(try event("conversation.opened").payload == .conversationOpened)
        #expect(try event("message.created", #","author":"bot","public":false"#).payload == .messageCreated(author: .bot, isPublic: false))
        #expect(try event("message.created", #","author":"customer","public":null"#).payload == .messageCreated(author: .customer, isPublic: nil))
        #expect(try event("conversation.assigned").payload == .conversationAssigned)
        #expect(try event("conversation.transferred", #","from_team":"t0""#).payload
            == .conversationTransferred(fromTeam: "t0", fromAgent: nil))
        #expect(try event("conversation.escalated").payload == .conversationEscalated)
        #expect(try event("status.changed", #","status":"on_hold","previous":"open""#).payload
            == .statusChanged(status: .onHold, previous: .open))
        #expect(try event("status.changed", #","status":"closed""#).payload == .statusChanged(status: .closed, previous: nil))
        #expect(try event("contact.queued").payload == .contactQueued)
        #expect(try event("contact.answered").payload == .contactAnswered)
        #expect(try event("contact.abandoned").payload == .contactAbandoned)
        #expect(try event("contact.ended").payload == .contactEnded)
        #expect(try event("hold.started").payload == .holdStarted)
        #expect(try event("hold.ended").payload == .holdEnded)
        #expect(try event("wrapup.ended").payload == .wrapupEnded)
        #expect(try event("survey.answered", #","survey":"nps","score":9.0"#).payload == .surveyAnswered(survey: .nps, score: 9))
        #expect(try event("qa.scored", #","score":87.5,"categories":[{"name":"tone","score":90,"weight":2},{"name":"x","score":1}]"#).payload
            == .qaScored(score: 87.5, categories: [QACategory(name: "tone", score: 90, weight: 2), QACategory(name: "x", score: 1)]))
        #expect(try event("qa.scored", #","score":0"#).payload == .qaScored(score: 0, categories: []))
        #expect(try event("order.placed", #","amount":12.50,"currency":"EUR""#).payload
            == .orderPlaced(amount: JSONNumber(literal: "12.50")!, currency: "EUR"))
        #expect(try event("customer.started").payload == .customerStarted)
        #expect(try event("customer.churned").payload == .customerChurned)
    }

    @Test("an order's amount keeps every digit")
    func exactAmount() throws {
        guard case .orderPlaced(let amount, _) = try event("order.placed", #","amount":12345678901234567.89,"currency":"JPY""#).payload else {
            Issue.record("not an order")
            return
        }
        #expect(amount.literal == "12345678901234567.89")
    }

    @Test("a survey score must be exactly whole", arguments: ["4.5", "4.0000000000000001", "1e1"])
    func survey(score: String) {
        let error = #expect(throws: EventValidationError.self) { try event("survey.answered", #","survey":"csat","score":\#(score)"#) }
        #expect(error?.description == "`score`: \(score) is not a whole number from 1 to 5 (csat)")
    }

    @Test("x. types: accepted with only the envelope checked, payload .extension")
    func extensions() throws {
        let lead = try EventValidator.validate(json: Array(
            #"{"id":"l1","type":"x.lead.qualified","at":"2026-11-22T08:00:00Z","score":"hot","team":"sales"}"#.utf8))
        #expect(lead.type == .extension("x.lead.qualified"))
        #expect(lead.type.rawValue == "x.lead.qualified")
        #expect(lead.type.isExtension)
        #expect(lead.payload == .extension)
        #expect(lead.team == "sales")
        #expect(EventType(rawValue: "x.crm-sync_2") == .extension("x.crm-sync_2"))
        #expect(EventType(rawValue: "status.changed") == .statusChanged)
        #expect(!EventType.allCases.contains { $0.isExtension })
        #expect(EventType.allCases.count == 18)
        // The envelope still applies.
        let noTime = #expect(throws: EventValidationError.self) {
            try EventValidator.validate(json: Array(#"{"id":"l1","type":"x.lead","team":"sales"}"#.utf8))
        }
        #expect(noTime?.description == "`at`: is required")
    }

    @Test("bad extension names are refused with the rule", arguments: [
        "x.", "x.Lead", "x..a", "x.a.", "x.a b", "x.é", "x." + String(repeating: "a", count: 63),
    ])
    func badExtensions(name: String) {
        #expect(EventType(rawValue: name) == nil)
        let error = #expect(throws: EventValidationError.self) {
            try EventValidator.validate(json: Array(#"{"id":"e","type":"\#(name)","at":"2026-11-22T08:00:00Z"}"#.utf8))
        }
        #expect(error?.field == "type")
        #expect(error?.reason.hasPrefix("is not a valid extension type") == true, "\(error?.reason ?? "")")
    }

    @Test("an unknown name outside x. points at the namespace")
    func unknownType() {
        let error = #expect(throws: EventValidationError.self) {
            try EventValidator.validate(json: Array(#"{"id":"e","type":"lead.qualified","at":"2026-11-22T08:00:00Z"}"#.utf8))
        }
        #expect(error?.description == "`type`: lead.qualified is not an event type (see docs/EVENTS.md; your own types start with `x.`)")
    }

    @Test("one list of dimensions: the stored columns first, then the well-known attributes")
    func dimensions() throws {
        #expect(EventDimension.storedColumns == [.conversation, .customer, .channel, .team, .agent, .priority])
        #expect(Event.dimensionFields == ["conversation", "customer", "channel", "team", "agent", "priority"])
        #expect(EventDimension.allCases.filter { !$0.isStoredColumn }.map(\.path) == ["attributes.segment", "attributes.language"])
        let parsed = try event("conversation.opened", #","channel":"chat","team":"t","priority":"high","attributes":{"segment":"smb","language":"de","plan":"pro"}"#)
        #expect(EventDimension.allCases.map { parsed.value(of: $0) } == ["c1", "u1", "chat", "t", "a1", "high", "smb", "de"])
        #expect(parsed.dimension("plan") == "pro")
        #expect(parsed.dimension("team") == "t")
    }

    @Test("the worked example of docs/EVENTS.md: its canonical form and digest")
    func documentedDigest() throws {
        let event = try EventValidator.validate(json: Array("""
            {
              "id": "evt-20261122-0001",
              "type": "conversation.opened",
              "at": "2026-11-22T09:00:00Z",
              "conversation": "c-1042",
              "customer": "cus-77",
              "channel": "chat",
              "team": "support",
              "priority": "high",
              "attributes": { "segment": "enterprise", "language": "de", "tags": ["billing", "vat"] }
            }
            """.utf8))
        #expect(String(decoding: event.canonicalJSON, as: UTF8.self) == #"{"at":"2026-11-22T09:00:00Z","attributes":{"language":"de","segment":"enterprise","tags":["billing","vat"]},"channel":"chat","conversation":"c-1042","customer":"cus-77","id":"evt-20261122-0001","priority":"high","team":"support","type":"conversation.opened"}"#)
        #expect(event.canonicalDigest.hex == "459f9189089bfebdf1853b9dcc1bb5929766936dc4f2ef9997f975dc598af28d")
    }

    @Test("the canonical digest is the same for the same content and differs for a different one")
    func digest() throws {
        let sent = try EventValidator.validate(json: Array(
            #"{"id":"evt-1","type":"conversation.opened","at":"2026-11-22T09:00:00Z","conversation":"c-1042","attributes":{"tags":["a","b"],"n":1.50}}"#.utf8))
        let again = try EventValidator.validate(json: Array("""
            { "attributes": { "n": 1.50, "tags": ["a", "b"] },
              "conversation": "c-1042", "at": "2026-11-22T09:00:00Z", "type": "conversation.opened", "id": "evt-1" }
            """.utf8))
        let other = try EventValidator.validate(json: Array(
            #"{"id":"evt-1","type":"conversation.opened","at":"2026-11-22T09:00:01Z","conversation":"c-1042","attributes":{"tags":["a","b"],"n":1.50}}"#.utf8))
        #expect(sent.canonicalDigest == again.canonicalDigest)
        #expect(sent.canonicalDigest != other.canonicalDigest)
        #expect(String(decoding: sent.canonicalJSON, as: UTF8.self)
            == #"{"at":"2026-11-22T09:00:00Z","attributes":{"n":1.50,"tags":["a","b"]},"conversation":"c-1042","id":"evt-1","type":"conversation.opened"}"#)
        #expect(sent.canonicalDigest.hex == SHA256.hash(sent.canonicalJSON).hex)
    }
}
