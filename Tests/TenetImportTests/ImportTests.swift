import Testing
import TenetImport
import TenetModels

@Suite("CSV records")
struct CSVRecordReaderTests {
    @Test("quotes, doubled quotes, empty fields and quoted line breaks")
    func records() {
        var reader = CSVRecordReader()
        #expect(reader.feed(#"a,"b,c",,"say ""hi""""#) == .record(["a", "b,c", "", #"say "hi""#]))
        #expect(reader.feed(#"x,"two"#) == .needsMore)
        #expect(reader.isInsideQuotes)
        #expect(reader.feed(#"lines",y"#) == .record(["x", "two\nlines", "y"]))
        #expect(reader.feed("trailing\r") == .record(["trailing"]))
        var tabs = CSVRecordReader(delimiter: "\t")
        #expect(tabs.feed("a\tb\t") == .record(["a", "b", ""]))
    }
}

@Suite("CSV import")
struct CSVImportTests {
    let mappingText = """
        type_column: kind
        fields:
          id: ticket
          at: created
          conversation: ticket
          team: group
          score: rating
          attributes.segment: plan
        constants:
          channel: email
        time: unix
        """

    @Test("columns become fields through the mapping")
    func converts() throws {
        let mapping = try CSVMapping.parse(mappingText, path: "m.yaml")
        var converter = CSVConverter(mapping: mapping)
        #expect(converter.convert("ticket,kind,created,group,rating,plan", line: 1) == .skipped(reason: "header"))
        guard case .events(let events) = converter.convert("T-1,conversation.opened,1795335616,support,,smb", line: 2) else {
            Issue.record("no events")
            return
        }
        let event = events[0]
        #expect(event["id"] == .string("T-1"))
        #expect(event["at"] == .string("2026-11-22T08:20:16.000Z"))
        #expect(event["team"] == .string("support"))
        #expect(event["channel"] == .string("email"))
        #expect(event["score"] == nil)
        #expect(event["attributes"]?.objectValue?["segment"] == .string("smb"))
        #expect(throws: Never.self) { try EventValidator.validate(.object(event)) }
        #expect(converter.convert("T-2,qa.scored,1795335616,support,high,smb", line: 3)
            == .rejected(field: "score", reason: "'high' is not a number"))
        #expect(converter.convert("T-3,x", line: 4) == .rejected(field: nil, reason: "2 columns where the header has 6"))
        for bad in ["1e30", "nan", "inf", "-1e300"] {
            guard case .rejected(let field, _) = converter.convert("T-4,conversation.opened,\(bad),support,,smb", line: 5) else {
                Issue.record("\(bad) was not rejected")
                continue
            }
            #expect(field == "at")
        }
    }

    @Test("a wrong mapping names the line and the problem")
    func badMapping() {
        let unknown = #expect(throws: ImportError.self) { try CSVMapping.parse("type: x\nfeilds: {}\n", path: "m.yaml") }
        #expect(unknown?.description == "m.yaml:2:1: unknown key 'feilds' (known: type, type_column, fields, constants, time, delimiter)")
        let noID = #expect(throws: ImportError.self) { try CSVMapping.parse("type: x\nfields: { at: t }\n", path: "m.yaml") }
        #expect(noID?.message.contains("map `id`") == true)
        let badTime = #expect(throws: ImportError.self) { try CSVMapping.parse("type: x\ntime: iso\nfields: { id: a }\n", path: "m.yaml") }
        #expect(badTime?.line == 2)
        #expect(badTime?.column == 7)
    }

    @Test("a key built from several columns: each row gets its own id and conversation")
    func templates() throws {
        let mapping = try CSVMapping.parse("""
            type: conversation.opened
            fields:
              id: "{vru_line}-{call_id}-{date}"
              conversation: call-{date}-{vru_line}-{call_id}
              at: at
              attributes.note: '{{literal}} {call_id}'
            """, path: "m.yaml")
        #expect(mapping.fields[0].template.parts == [.column("vru_line"), .text("-"), .column("call_id"), .text("-"), .column("date")])
        #expect(mapping.fields[0].template.columns == ["vru_line", "call_id", "date"])
        var converter = CSVConverter(mapping: mapping)
        #expect(converter.convert("vru_line,call_id,date,at", line: 1) == .skipped(reason: "header"))
        let rows = ["AA0101,33116,990901,2026-01-01T00:00:00Z", "AA0203,33116,990901,2026-01-01T00:00:00Z"]
        var events: [JSONObject] = []
        for (index, row) in rows.enumerated() {
            guard case .events(let made) = converter.convert(row, line: index + 2) else {
                Issue.record("no events for \(row)")
                return
            }
            events += made
        }
        #expect(events.map { $0["id"] } == [.string("AA0101-33116-990901"), .string("AA0203-33116-990901")])
        #expect(events.map { $0["conversation"] } == [.string("call-990901-AA0101-33116"), .string("call-990901-AA0203-33116")])
        #expect(events[0]["attributes"]?.objectValue?["note"] == .string("{literal} 33116"))
        // A key with a part missing is left out (ingest then says `id` is required), never shortened.
        guard case .events(let partial) = converter.convert(",33116,990901,2026-01-01T00:00:00Z", line: 4) else {
            Issue.record("no events")
            return
        }
        #expect(partial[0]["id"] == nil)
        #expect(partial[0]["conversation"] == nil)
        // A template's columns must be in the header.
        var missing = CSVConverter(mapping: mapping)
        #expect(missing.convert("vru_line,date,at", line: 1)
            == .rejected(field: "id", reason: "the header has no column 'call_id' (mapped to id)"))
    }

    @Test("a bad template names the line and the column of the character at fault", arguments: [
        ("fields:\n  id: \"{a}-{b\"\n", 2, 12, "fields: id: this `{` is never closed"),
        ("fields:\n  id: a}b\n", 2, 8, "fields: id: a `}` that closes nothing (write `}}` for a brace)"),
        ("fields:\n  id: x-{}-y\n", 2, 9, "fields: id: `{}` names no column"),
        ("fields:\n  id: '{{fixed}}'\n", 2, 8, "fields: id: the template names no `{column}` (use `constants` for fixed text)"),
        ("fields:\n  id: \"{a{b}}\"\n", 2, 10, "fields: id: `{` inside `{…}`: a column name in a template cannot hold braces"),
    ] as [(String, Int, Int, String)])
    func badTemplates(yaml: String, line: Int, column: Int, message: String) {
        let error = #expect(throws: ImportError.self) { try CSVMapping.parse("type: x\n" + yaml, path: "m.yaml") }
        #expect(error?.description == "m.yaml:\(line + 1):\(column): \(message)")
    }

    @Test("a byte-order mark does not hide the first column")
    func byteOrderMark() throws {
        var converter = CSVConverter(mapping: try CSVMapping.parse(mappingText, path: "m.yaml"))
        #expect(converter.convert("\u{FEFF}ticket,kind,created,group,rating,plan", line: 1) == .skipped(reason: "header"))
        guard case .events(let events) = converter.convert("T-1,conversation.opened,1795335616,support,,smb", line: 2) else {
            Issue.record("no events")
            return
        }
        #expect(events[0]["id"] == .string("T-1"))
    }

    @Test("a mapped column missing from the header is reported")
    func missingColumn() throws {
        var converter = CSVConverter(mapping: try CSVMapping.parse(mappingText, path: "m.yaml"))
        #expect(converter.convert("ticket,kind,created", line: 1) == .rejected(field: "team", reason: "the header has no column 'group' (mapped to team)"))
    }
}

