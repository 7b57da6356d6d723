import TenetBus

/// A request that reached a plugin's own endpoint.
public struct PluginRequest: Sendable {
    /// The method asked for (the topic frame).
    public var method: String
    /// The whole request message.
    public var message: BusMessage

    /// Decodes the body as `T`, or fails with a `bad_request` error body for the reply.
    public func decode<T: Decodable>(_ type: T.Type) throws(BusErrorBody) -> T {
        do {
            return try message.decodeBody(T.self)
        } catch {
            throw BusErrorBody.badRequest(error.message)
        }
    }
}

/// A plugin's answer to a ``PluginRequest``.
public enum PluginReply: Sendable {
    /// A successful reply with this JSON body.
    case body([UInt8])
    /// An error reply.
    case error(BusErrorBody)

    /// A successful reply with `value` encoded as JSON.
    public static func encode<T: Encodable>(_ value: T) -> PluginReply {
        .body(BusMessage.encodeJSON(value))
    }
}

/// Answers requests; called on the plugin's request thread, one request at a time.
public typealias PluginRequestHandler = @Sendable (PluginRequest) -> PluginReply
