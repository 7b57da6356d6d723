import Testing
import TenetModels

/// Mutations of valid events and pure noise, for the parser and the validator.
struct Mutator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    static let seeds: [String] = [
        #"{"id":"e1","type":"message.created","at":"2026-11-22T08:00:00Z","conversation":"c1","author":"agent","public":false}"#,
        #"{"id":"e2","type":"survey.answered","at":"2026-11-22T08:00:00.5+01:00","survey":"nps","score":9,"customer":"u"}"#,
        #"{"id":"e3","type":"qa.scored","at":"2026-11-22T08:00:00Z","conversation":"c","score":80,"categories":[{"name":"a","score":1,"weight":2}]}"#,
        #"{"id":"e4","type":"order.placed","at":"2026-11-22T08:00:00Z","customer":"u","amount":10.5,"currency":"EUR","attributes":{"tags":["x"]}}"#,
        #"{"id":"e5","type":"status.changed","at":"2026-11-22T08:00:00Z","conversation":"c","status":"solved","previous":"open"}"#,
    ]

    /// A payload: a mutated seed most of the time, random bytes or random JSON otherwise.
    mutating func payload() -> [UInt8] {
        switch Int.random(in: 0..<10, using: &self) {
        case 0: return (0..<Int.random(in: 0..<200, using: &self)).map { _ in UInt8.random(in: 0...255, using: &self) }
        case 1: return Array(randomJSON(depth: 0).utf8)
        default:
            var bytes = Array(Self.seeds.randomElement(using: &self)!.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &self) {
                guard !bytes.isEmpty else { break }
                let index = Int.random(in: 0..<bytes.count, using: &self)
                switch Int.random(in: 0..<5, using: &self) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &self)
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(Array(#"{}[]",:\0-e9"#.utf8).randomElement(using: &self)!, at: index)
                case 3: bytes = Array(bytes.prefix(index))
                default: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + 8)], at: index)
                }
            }
            return bytes
        }
    }

    mutating func randomJSON(depth: Int) -> String {
        switch Int.random(in: 0..<(depth > 5 ? 4 : 7), using: &self) {
        case 0: return "null"
        case 1: return Bool.random(using: &self) ? "true" : "false"
        case 2: return String(Double.random(in: -1e9...1e9, using: &self))
        case 3: return "\"\(String(UInt32.random(in: 0...UInt32.max, using: &self), radix: 36))\""
        case 4, 5:
            let keys = ["id", "type", "at", "conversation", "score", "x"]
            let fields = (0..<Int.random(in: 0..<5, using: &self)).map { _ in
                "\"\(keys.randomElement(using: &self)!)\":\(randomJSON(depth: depth + 1))"
            }
            return "{" + fields.joined(separator: ",") + "}"
        default:
            return "[" + (0..<Int.random(in: 0..<4, using: &self)).map { _ in randomJSON(depth: depth + 1) }.joined(separator: ",") + "]"
        }
    }
}

@Suite("Fuzz")
struct FuzzTests {
    @Test("100,000 random and mutated payloads: each one is an event or a specific error, never a crash")
    func validatorFuzz() {
        var mutator = Mutator(state: 7)
        var accepted = 0
        var rejected = 0
        for _ in 0..<100_000 {
            let payload = mutator.payload()
            do {
                let event = try EventValidator.validate(json: payload)
                // What is accepted round-trips.
                if try EventValidator.validate(json: event.json) != event { Issue.record("round trip changed \(event.id)") }
                accepted += 1
            } catch {
                #expect(!error.description.isEmpty)
                rejected += 1
            }
        }
        #expect(accepted + rejected == 100_000)
        #expect(accepted > 1000)
        #expect(rejected > 50_000)
    }
}
