import TenetModels
import TenetNotify

/// A notification planned for a notifier and not yet delivered (or dead-lettered): kept in the
/// rules plugin's state so that a crash never loses it. After a restart every entry is handed
/// to the notifiers again; the delivery journal turns one already delivered into a `duplicate`
/// instead of a second message.
public struct OutboxEntry: Hashable, Sendable, Codable {
    /// The planned delivery.
    public var delivery: PlannedDelivery

    /// Wraps a planned delivery.
    public init(_ delivery: PlannedDelivery) {
        self.delivery = delivery
    }

    /// The key the notifier worker reports its outcome under.
    public var key: String { delivery.notification.id + "\u{0}" + delivery.notifier }

    enum CodingKeys: String, CodingKey { case notifier, route, at, notification }

    /// Reads an entry (the notification as its JSON text).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .notification)
        let atText = try container.decode(String.self, forKey: .at)
        guard let at = Timestamp(rfc3339: atText) else {
            throw DecodingError.dataCorruptedError(forKey: .at, in: container, debugDescription: "`\(atText)` is not an RFC 3339 time")
        }
        let notification: Notification
        do {
            notification = try Notification(json: try JSONParser.parse(Array(text.utf8)))
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .notification, in: container, debugDescription: "\(error)")
        }
        delivery = PlannedDelivery(
            notifier: try container.decode(String.self, forKey: .notifier), route: try container.decode(String.self, forKey: .route),
            at: at, notification: notification, reason: .event)
    }

    /// Writes the entry.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(delivery.notifier, forKey: .notifier)
        try container.encode(delivery.route, forKey: .route)
        try container.encode(delivery.at.rfc3339, forKey: .at)
        try container.encode(JSONWriter.string(delivery.notification.jsonValue), forKey: .notification)
    }
}
