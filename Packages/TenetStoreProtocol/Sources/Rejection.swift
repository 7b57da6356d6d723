import TenetModels

/// Input a producer found wrong before sending (an unreadable CSV row), sent along with an
/// `append` so that it is recorded as a dead letter in the same commit.
public struct Rejection: Hashable, Sendable {
    /// Where it came from; with `line`, it makes the dead letter idempotent across retries.
    public var source: String
    /// Its line in the producer's input.
    public var line: Int?
    /// The field at fault, if one.
    public var field: String?
    /// Why it was rejected.
    public var reason: String
    /// The input as text (invalid UTF-8 replaced).
    public var payload: String

    /// Creates a rejection.
    public init(source: String, line: Int?, field: String?, reason: String, payload: String) {
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        self.payload = payload
    }

    /// The rejection as the JSON object requests carry (absent line and field left out).
    public var json: JSONValue {
        var entry = JSONObject([("source", .string(source)), ("reason", .string(reason)), ("payload", .string(payload))])
        if let line { entry["line"] = .number(JSONNumber(line)) }
        if let field { entry["field"] = .string(field) }
        return .object(entry)
    }

    /// Reads a rejection object; a missing `source` is `defaultSource`.
    public init(json: JSONValue, defaultSource: String) throws(StoreProtocolError) {
        guard let entry = json.objectValue, let reason = entry["reason"]?.stringValue else {
            throw StoreProtocolError(code: .badBody, message: "a rejection is an object with at least `reason` (a string)")
        }
        self.init(
            source: entry["source"]?.stringValue ?? defaultSource,
            line: entry["line"]?.numberValue.flatMap { Int(exactly: $0) }, field: entry["field"]?.stringValue,
            reason: reason, payload: entry["payload"]?.stringValue ?? "")
    }
}
