/// A listen address `HOST:PORT` read from a setting such as `TENET_INGEST_HTTP`.
public struct HTTPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The host (name or address; `127.0.0.1` keeps the server on loopback).
    public var host: String
    /// The port (0: any free port).
    public var port: Int

    /// Creates an address from its parts.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT` (the last colon splits, so `[::1]:8780` keeps its host).
    ///
    /// - Parameter setting: the variable the text comes from, named in the error.
    /// - Throws: ``HTTPSettingError`` (`invalid_address`) naming the setting and the value.
    public init(parsing text: String, setting: String, example: String) throws(HTTPSettingError) {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex, let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw HTTPSettingError(.invalidAddress, "\(setting): '\(text)' is not HOST:PORT (for example \(example))")
        }
        self.init(host: String(text[..<colon]), port: port)
    }

    public var description: String { "\(host):\(port)" }
}
