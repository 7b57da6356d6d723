/// The store plugin's request methods. `docs/STORE.md` documents each one's body and reply
/// for clients in any language.
public enum StoreMethod: String, CaseIterable, Hashable, Sendable {
    /// Append events (and record rejected input) in one durable transaction: ``AppendRequest``.
    case append
    /// Stored events after a sequence number, in order: ``ReplayRequest``.
    case replay
    /// Stored events matching filters (drill-down, export): ``QueryRequest``.
    case query
    /// Rejected input, in order: ``ReplayRequest``, answered with ``DeadLettersReply``.
    case deadLetters = "dead_letters"
    /// Counts: answered with ``StoreStats``.
    case stats
}

/// The store's once-a-second announcement of its last sequence number, on `sys.store.head`,
/// body `{"last_seq": N}`: a subscriber whose last event is older knows it lost the tail of a
/// burst and replays.
public enum StoreHead {
    /// The topic.
    public static let topic = "sys.store.head"
    /// The message type.
    public static let type = "store.head"
}
