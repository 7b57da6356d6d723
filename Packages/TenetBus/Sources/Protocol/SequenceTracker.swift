/// Follows each sender's sequence numbers, topic by topic, and says when messages were lost.
///
/// Publishers never block on a slow subscriber: past the high-water mark, ZeroMQ drops
/// messages. A subscriber learns of it here: a `seq` that jumps on a (sender, topic) stream is
/// a gap; a new `instance` means the sender restarted and counts from 1 again. A message lost
/// last on a topic shows as a gap only when the next one on that topic arrives.
public struct SequenceTracker: Sendable {
    /// What one message's header says about its stream so far.
    public enum Observation: Hashable, Sendable {
        /// The first message seen on this stream (or from the sender's new instance).
        case first
        /// The next message in order.
        case inOrder
        /// Messages `missing` were lost before this one.
        case gap(missing: ClosedRange<UInt64>)
        /// A message at or below one already seen (a repeat); ignore it.
        case stale
    }

    private struct StreamKey: Hashable, Sendable {
        var sender: String
        var topic: String
    }

    private struct Stream: Sendable {
        var instance: String
        var lastSequence: UInt64
    }

    private var streams: [StreamKey: Stream] = [:]
    /// The number of messages known lost, across all streams.
    public private(set) var lostCount: UInt64 = 0

    /// Creates an empty tracker.
    public init() {}

    /// Records a received message and classifies it.
    public mutating func observe(_ message: BusMessage) -> Observation {
        observe(message.header, topic: message.topic)
    }

    /// Records a received header on `topic` and classifies it.
    public mutating func observe(_ header: BusHeader, topic: String) -> Observation {
        let key = StreamKey(sender: header.sender, topic: topic)
        guard let stream = streams[key], stream.instance == header.instance else {
            streams[key] = Stream(instance: header.instance, lastSequence: header.seq)
            return .first
        }
        if header.seq <= stream.lastSequence { return .stale }
        streams[key]?.lastSequence = header.seq
        if header.seq == stream.lastSequence + 1 { return .inOrder }
        let missing = (stream.lastSequence + 1)...(header.seq - 1)
        lostCount += UInt64(missing.count)
        return .gap(missing: missing)
    }

    /// The last sequence number seen from `sender` on `topic`, if any.
    public func lastSequence(of sender: String, on topic: String) -> UInt64? {
        streams[StreamKey(sender: sender, topic: topic)]?.lastSequence
    }
}
