import Foundation
import TenetHTTP

/// The ingest plugin's settings, read from its environment, failing with messages that name the setting.
public struct IngestConfiguration: Sendable {
    /// The HTTP listener's host.
    public var host: String
    /// The HTTP listener's port (0: any free port).
    public var port: Int
    /// The bearer token.
    public var token: String
    /// Where the token is kept, when it was generated rather than configured.
    public var tokenFile: String?

    /// Reads `TENET_INGEST_HTTP` (default `127.0.0.1:8780`) and the token: `TENET_INGEST_TOKEN`,
    /// or read from (or first created in) `DATA/ingest.token`, private to the owner from its first byte.
    public init(variables: [String: String], dataDirectory: String) throws(HTTPSettingError) {
        let address = try HTTPAddress(
            parsing: variables["TENET_INGEST_HTTP"] ?? "127.0.0.1:8780", setting: "TENET_INGEST_HTTP", example: "127.0.0.1:8780")
        (host, port) = (address.host, address.port)
        let bearer = try BearerToken.load(
            variable: "TENET_INGEST_TOKEN", fileName: "ingest.token", variables: variables, dataDirectory: dataDirectory)
        token = bearer.value
        tokenFile = bearer.file
    }
}
