import TenetModels

/// One line of the delivery journal: a try and how it went, or a notification's end (dead
/// letter, suppressed by a silence, skipped as already delivered).
public struct DeliveryRecord: Hashable, Sendable {
    /// What the record says.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// The try delivered the notification.
        case succeeded
        /// The try failed; another follows.
        case failed
        /// The last try failed (or a permanent failure ended the tries): the notification was
        /// not delivered; ``DeliveryRecord/notification`` keeps it for a replay.
        case deadLetter = "dead_letter"
        /// A silence matched: not sent, on purpose.
        case suppressed
        /// Already delivered to this notifier (or being delivered now): not sent again.
        case duplicate
    }

    /// When it was recorded.
    public var at: Timestamp
    /// The notification's id (its idempotency key).
    public var notificationID: String
    /// The notifier's name.
    public var notifier: String
    /// The try's number, from 1 (0 for records that are no try: suppressed, duplicate).
    public var attempt: Int
    /// What happened.
    public var status: Status
    /// The failure's code (`timeout`, `http_status`), if it failed.
    public var errorCode: String?
    /// What failed or what the receiver answered (bounded).
    public var message: String?
    /// The notification itself, on dead letters (so it can be sent again by hand).
    public var notification: JSONValue?
    /// The silence that suppressed it, if one did.
    public var silenceID: String?

    /// Creates a record.
    public init(
        at: Timestamp, notificationID: String, notifier: String, attempt: Int, status: Status, errorCode: String? = nil,
        message: String? = nil, notification: JSONValue? = nil, silenceID: String? = nil
    ) {
        self.at = at
        self.notificationID = notificationID
        self.notifier = notifier
        self.attempt = attempt
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.notification = notification
        self.silenceID = silenceID
    }

    /// The record as one JSON object (a journal line).
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["at"] = .string(at.rfc3339)
        object["id"] = .string(notificationID)
        object["notifier"] = .string(notifier)
        object["attempt"] = .number(JSONNumber(attempt))
        object["status"] = .string(status.rawValue)
        if let errorCode { object["error_code"] = .string(errorCode) }
        if let message { object["message"] = .string(message) }
        if let silenceID { object["silence"] = .string(silenceID) }
        if let notification { object["notification"] = notification }
        return .object(object)
    }

    /// Reads a record from the object ``jsonValue`` writes; `nil` for anything else.
    public init?(json: JSONValue) {
        guard let object = json.objectValue, let atText = object["at"]?.stringValue, let at = Timestamp(rfc3339: atText),
            let id = object["id"]?.stringValue, let notifier = object["notifier"]?.stringValue,
            let attempt = object["attempt"]?.int64Value, let statusText = object["status"]?.stringValue,
            let status = Status(rawValue: statusText)
        else { return nil }
        self.init(
            at: at, notificationID: id, notifier: notifier, attempt: Int(attempt), status: status,
            errorCode: object["error_code"]?.stringValue, message: object["message"]?.stringValue,
            notification: object["notification"], silenceID: object["silence"]?.stringValue)
    }
}
