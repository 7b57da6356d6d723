import Foundation

/// One wire-protocol message: the frames `[topic, header, body]`.
///
/// The body is kept as raw JSON bytes; read it with ``decodeBody(_:)``.
public struct BusMessage: Hashable, Sendable {
    /// The topic frame: routing on the event bus (`sys.heartbeat.store`), the method name in
    /// a request or reply (`status`).
    public var topic: String
    /// The header frame.
    public var header: BusHeader
    /// The body frame: JSON, usually an object.
    public var body: [UInt8]

    /// Creates a message from its parts.
    public init(topic: String, header: BusHeader, body: [UInt8]) {
        self.topic = topic
        self.header = header
        self.body = body
    }

    /// The three frames to send.
    public func frames() -> [[UInt8]] {
        [Array(topic.utf8), header.jsonBytes(), body]
    }

    /// Reads a message from received frames.
    ///
    /// - Throws: ``BusProtocolError`` naming what is wrong: the frame count, a topic that is not
    ///   UTF-8, a header that is not JSON or lacks a field, or a version newer than this build.
    public init(frames: [[UInt8]]) throws(BusProtocolError) {
        guard frames.count == 3 else {
            throw BusProtocolError(
                code: .wrongFrameCount, message: "expected 3 frames [topic, header, body], got \(frames.count)")
        }
        guard let topic = String(validating: frames[0], as: UTF8.self) else {
            throw BusProtocolError(code: .badTopic, message: "the topic frame is not UTF-8")
        }
        let header: BusHeader
        do {
            header = try BusHeader(json: frames[1])
        } catch {
            throw BusProtocolError(code: .badHeader, message: "header of '\(topic)': \(error.message)")
        }
        guard header.version <= BusProtocol.version else {
            throw BusProtocolError(
                code: .unsupportedVersion,
                message: "header of '\(topic)': version \(header.version) is newer than \(BusProtocol.version)")
        }
        self.init(topic: topic, header: header, body: frames[2])
    }

    /// Decodes the body as `T`.
    public func decodeBody<T: Decodable>(_ type: T.Type) throws(BusProtocolError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw BusProtocolError(code: .badBody, message: "body of '\(topic)': \(Self.describe(error))")
        }
    }

    /// Encodes a value as compact JSON bytes.
    public static func encodeJSON<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding Tenet's own Codable types cannot fail; a failure is a programming error.
        guard let data = try? encoder.encode(value) else {
            preconditionFailure("cannot encode \(T.self) as JSON")
        }
        return Array(data)
    }

    /// Says which field a decoding error is about, in a sentence.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "" : "`\(path)`: "
        }
        switch error {
        case .keyNotFound(let key, let context):
            let prefix = context.codingPath.map(\.stringValue) + [key.stringValue]
            return "`\(prefix.joined(separator: "."))` is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context))expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context))expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context))\(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
