/// Follows each sender's sequence numbers on a subscription and says when messages were lost.
///
/// Publishers never block on a slow subscriber: past the high-water mark, ZeroMQ drops
/// messages. A subscriber learns of it here: a `seq` that jumps is a gap; a new `instance`
/// means the sender restarted and counts from 1 again.
public struct SequenceTracker: Sendable {
    /// What one message's header says about the stream so far.
    public enum Observation: Hashable, Sendable {
        /// The first message seen from this sender (or this sender's new instance).
        case first
        /// The next message in order.
        case inOrder
        /// Messages `missing` were lost before this one.
        case gap(missing: ClosedRange<UInt64>)
        /// A message at or below one already seen (a repeat); ignore it.
        case stale
    }

    private struct Stream: Sendable {
        var instance: String
        var lastSequence: UInt64
    }

    private var streams: [String: Stream] = [:]
    /// The number of messages known lost, across all senders.
    public private(set) var lostCount: UInt64 = 0

    /// Creates an empty tracker.
    public init() {}

    /// Records a received header and classifies it.
    public mutating func observe(_ header: BusHeader) -> Observation {
        guard let stream = streams[header.sender], stream.instance == header.instance else {
            streams[header.sender] = Stream(instance: header.instance, lastSequence: header.seq)
            return .first
        }
        if header.seq <= stream.lastSequence { return .stale }
        streams[header.sender]?.lastSequence = header.seq
        if header.seq == stream.lastSequence + 1 { return .inOrder }
        let missing = (stream.lastSequence + 1)...(header.seq - 1)
        lostCount += UInt64(missing.count)
        return .gap(missing: missing)
    }

    /// The last sequence number seen from `sender`, if any.
    public func lastSequence(of sender: String) -> UInt64? {
        streams[sender]?.lastSequence
    }
}
