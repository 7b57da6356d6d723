import TenetModels

/// What ``AlertRouter`` remembers between calls, as a value a plugin saves with its state
/// (Codable) and gives back after a restart: each firing alert's notification, since when it
/// fires, and which deliveries were already handed out.
public struct RoutingState: Hashable, Sendable, Codable {
    /// One firing alert.
    public struct Tracked: Hashable, Sendable, Codable {
        /// The firing notification (its id is the base of the step and repeat ids).
        public var notification: Notification
        /// Since when the alert fires.
        public var firingSince: Timestamp
        /// The deliveries handed out: route, notifier and notification id.
        public var sent: Set<Sent>

        /// Creates a tracked alert.
        public init(notification: Notification, firingSince: Timestamp, sent: Set<Sent> = []) {
            self.notification = notification
            self.firingSince = firingSince
            self.sent = sent
        }

        private enum CodingKeys: String, CodingKey { case notification, firingSince = "firing_since", sent }

        /// Reads a tracked alert (the notification as its JSON text, the time as RFC 3339).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let text = try container.decode(String.self, forKey: .notification)
            let sinceText = try container.decode(String.self, forKey: .firingSince)
            guard let since = Timestamp(rfc3339: sinceText) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .firingSince, in: container, debugDescription: "`\(sinceText)` is not an RFC 3339 time")
            }
            do {
                notification = try Notification(json: try JSONParser.parse(text))
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .notification, in: container, debugDescription: "\(error)")
            }
            firingSince = since
            sent = try container.decode(Set<Sent>.self, forKey: .sent)
        }

        /// Writes a tracked alert.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(JSONWriter.string(notification.jsonValue), forKey: .notification)
            try container.encode(firingSince.rfc3339, forKey: .firingSince)
            try container.encode(sent.sorted { ($0.notificationID, $0.notifier, $0.route) < ($1.notificationID, $1.notifier, $1.route) }, forKey: .sent)
        }
    }

    /// A delivery handed out.
    public struct Sent: Hashable, Sendable, Codable {
        /// The route.
        public var route: String
        /// The notifier.
        public var notifier: String
        /// The notification id sent.
        public var notificationID: String

        /// Creates a record of a delivery handed out.
        public init(route: String, notifier: String, notificationID: String) {
            self.route = route
            self.notifier = notifier
            self.notificationID = notificationID
        }
    }

    /// The firing alerts, by ``Notification/fingerprint``.
    public var alerts: [String: Tracked]

    /// An empty state.
    public init(alerts: [String: Tracked] = [:]) {
        self.alerts = alerts
    }
}