@Suite("NDJSON import and numbers")
struct NDJSONImportTests {
    @Test("a line's numbers reach ingest as written, and its depth is the event's limit")
    func numbersAndDepth() {
        var converter = NDJSONConverter()
        let line = #"{"id":"e1","type":"x.a","at":"2026-01-01T00:00:00Z","attributes":{"big":12345678901234567890123,"odd":9007199254740993}}"#
        guard case .events(let events) = converter.convert(line, line: 1) else {
            Issue.record("no events")
            return
        }
        #expect(JSONWriter.string(.object(events[0])) == line)
        let deepest = #"{"n":"# + String(repeating: "[", count: 127) + String(repeating: "]", count: 127) + "}"
        guard case .events = converter.convert(deepest, line: 2) else {
            Issue.record("a 128-level event was refused")
            return
        }
        let tooDeep = #"{"n":"# + String(repeating: "[", count: 128) + String(repeating: "]", count: 128) + "}"
        #expect(converter.convert(tooDeep, line: 3)
            == .rejected(field: nil, reason: "not valid JSON: nested more than 128 levels deep (column 133)"))
    }

    @Test("a CSV amount written as a JSON number keeps its digits")
    func csvAmount() throws {
        var converter = CSVConverter(mapping: try CSVMapping.parse(
            "type: order.placed\nfields: { id: id, at: at, customer: c, amount: amount, currency: cur }\n", path: "m.yaml"))
        _ = converter.convert("id,at,c,amount,cur", line: 1)
        guard case .events(let events) = converter.convert("o1,2026-01-01T00:00:00Z,u1,12.50,EUR", line: 2),
            case .events(let plus) = converter.convert("o2,2026-01-01T00:00:00Z,u1, +7 ,EUR", line: 3)
        else {
            Issue.record("no events")
            return
        }
        #expect(events[0]["amount"]?.jsonNumberValue?.literal == "12.50")
        #expect(plus[0]["amount"] == .number(7))
    }
}

