import TenetModels

/// The webhook signature scheme, as Stripe and Slack sign theirs: HMAC-SHA256, keyed with the
/// shared secret, over `"<timestamp>.<body>"`, where the timestamp is the request's
/// `Tenet-Timestamp` header (Unix seconds) and the body the exact bytes sent. The
/// `Tenet-Signature` header carries `v1=<64 lowercase hex digits>`. Binding the timestamp lets a
/// receiver refuse replays of old requests; the `v1=` prefix leaves room for a second scheme.
public enum WebhookSignature {
    /// The scheme's version prefix.
    public static let version = "v1"

    /// The lowercase hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`.
    public static func hex(body: some Collection<UInt8>, timestamp: Int64, secret: some Collection<UInt8>) -> String {
        var authenticator = HMACSHA256(key: secret)
        authenticator.update("\(timestamp).")
        authenticator.update(body)
        return authenticator.finalize().hex
    }

    /// The `Tenet-Signature` header's value: `v1=` and ``hex(body:timestamp:secret:)``.
    public static func header(body: some Collection<UInt8>, timestamp: Int64, secret: some Collection<UInt8>) -> String {
        "\(version)=" + hex(body: body, timestamp: timestamp, secret: secret)
    }

    /// Whether `header` (a `Tenet-Signature` value; several comma-separated `v1=` entries are
    /// allowed, for a secret being rotated) holds the right signature for `body` and
    /// `timestamp` under `secret`. Compares in constant time.
    public static func verify(
        header: String, body: some Collection<UInt8>, timestamp: Int64, secret: some Collection<UInt8>
    ) -> Bool {
        let expected = Array(hex(body: body, timestamp: timestamp, secret: secret).utf8)
        var matched = false
        for entry in header.split(separator: ",") {
            let trimmed = entry.trimmingSpaces
            guard trimmed.hasPrefix("\(version)=") else { continue }
            let given = Array(trimmed.dropFirst(version.count + 1).utf8)
            guard given.count == expected.count else { continue }
            var difference: UInt8 = 0
            for index in 0..<given.count { difference |= given[index] ^ expected[index] }
            if difference == 0 { matched = true }
        }
        return matched
    }
}
