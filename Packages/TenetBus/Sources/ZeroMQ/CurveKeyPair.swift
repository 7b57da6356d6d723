import CZeroMQ

/// A CurveZMQ key pair in Z85 text (40 characters each), as libzmq's CURVE options take them.
public struct CurveKeyPair: Hashable, Sendable, Codable {
    /// The public key: give it to peers.
    public var publicKey: String
    /// The secret key: keep it private (the supervisor stores it with mode 0600).
    public var secretKey: String

    /// Creates a key pair from existing Z85 keys.
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Generates a new random key pair (`zmq_curve_keypair`).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        if zmq_curve_keypair(&publicKey, &secretKey) != 0 {
            throw ZMQError.last("zmq_curve_keypair", "libzmq built without CURVE?")
        }
        return CurveKeyPair(publicKey: Self.text(publicKey), secretKey: Self.text(secretKey))
    }

    private static func text(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
