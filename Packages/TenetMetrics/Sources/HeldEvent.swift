import TenetModels

/// What the engine keeps of one event, in 32 bytes: its instant, its id, the id of the
/// dimensions it gives (``DimensionCatalog``) and its type with the fields measuring reads
/// (``EventCode``). Numbers that do not fit (a survey's score, a review's score, an order's amount
/// and currency) sit in the engine's ``EventNumbers``, found by the index in the code.
///
/// The id is kept whole, for the order of events at the same instant and of the same type, and
/// for telling a duplicate: an id of up to 15 UTF-8 bytes is stored inline (no allocation); a
/// longer one keeps its string's storage.
struct HeldEvent: Sendable {
    /// When it happened, in nanoseconds since the epoch.
    var at: Int64
    /// The event's id.
    var id: String
    /// The dimensions the event itself gives (a ``DimensionCatalog`` set id).
    var dimensions: Int32
    /// Its type and fields.
    var code: EventCode

    /// The order of ``ConversationEvent/precedes(_:)``: time, then type, then id.
    func precedes(_ other: HeldEvent) -> Bool {
        if at != other.at { return at < other.at }
        let rank = code.rank
        let otherRank = other.code.rank
        if rank != otherRank { return rank < otherRank }
        return id < other.id
    }
}
