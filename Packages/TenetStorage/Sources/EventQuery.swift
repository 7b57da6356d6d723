import TenetModels

/// Which stored events to return, for drill-down and export. Every condition is optional;
/// the ones given must all hold. Values are always bound as SQL parameters.
public struct EventQuery: Hashable, Sendable {
    /// Only events with a sequence number above this.
    public var afterSeq: Int64 = 0
    /// Only this conversation's events.
    public var conversation: String?
    /// Only events at or after this time.
    public var from: Timestamp?
    /// Only events before this time.
    public var until: Timestamp?
    /// Only these types (any of them).
    public var types: [EventType] = []
    /// Dimension filters: each named dimension (team, channel, agent, priority, customer) must
    /// have one of the listed values.
    public var dimensions: [String: [String]] = [:]
    /// At most this many events.
    public var limit: Int = 1000

    /// The dimensions that can be filtered on: those the store keeps in columns
    /// (``EventDimension/storedColumns``), the conversation aside (it has a filter of its own).
    public static let filterableDimensions = EventDimension.storedColumns.filter { $0 != .conversation }.map(\.key)

    /// Creates a query matching everything (up to the limit).
    public init() {}
}
