import TenetBus
import TenetModels
import TenetStoreProtocol

/// Follows the store's event stream exactly once and in order, whatever the bus drops.
///
/// It subscribes to `event.` and reads each message's store sequence number. At the start, and
/// whenever a number is skipped (a late start, or messages dropped at a high-water mark), it
/// asks the store to `replay` from the last number it delivered; messages it has already
/// delivered are ignored. The store announces its last number every second (`sys.store.head`),
/// so a loss at the very end of a burst is found too. So the events it hands out are exactly the stored ones: 1, 2, 3… with
/// no gap and no repeat. One owner, like its sockets.
public final class EventFollower {
    private let subscriber: ZMQSocket
    private let store: StoreClient
    /// The sequence number of the last event delivered.
    public private(set) var lastSeq: Int64
    /// How many times a gap sent it to the store (the start included).
    public private(set) var replays = 0
    /// How many events came from replays rather than live messages.
    public private(set) var replayedEvents = 0
    private var needsReplay = true
    private var replaying = false
    /// The most events one replay request fetches.
    public static let replayPage = 10_000

    /// Subscribes to the bus at `subscribeEndpoint` and asks the store at `storeEndpoint` for what
    /// it missed, delivering events after `after`.
    public init(
        context: ZMQContext, subscribeEndpoint: String, storeEndpoint: String, sender: String, after: Int64 = 0,
        receiveHighWaterMark: Int = 100_000
    ) throws(ZMQError) {
        subscriber = try ZMQSocket(context: context, type: .sub)
        try subscriber.set(.receiveHighWaterMark(receiveHighWaterMark))
        try subscriber.set(.subscribe(BusTopic.events))
        try subscriber.set(.subscribe(StoreHead.topic))
        try subscriber.connect(subscribeEndpoint)
        store = try StoreClient(context: context, endpoint: storeEndpoint, sender: sender)
        lastSeq = after
    }

    /// The subscription socket, for a poller that should wake when events arrive.
    public var socket: ZMQSocket { subscriber }

    /// Delivers again every event after `seq` (from the store), then goes on live: for a
    /// follower that must rebuild its state from scratch.
    public func restart(after seq: Int64) {
        lastSeq = seq
        needsReplay = true
    }

    /// The stored event numbered `seq`, asked of the store; `nil` when the store has no such
    /// event (fewer events, or another store).
    public func storedEvent(at seq: Int64) throws(BusProtocolError) -> StoredEvent? {
        guard seq > 0 else { return nil }
        return try store.replay(after: seq - 1, limit: 1).first { $0.seq == seq }
    }

    /// Closes both sockets.
    public func close() {
        subscriber.close()
        store.close()
    }

    /// The next events in order: whatever is waiting, after waiting up to `timeout` for the first.
    public func next(timeout: Duration) throws(BusProtocolError) -> [StoredEvent] {
        var delivered: [StoredEvent] = []
        if needsReplay {
            try catchUp(into: &delivered)
            // More history to come: hand out this page first, so that a long replay never
            // holds every event in memory nor keeps the caller from its other work.
            if needsReplay { return delivered }
        }
        var poller = ZMQPoller()
        poller.addReadable(subscriber)
        do {
            if delivered.isEmpty, try poller.poll(timeout: timeout).isEmpty { return delivered }
            while let frames = try subscriber.receiveMultipart(dontWait: true) {
                guard let message = try? BusMessage(frames: frames) else { continue }
                if message.topic == StoreHead.topic {
                    // The store is ahead: the tail of a burst was lost.
                    let head = (try? JSONParser.parse(message.body))?.objectValue?["last_seq"]?.numberValue
                    if let head, Int64(head) > lastSeq { try catchUp(into: &delivered) }
                    continue
                }
                // The event's bytes are taken as published: never parsed and written again here.
                guard let event = message.body.withUnsafeBufferPointer({ try? StoredEvent(entry: $0) }) else { continue }
                if event.seq <= lastSeq { continue }
                if event.seq > lastSeq + 1 {
                    // A gap: the store has what the bus lost.
                    try catchUp(into: &delivered)
                    // Still short of this event after a page: the next calls fetch the rest
                    // (this event among them) before reading live messages again.
                    if event.seq > lastSeq + 1 { break }
                    if event.seq <= lastSeq { continue }
                }
                delivered.append(event)
                lastSeq = event.seq
                if delivered.count >= 10_000 { break }
            }
        } catch let error as ZMQError {
            throw BusProtocolError(error)
        } catch let error as BusProtocolError {
            throw error
        } catch {
            throw BusProtocolError(code: .transport, message: "\(error)")
        }
        return delivered
    }

    /// Replays one page (up to ``replayPage`` events) from the store; ``needsReplay`` stays set
    /// while the store has more.
    private func catchUp(into delivered: inout [StoredEvent]) throws(BusProtocolError) {
        if !replaying {
            replays += 1
            replaying = true
        }
        let page = try store.replay(after: lastSeq, limit: Self.replayPage)
        for event in page where event.seq == lastSeq + 1 {
            delivered.append(event)
            lastSeq = event.seq
            replayedEvents += 1
        }
        needsReplay = page.count >= Self.replayPage
        if !needsReplay { replaying = false }
    }
}
