import Foundation
import TenetModels

/// Writes the benchmark's NDJSON: realistic support events, every one valid.
///
/// Conversations go through eight events each: opened, assigned, four messages (customer and
/// agent in turn, the last one a private note), solved, and a CSAT answer. Blocks of 64
/// conversations run interleaved (all opened, then all assigned…), as a busy team's would. Ids
/// are unique and time-ordered (`evt-0000000001`…); `at` advances 100 ms per event from
/// 2026-11-22T08:00:00Z. Every event carries the dimensions and two attributes, 210–270 bytes a
/// line (251 on average), e.g. line 130:
///
///     {"id":"evt-0000000130","type":"message.created","at":"2026-11-22T08:00:12.900Z","conversation":"c000001",
///      "customer":"u00001","channel":"chat","team":"billing","agent":"a01","author":"customer",
///      "public":true,"attributes":{"segment":"mid_market","language":"en"}}
enum EventFileGenerator {
    static let conversationsPerBlock = 64
    static let stepsPerConversation = 8
    static let start = Timestamp(rfc3339: "2026-11-22T08:00:00Z")!

    static let channels = ["email", "chat", "phone", "social"]
    static let teams = ["support", "billing", "onboarding"]
    static let segments = ["smb", "mid_market", "enterprise"]
    static let languages = ["de", "en", "fr", "es", "nl"]

    /// Writes `count` events to `path` (replacing it).
    static func write(count: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw UsageError(description: "cannot create \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw UsageError(description: "cannot write \(path)")
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        for index in 0..<count {
            buffer.append(contentsOf: line(index).utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }

    /// Event number `index` (from 0).
    static func line(_ index: Int) -> String {
        let block = index / (conversationsPerBlock * stepsPerConversation)
        let within = index % (conversationsPerBlock * stepsPerConversation)
        let step = within / conversationsPerBlock
        let conversation = block * conversationsPerBlock + within % conversationsPerBlock
        let at = Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(index) * 100_000_000)
        let customer = conversation % 50_000
        let agent = conversation % 40
        var text = #"{"id":"evt-\#(padded(index + 1, 10))","type":""#
        switch step {
        case 0: text += "conversation.opened"
        case 1: text += "conversation.assigned"
        case 2...5: text += "message.created"
        case 6: text += "status.changed"
        default: text += "survey.answered"
        }
        text += #"","at":"\#(at.rfc3339)","conversation":"c\#(padded(conversation, 6))","customer":"u\#(padded(customer, 5))""#
        text += #","channel":"\#(channels[conversation % channels.count])","team":"\#(teams[conversation % teams.count])""#
        if step > 0 { text += #","agent":"a\#(padded(agent, 2))""# }
        switch step {
        case 2, 4: text += #","author":"customer","public":true"#
        case 3: text += #","author":"agent","public":true"#
        case 5: text += #","author":"agent","public":false"#
        case 6: text += #","status":"solved","previous":"open""#
        case 7: text += #","survey":"csat","score":\#(1 + (conversation * 7) % 5)"#
        default: break
        }
        text += #","attributes":{"segment":"\#(segments[customer % segments.count])","language":"\#(languages[customer % languages.count])"}}"#
        return text
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
