/// The body of a `staffing` request: which contacts, cut into which slots of the week.
public struct StaffingRequest: Codable, Hashable, Sendable {
    /// The slot length in minutes (divides a day; default 30).
    public var intervalMinutes: Int?
    /// The first instant included (RFC 3339); default: all data.
    public var from: String?
    /// The first instant excluded.
    public var to: String?
    /// Filters, as in `query` (`{"channel": ["phone"]}`).
    public var `where`: [String: [String]]?

    enum CodingKeys: String, CodingKey {
        case from, to, `where`
        case intervalMinutes = "interval_minutes"
    }

    /// Creates a request.
    public init(intervalMinutes: Int? = nil, from: String? = nil, to: String? = nil, where filter: [String: [String]]? = nil) {
        self.intervalMinutes = intervalMinutes
        self.from = from
        self.to = to
        self.where = filter
    }
}

/// The reply to `staffing`: per slot of the week (in the organisation's zone), how many contacts
/// arrived over how many days, and their handle time.
public struct StaffingObservationsReply: Codable, Hashable, Sendable {
    /// The organisation's time zone the slots are cut in.
    public var zone: String
    /// The slot length.
    public var intervalMinutes: Int
    /// The first and last contact's dates (`YYYY-MM-DD`), when there is any.
    public var firstDay: String?
    /// The last.
    public var lastDay: String?
    /// One entry per slot with contacts.
    public var slots: [SlotObservation]

    enum CodingKeys: String, CodingKey {
        case zone, slots
        case intervalMinutes = "interval_minutes"
        case firstDay = "first_day"
        case lastDay = "last_day"
    }

    /// Creates a reply.
    public init(zone: String, intervalMinutes: Int, firstDay: String?, lastDay: String?, slots: [SlotObservation]) {
        self.zone = zone
        self.intervalMinutes = intervalMinutes
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.slots = slots
    }
}

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
