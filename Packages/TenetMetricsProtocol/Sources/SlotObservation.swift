/// One slot of the week.
public struct SlotObservation: Codable, Hashable, Sendable {
    /// `mon` … `sun`.
    public var weekday: String
    /// Minutes after midnight the slot starts.
    public var startMinute: Int
    /// How many days of this weekday the data spans.
    public var days: Int
    /// Contacts offered in the slot over those days (answered, and abandoned after the short-abandon threshold).
    public var contacts: Int
    /// How many of them have a handle time.
    public var handled: Int
    /// The sum of their handle times, in seconds.
    public var handleSeconds: Double

    enum CodingKeys: String, CodingKey {
        case weekday, days, contacts, handled
        case startMinute = "start_minute"
        case handleSeconds = "handle_seconds"
    }

    /// Creates an observation.
    public init(weekday: String, startMinute: Int, days: Int, contacts: Int, handled: Int, handleSeconds: Double) {
        self.weekday = weekday
        self.startMinute = startMinute
        self.days = days
        self.contacts = contacts
        self.handled = handled
        self.handleSeconds = handleSeconds
    }
}
