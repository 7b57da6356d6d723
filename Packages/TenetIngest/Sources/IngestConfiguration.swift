import Foundation
import TenetModels
import TenetPlugin

/// The ingest plugin's settings, read from its environment, failing with messages that name the setting.
public struct IngestConfiguration: Sendable {
    /// A setting that cannot be used.
    public struct Failure: PluginConfigurationError, CustomStringConvertible {
        /// What is wrong, naming the setting.
        public var description: String
    }

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
    public init(variables: [String: String], dataDirectory: String) throws {
        (host, port) = try Self.httpAddress(variables["TENET_INGEST_HTTP"] ?? "127.0.0.1:8780")
        if let configured = variables["TENET_INGEST_TOKEN"], !configured.isEmpty {
            token = configured
            tokenFile = nil
            return
        }
        let path = dataDirectory + "/ingest.token"
        tokenFile = path
        if let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        {
            token = text
            return
        }
        var generator = SystemRandomNumberGenerator()
        token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        do {
            try PrivateFile.write(Array((token + "\n").utf8), to: path)
        } catch {
            throw Failure(description: "cannot write the ingest token to \(path): \(error)")
        }
    }

    /// `HOST:PORT` → its parts.
    static func httpAddress(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw Failure(description: "TENET_INGEST_HTTP: '\(text)' is not HOST:PORT (for example 127.0.0.1:8780)")
        }
        return (String(text[..<colon]), port)
    }
}
