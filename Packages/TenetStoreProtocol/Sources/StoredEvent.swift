import TenetModels

/// An event as the store keeps it: its global sequence number and its JSON exactly as received.
public struct StoredEvent: Hashable, Sendable {
    /// The store's sequence number: 1, 2, 3… with no gaps, in commit order.
    public var seq: Int64
    /// The event's id (the idempotency key).
    public var id: String
    /// The event type's name.
    public var type: String
    /// The event's JSON, byte for byte as the producer sent it.
    public var json: [UInt8]

    /// Creates a stored event.
    public init(seq: Int64, id: String, type: String, json: [UInt8]) {
        self.seq = seq
        self.id = id
        self.type = type
        self.json = json
    }

    /// The entry the store publishes on `event.<type>` and returns from `replay` and `query`:
    /// `{"seq":N,"id":"…","type":"…","event":{…}}`, the event's bytes unchanged.
    public var entryJSON: [UInt8] {
        var output: [UInt8] = []
        writeEntry(into: &output)
        return output
    }

    /// Appends ``entryJSON`` to `output`.
    public func writeEntry(into output: inout [UInt8]) {
        Self.writeEntry(seq: seq, id: id, type: type, json: json, into: &output)
    }

    /// Appends the entry of an event given by its parts (its bytes not copied first).
    public static func writeEntry(seq: Int64, id: String, type: String, json: some Collection<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + json.count + id.utf8.count + type.utf8.count + 48)
        output.append(contentsOf: #"{"seq":\#(seq),"id":"#.utf8)
        JSONWriter.writeString(id, into: &output)
        output.append(contentsOf: #","type":"#.utf8)
        JSONWriter.writeString(type, into: &output)
        output.append(contentsOf: #","event":"#.utf8)
        output.append(contentsOf: json)
        output.append(UInt8(ascii: "}"))
    }

    /// Reads one entry, taking the event's bytes as they are (no parse and write again).
    ///
    /// - Throws: ``StoreProtocolError`` if the entry lacks `seq` or `event`.
    public init(entry bytes: UnsafeBufferPointer<UInt8>) throws(StoreProtocolError) {
        guard let members = JSONSpan.members(ofObjectAt: 0, in: bytes) else {
            throw StoreProtocolError(code: .badBody, message: "a stored event entry is not a JSON object")
        }
        var seq: Int64?
        var id: String?
        var type: String?
        var event: Range<Int>?
        for (key, range) in members {
            let value = UnsafeBufferPointer(rebasing: bytes[range])
            switch key {
            case "seq": seq = Int64(String(decoding: value, as: UTF8.self))
            case "id": id = (try? JSONParser.parse(value))?.stringValue
            case "type": type = (try? JSONParser.parse(value))?.stringValue
            case "event": event = range
            default: break
            }
        }
        guard let seq, let event else {
            throw StoreProtocolError(code: .badBody, message: "a stored event entry needs `seq` and `event`")
        }
        let json = Array(bytes[event])
        if id == nil || type == nil {
            // An entry from an older store: read them from the event itself.
            let object = (try? JSONParser.parse(json))?.objectValue
            id = id ?? object?["id"]?.stringValue
            type = type ?? object?["type"]?.stringValue
        }
        self.init(seq: seq, id: id ?? "", type: type ?? "", json: json)
    }

    /// Reads the body of a `replay` or `query` reply: `{"events":[ENTRY…],"last_seq":N}`.
    public static func page(from body: [UInt8]) throws(StoreProtocolError) -> (events: [StoredEvent], lastSeq: Int64) {
        let result = body.withUnsafeBufferPointer { bytes in
            Result { () throws(StoreProtocolError) -> ([StoredEvent], Int64) in try readPage(bytes) }
        }
        return try result.get()
    }

    private static func readPage(_ bytes: UnsafeBufferPointer<UInt8>) throws(StoreProtocolError) -> ([StoredEvent], Int64) {
        guard let members = JSONSpan.members(ofObjectAt: 0, in: bytes) else {
            throw StoreProtocolError(code: .badBody, message: "a store reply is not a JSON object")
        }
        guard let list = members.first(where: { $0.key == "events" }),
            let items = JSONSpan.items(ofArrayAt: list.value.lowerBound, in: bytes)
        else {
            throw StoreProtocolError(code: .badBody, message: "a store reply has no `events` array")
        }
        var events: [StoredEvent] = []
        events.reserveCapacity(items.count)
        for item in items {
            events.append(try StoredEvent(entry: UnsafeBufferPointer(rebasing: bytes[item])))
        }
        let lastSeq = members.first { $0.key == "last_seq" }.flatMap {
            Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.value]), as: UTF8.self))
        }
        return (events, lastSeq ?? 0)
    }
}
