import TenetModels

#if canImport(Glibc)
import Glibc
#endif

/// Stamps outgoing messages with a sender's identity and its next sequence number.
///
/// Each process makes one stamper per sender name and sends every message it stamps, so that
/// subscribers can detect gaps from `seq`. Not `Sendable`: it belongs to the owner of the
/// socket the messages go out on.
public struct MessageStamper {
    /// The sender name written in every header.
    public let sender: String
    /// This process's random instance id.
    public let instance: String
    /// The sequence number of the last stamped message (0 before the first).
    public private(set) var lastSequence: UInt64 = 0

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
        lastSequence += 1
        let header = BusHeader(
            id: "\(instance)-\(lastSequence)", sender: sender, instance: instance, seq: lastSequence,
            time: Timestamp.now().rfc3339, type: type, correlation: correlation)
        return BusMessage(topic: topic, header: header, body: rawBody)
    }

    /// A random 12-hex-digit instance id.
    public static func randomInstance() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() & 0xFFFF_FFFF_FFFF
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }
}
