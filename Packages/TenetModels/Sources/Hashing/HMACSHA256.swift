/// HMAC-SHA256 (RFC 2104 with ``SHA256``): a keyed digest that proves a message came from
/// someone holding the key, as signed webhooks need.
///
/// Streaming like ``SHA256``: ``update(_:)-(some Collection<UInt8>)`` any number of times,
/// then ``finalize()``; ``authenticationCode(for:key:)`` does both. Compare a code a caller
/// sent with ``SHA256/Digest/constantTimeEquals(_:)``.
public struct HMACSHA256: Sendable {
    private var inner: SHA256
    private var outerPad: [UInt8]

    /// Creates an authenticator for `key` (a key longer than 64 bytes is hashed first, as RFC
    /// 2104 says).
    public init(key: some Collection<UInt8>) {
        var block = key.count > SHA256.blockByteCount ? SHA256.hash(key).bytes : Array(key)
        block.append(contentsOf: [UInt8](repeating: 0, count: SHA256.blockByteCount - block.count))
        inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        outerPad = block.map { $0 ^ 0x5c }
    }

    /// The HMAC-SHA256 of `message` under `key`.
    public static func authenticationCode(
        for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> SHA256.Digest {
        var authenticator = HMACSHA256(key: key)
        authenticator.update(message)
        return authenticator.finalize()
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        inner.update(bytes)
    }

    /// Adds the UTF-8 bytes of `text` to the message.
    public mutating func update(_ text: String) {
        inner.update(text)
    }

    /// The message's authentication code. The authenticator is used up.
    public consuming func finalize() -> SHA256.Digest {
        var outer = SHA256()
        outer.update(outerPad)
        outer.update(inner.finalize().bytes)
        return outer.finalize()
    }
}
