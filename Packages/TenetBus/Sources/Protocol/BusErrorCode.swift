/// The code of an error reply: one list for every plugin, so that a client can act on a code
/// whichever plugin sent it. Plugins in other languages send the same strings (docs/PROTOCOL.md).
public struct BusErrorCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The code as sent on the wire.
    public var rawValue: String

    /// Creates a code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a code from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The request's frames could not be read as a message (wrong frame count, bad header).
    public static let badMessage: BusErrorCode = "bad_message"
    /// The request's body is not what the method takes; the message says what it takes.
    public static let badRequest: BusErrorCode = "bad_request"
    /// The endpoint has no such method.
    public static let unknownMethod: BusErrorCode = "unknown_method"
    /// The store did not answer in time: nothing was acknowledged, retry.
    public static let storeUnavailable: BusErrorCode = "store_unavailable"
    /// The store's disk is full: nothing was acknowledged, retry later.
    public static let storageFull: BusErrorCode = "storage_full"
    /// The store failed to read or write (an I/O error): nothing was acknowledged, retry.
    public static let storageError: BusErrorCode = "storage_error"
    /// The store answered something that could not be read, or refused a request that ingest
    /// built: a defect, not worth retrying.
    public static let storeError: BusErrorCode = "store_error"
    /// The supervisor has no plugin of that name.
    public static let unknownPlugin: BusErrorCode = "unknown_plugin"
    /// The supervisor is stopping the stack.
    public static let shuttingDown: BusErrorCode = "shutting_down"
    /// `reload` reached a supervisor whose stack file names no philosophy.
    public static let noPhilosophy: BusErrorCode = "no_philosophy"
    /// The answer needs inputs that are not ready yet (the report plugin: the metrics plugin is
    /// still catching up with the store, or did not answer): retry later.
    public static let notReady: BusErrorCode = "not_ready"
    /// The report plugin could not write a report file; the message names the file.
    public static let reportFailed: BusErrorCode = "report_failed"
    /// A metrics request names a metric that is neither built in nor a custom metric of the
    /// philosophy in force (the message suggests the nearest name).
    public static let unknownMetric: BusErrorCode = "unknown_metric"

    /// Whether sending the same request again later can succeed (the failure was the
    /// receiver's state, not the request).
    public var isRetryable: Bool {
        self == .storeUnavailable || self == .storageFull || self == .storageError || self == .notReady
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
