import TenetModels

#if canImport(Glibc)
import Glibc
#endif

/// Stamps outgoing messages with a sender's identity and their sequence numbers.
///
/// `seq` counts the sender's messages per topic (1, 2, 3… on `sys.heartbeat.store`, and
/// separately on every other topic), so that a subscriber, which receives only the topics its
/// prefixes match, can still tell a gap from a filtered-out topic. Each process makes one
/// stamper per sender name and sends every message it stamps. Not `Sendable`: it belongs to
/// the owner of the socket the messages go out on.
public struct MessageStamper {
    /// The sender name written in every header.
    public let sender: String
    /// This process's random instance id.
    public let instance: String
    /// How many messages this stamper has stamped, on all topics.
    public private(set) var stampedCount: UInt64 = 0
    private var sequences: [String: UInt64] = [:]
    /// The last second formatted, and its text up to the seconds (`2026-11-22T08:20:16`).
    private var cachedSecond: Int64 = .min
    private var cachedPrefix = ""

    /// Creates a stamper for `sender` with a fresh random instance id.
    public init(sender: String, instance: String = MessageStamper.randomInstance()) {
        self.sender = sender
        self.instance = instance
    }

    /// Builds the next message: a header with the next `seq`, and `body` encoded as JSON.
    public mutating func message<Body: Encodable>(
        topic: String, type: String, body: Body, correlation: String? = nil
    ) -> BusMessage {
        message(topic: topic, type: type, rawBody: BusMessage.encodeJSON(body), correlation: correlation)
    }

    /// Builds the next message around an already encoded JSON body.
    public mutating func message(
        topic: String, type: String, rawBody: [UInt8], correlation: String? = nil
    ) -> BusMessage {
        stampedCount += 1
        let seq = sequences[topic, default: 0] + 1
        sequences[topic] = seq
        let header = BusHeader(
            id: "\(instance)-\(stampedCount)", sender: sender, instance: instance, seq: seq,
            time: time(), type: type, correlation: correlation)
        return BusMessage(topic: topic, header: header, body: rawBody)
    }

    /// The current time in RFC 3339, formatting the date and time only once a second.
    private mutating func time() -> String {
        let now = Timestamp.now().nanosecondsSinceEpoch
        let second = now >= 0 ? now / 1_000_000_000 : (now - 999_999_999) / 1_000_000_000
        if second != cachedSecond {
            cachedSecond = second
            cachedPrefix = String(Timestamp(nanosecondsSinceEpoch: second * 1_000_000_000).rfc3339.prefix(19))
        }
        let millis = Int((now - second * 1_000_000_000) / 1_000_000)
        let digits = String(millis)
        return cachedPrefix + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// The sequence number of the last message stamped on `topic` (0 before the first).
    public func lastSequence(on topic: String) -> UInt64 {
        sequences[topic, default: 0]
    }

    /// A random 12-hex-digit instance id.
    public static func randomInstance() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() & 0xFFFF_FFFF_FFFF
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }
}
