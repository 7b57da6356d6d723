import Testing
import TenetModels

/// Valid events and ways to write, break and mangle them, from one seeded generator.
struct EventFuzzer {
    var random: SeededRandom

    static let seeds: [String] = [
        #"{"id":"e1","type":"message.created","at":"2026-11-22T08:00:00Z","conversation":"c1","author":"agent","public":false}"#,
        #"{"id":"e2","type":"survey.answered","at":"2026-11-22T08:00:00.5+01:00","survey":"nps","score":9,"customer":"u"}"#,
        #"{"id":"e3","type":"qa.scored","at":"2026-11-22T08:00:00Z","conversation":"c","score":80,"categories":[{"name":"a","score":1,"weight":2}]}"#,
        #"{"id":"e4","type":"order.placed","at":"2026-11-22T08:00:00Z","customer":"u","amount":10.50,"currency":"EUR","attributes":{"tags":["x"],"big":12345678901234567890123}}"#,
        #"{"id":"e5","type":"status.changed","at":"2026-11-22T08:00:00Z","conversation":"c","status":"solved","previous":"open"}"#,
        #"{"id":"é/€😀","type":"x.lead.qualified","at":"2026-11-22T08:00:00Z","note":"tab\there \"q\" \\ /","n":[1e2,-0.5,null,true]}"#,
    ]

    /// The seeds as parsed values.
    static let values: [JSONValue] = seeds.map { try! JSONParser.parse($0) }

    /// A valid event written another way: keys shuffled, white space between tokens, some
    /// characters escaped. Its content, so its canonical form, is the seed's.
    mutating func rewritten(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        write(value, into: &output)
        return output
    }

    private mutating func space(_ output: inout [UInt8]) {
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            output.append([0x20, 0x09, 0x0A, 0x0D].randomElement(using: &random)!)
        }
    }

    private mutating func write(_ value: JSONValue, into output: inout [UInt8]) {
        space(&output)
        switch value {
        case .null, .bool, .number: JSONWriter.write(value, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            space(&output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.entries.shuffled(using: &random).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                space(&output)
                writeString(entry.key, into: &output)
                space(&output)
                output.append(UInt8(ascii: ":"))
                write(entry.value, into: &output)
            }
            space(&output)
            output.append(UInt8(ascii: "}"))
        }
        space(&output)
    }

    /// A string with some of its characters written as `\uXXXX` (pairs for astral ones) or `\/`.
    private mutating func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            if scalar == "/" && Bool.random(using: &random) {
                output.append(contentsOf: #"\/"#.utf8)
            } else if Int.random(in: 0..<4, using: &random) == 0 || scalar.value < 0x20 || scalar == "\"" || scalar == "\\" {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    output.append(contentsOf: (#"\u"# + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            } else {
                output.append(contentsOf: String(scalar).utf8)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// A seed with 1–4 random byte edits: the outcome is not known in advance.
    mutating func mutated() -> [UInt8] {
        var bytes = Array(Self.seeds.randomElement(using: &random)!.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !bytes.isEmpty else { break }
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.remove(at: index)
            case 2: bytes.insert(Array(#"{}[]",:\0-e9.x"#.utf8).randomElement(using: &random)!, at: index)
            default: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + 8)], at: index)
            }
        }
        return bytes
    }

    /// Random bytes.
    mutating func noise() -> [UInt8] {
        (0..<Int.random(in: 0..<200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }
}

@Suite("Fuzz")
struct FuzzTests {
    /// Whether a rejection says where: a field, or a column of the text, or that the whole
    /// input is not an object, or that it nests too deep.
    private func saysWhere(_ error: EventValidationError, length: Int) -> Bool {
        if !error.field.isEmpty { return true }
        if error.reason.hasPrefix("an event must be a JSON object, not ") { return true }
        if error.reason.hasPrefix("the event nests arrays and objects more than") { return true }
        guard error.reason.hasPrefix("not valid JSON: "), error.reason.hasSuffix(")"),
            let open = error.reason.ranges(of: "(column ").last,
            let column = Int(error.reason[open.upperBound...].dropLast())
        else { return false }
        return (1...length + 1).contains(column)
    }

    /// What must hold for every accepted payload: it writes back to JSON that parses to the same
    /// value, validates to the same event, and writes the same bytes again.
    private func checkAccepted(_ event: Event) {
        let written = event.json
        do {
            #expect(try JSONParser.parse(written) == .object(event.object))
            #expect(try EventValidator.validate(json: written) == event)
            #expect(JSONWriter.bytes(try JSONParser.parse(written)) == written)
        } catch {
            Issue.record("\(String(decoding: written, as: UTF8.self)) does not read back: \(error)")
        }
    }

    @Test("rewritten valid events are all accepted with the seed's canonical digest; every strict prefix is refused with a column")
    func knownOutcomes() throws {
        var fuzzer = EventFuzzer(random: SeededRandom(seed: 7))
        let digests = try EventFuzzer.values.map { try EventValidator.validate($0).canonicalDigest }
        var accepted = 0
        var refusedPrefixes = 0
        for round in 0..<30_000 {
            let index = round % EventFuzzer.values.count
            let text = fuzzer.rewritten(EventFuzzer.values[index])
            do {
                let event = try EventValidator.validate(json: text)
                if event.canonicalDigest == digests[index] { accepted += 1 } else {
                    Issue.record("digest changed for \(String(decoding: text, as: UTF8.self))")
                }
                checkAccepted(event)
            } catch {
                Issue.record("\(String(decoding: text, as: UTF8.self)) refused: \(error)")
            }
        }
        for round in 0..<20_000 {
            let seed = Array(EventFuzzer.seeds[round % EventFuzzer.seeds.count].utf8)
            let prefix = Array(seed.prefix(Int.random(in: 0..<seed.count, using: &fuzzer.random)))
            do {
                _ = try EventValidator.validate(json: prefix)
                Issue.record("the prefix \(String(decoding: prefix, as: UTF8.self)) was accepted")
            } catch {
                if error.reason.hasPrefix("not valid JSON: "), saysWhere(error, length: prefix.count) { refusedPrefixes += 1 }
            }
        }
        #expect(accepted == 30_000)
        #expect(refusedPrefixes == 20_000)
    }

    @Test("50,000 mutated events and noise: each is an event that round-trips or a refusal that says where")
    func unknownOutcomes() {
        var fuzzer = EventFuzzer(random: SeededRandom(seed: 11))
        var accepted = 0
        var rejected = 0
        var vague: [String] = []
        for round in 0..<50_000 {
            let payload = round % 5 == 0 ? fuzzer.noise() : fuzzer.mutated()
            do {
                checkAccepted(try EventValidator.validate(json: payload))
                accepted += 1
            } catch {
                if saysWhere(error, length: payload.count) { rejected += 1 } else { vague.append(error.description) }
            }
        }
        #expect(vague.isEmpty, "\(vague.prefix(5))")
        #expect(accepted + rejected == 50_000)
        // Both outcomes happen: a fuzzer that only ever produced one would test half the code.
        #expect(accepted > 0 && rejected > 0, "accepted \(accepted), rejected \(rejected)")
    }
}