@Suite("Call-center log import")
struct CallCenterImportTests {
    private func events(_ row: String, line: Int = 2) -> [JSONObject] {
        var converter = CallCenterConverter()
        guard case .events(let events) = converter.convert(row, line: line) else { return [] }
        return events
    }

    private func row(_ cells: [String]) -> String { cells.joined(separator: "\t") }

    @Test("an answered call: opened, queued, answered, ended, with the queue as team and priority kept")
    func answered() throws {
        let events = events(row(["AA0101", "33116", "9664491", "2", "PS", "990901", "11:45:33", "11:45:39", "6",
                                 "11:45:39", "11:46:58", "79", "AGENT", "11:46:57", "11:51:00", "243", "DORIT"]))
        #expect(events.map { $0["type"]?.stringValue } == ["conversation.opened", "contact.queued", "contact.answered", "contact.ended"])
        #expect(events.map { $0["at"]?.stringValue } == [
            "1999-09-01T11:45:33.000Z", "1999-09-01T11:45:39.000Z", "1999-09-01T11:46:57.000Z", "1999-09-01T11:51:00.000Z",
        ])
        #expect(events.allSatisfy { $0["team"] == .string("PS") && $0["priority"] == .string("2") && $0["channel"] == .string("phone") })
        #expect(events[2]["agent"] == .string("DORIT"))
        #expect(events[0]["conversation"] == .string("call-990901-AA0101-33116"))
        #expect(events.map { $0["id"]?.stringValue } == [
            "call-990901-AA0101-33116-opened", "call-990901-AA0101-33116-queued", "call-990901-AA0101-33116-answered",
            "call-990901-AA0101-33116-ended",
        ])
        #expect(Set(events.compactMap { $0["id"]?.stringValue }).count == 4)
        for event in events { #expect(throws: Never.self) { try EventValidator.validate(.object(event)) } }
    }

    @Test("abandoned in the queue; hung up before queueing; answered with no server; phantom")
    func outcomes() {
        let abandoned = events(row(["AA0101", "1", "5", "1", "NW", "990901", "10:00:00", "10:00:05", "5",
                                    "10:00:05", "10:02:05", "120", "HANG", "0:00:00", "0:00:00", "0", "NO_SERVER"]))
        #expect(abandoned.map { $0["type"]?.stringValue } == ["conversation.opened", "contact.queued", "contact.abandoned"])
        #expect(abandoned.last?["at"] == .string("1999-09-01T10:02:05.000Z"))

        let neverQueued = events(row(["AA0101", "2", "0", "1", "NW", "990901", "10:00:00", "10:00:30", "30",
                                      "0:00:00", "0:00:00", "0", "HANG", "0:00:00", "0:00:00", "0", "NO_SERVER"]))
        #expect(neverQueued.map { $0["type"]?.stringValue } == ["conversation.opened"])
        #expect(neverQueued.first?["customer"] == nil)

        let noServer = events(row(["AA0101", "3", "7", "1", "NW", "990901", "10:00:00", "10:00:10", "10",
                                   "0:00:00", "0:00:00", "0", "AGENT", "10:00:10", "10:03:00", "170", "NO_SERVER"]))
        #expect(noServer.map { $0["type"]?.stringValue } == ["conversation.opened", "contact.answered", "contact.ended"])
        #expect(noServer.allSatisfy { $0["agent"] == nil })

        var converter = CallCenterConverter()
        let phantom = converter.convert(row(["AA0101", "4", "7", "1", "NW", "990901", "10:00:00", "10:00:10", "10",
                                             "0:00:00", "0:00:00", "0", "PHANTOM", "0:00:00", "0:00:00", "0", "NO_SERVER"]), line: 5)
        #expect(phantom == .skipped(reason: "PHANTOM is not a real call"))
    }

    @Test("the same call_id on two VRU lines the same day: two calls, two conversations, disjoint ids")
    func callIDReused() {
        let first = events(row(["AA0101", "33116", "9664491", "2", "PS", "990901", "11:45:33", "11:45:39", "6",
                                "11:45:39", "11:46:58", "79", "AGENT", "11:46:57", "11:51:00", "243", "DORIT"]))
        let second = events(row(["AA0203", "33116", "1234567", "1", "NW", "990901", "14:02:10", "14:02:15", "5",
                                 "14:02:15", "14:03:00", "45", "HANG", "0:00:00", "0:00:00", "0", "NO_SERVER"]), line: 3)
        #expect(first.count == 4)
        #expect(second.count == 3)
        #expect(Set(first.map { $0["conversation"] }) == [.string("call-990901-AA0101-33116")])
        #expect(Set(second.map { $0["conversation"] }) == [.string("call-990901-AA0203-33116")])
        let firstIDs = Set(first.compactMap { $0["id"]?.stringValue })
        let secondIDs = Set(second.compactMap { $0["id"]?.stringValue })
        #expect(firstIDs.count == 4)
        #expect(secondIDs.count == 3)
        #expect(firstIDs.isDisjoint(with: secondIDs))
    }

    @Test("a call without its vru+line cannot be identified and is rejected")
    func missingVRULine() {
        var converter = CallCenterConverter()
        let row = row(["", "33116", "9664491", "2", "PS", "990901", "11:45:33", "11:45:39", "6",
                       "11:45:39", "11:46:58", "79", "AGENT", "11:46:57", "11:51:00", "243", "DORIT"])
        #expect(converter.convert(row, line: 2)
            == .rejected(field: "vru+line", reason: "is empty: a call is identified by its vru+line, call_id and date"))
    }

    @Test("a megabyte cell is echoed as an excerpt")
    func longCell() {
        var converter = CallCenterConverter()
        let row = row(["AA0101", "5", "7", "1", "NW", "990901", String(repeating: "9", count: 1_000_000), "10:00:10", "10",
                       "0:00:00", "0:00:00", "0", "AGENT", "10:00:10", "10:03:00", "170", "X"])
        #expect(converter.convert(row, line: 2)
            == .rejected(field: "vru_entry", reason: "'\(String(repeating: "9", count: 64))…(1000000 bytes)' is not H:MM:SS"))
    }

    @Test("a call that crosses midnight moves its later times to the next day")
    func midnight() {
        let events = events(row(["AA0101", "9", "7", "1", "NW", "991231", "23:58:00", "23:58:30", "30",
                                 "23:58:30", "0:01:00", "150", "AGENT", "0:01:00", "0:05:00", "240", "AVI"]))
        #expect(events.map { $0["at"]?.stringValue } == [
            "1999-12-31T23:58:00.000Z", "1999-12-31T23:58:30.000Z", "2000-01-01T00:01:00.000Z", "2000-01-01T00:05:00.000Z",
        ])
    }

    @Test("the header is skipped; bad rows name the column")
    func rejections() {
        var converter = CallCenterConverter(utcOffsetSeconds: 7200)
        let header = row(["vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit", "vru_time",
                          "q_start", "q_exit", "q_time", "outcome", "ser_start", "ser_exit", "ser_time", "server"])
        #expect(converter.convert(header, line: 1) == .skipped(reason: "header"))
        #expect(converter.convert("a\tb", line: 2) == .rejected(field: nil, reason: "2 tab-separated columns where the call-center log has 17"))
        let badTime = row(["AA0101", "5", "7", "1", "NW", "990901", "25:00:00", "10:00:10", "10",
                           "0:00:00", "0:00:00", "0", "AGENT", "10:00:10", "10:03:00", "170", "X"])
        #expect(converter.convert(badTime, line: 3) == .rejected(field: "vru_entry", reason: "'25:00:00' is not H:MM:SS"))
        let shifted = row(["AA0101", "6", "7", "1", "NW", "990901", "10:00:00", "10:00:10", "10",
                           "0:00:00", "0:00:00", "0", "HANG", "0:00:00", "0:00:00", "0", "X"])
        guard case .events(let events) = converter.convert(shifted, line: 4) else {
            Issue.record("no events")
            return
        }
        #expect(events.first?["at"] == .string("1999-09-01T08:00:00.000Z"))
    }
}
