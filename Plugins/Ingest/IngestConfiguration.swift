import Foundation
import TenetBus
import TenetPlugin

#if canImport(Glibc)
import Glibc
#endif

/// Reads the ingest plugin's settings, failing with messages that name the setting.
enum IngestConfiguration {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `HOST:PORT` → its parts.
    static func httpAddress(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw Failure(description: "TENET_INGEST_HTTP: '\(text)' is not HOST:PORT (for example 127.0.0.1:8780)")
        }
        return (String(text[..<colon]), port)
    }

    /// The bearer token: configured, or read from (or first written to) `DATA/ingest.token`
    /// (then `file` names it).
    static func token(variables: [String: String], dataDirectory: String) throws -> (token: String, file: String?) {
        if let configured = variables["TENET_INGEST_TOKEN"], !configured.isEmpty { return (configured, nil) }
        let path = dataDirectory + "/ingest.token"
        if let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        {
            return (text, path)
        }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        guard FileManager.default.createFile(atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write the ingest token to \(path)")
        }
        return (token, path)
    }

    /// The store's request endpoint: `TENET_STORE_ENDPOINT`, or the supervisor's `status` answer.
    static func storeEndpoint(variables: [String: String], environment: PluginEnvironment, context: ZMQContext) throws -> String {
        if let configured = variables["TENET_STORE_ENDPOINT"], !configured.isEmpty { return configured }
        guard let control = environment.controlEndpoint else {
            throw Failure(description: "set TENET_STORE_ENDPOINT, or run under `tenet up` so the supervisor can say where the store is")
        }
        let client = try BusRequestClient(context: context, endpoint: control, sender: environment.name)
        defer { client.close() }
        struct Status: Decodable {
            struct Endpoints: Decodable { var plugins: [String: String] }
            var endpoints: Endpoints
        }
        let status = try client.request("status", body: EmptyBody(), timeout: .seconds(10), as: Status.self)
        guard let store = status.endpoints.plugins["store"] else {
            throw Failure(description: "the stack has no plugin named 'store'; set TENET_STORE_ENDPOINT")
        }
        return store
    }
}
