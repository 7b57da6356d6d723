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
