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
        var seq: Int64?
        var id: String?
        var type: String?
        var event: Range<Int>?
        var index = JSONSpan.skipSpace(from: 0, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            throw StoreProtocolError(code: .badBody, message: "a stored event entry is a JSON object")
        }
        index += 1
        while true {
            index = JSONSpan.skipSpace(from: index, in: bytes)
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "}") { break }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = JSONSpan.end(ofStringAt: index, in: bytes) else {
                throw StoreProtocolError(code: .badBody, message: "a stored event entry has an unreadable key")
            }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)]), as: UTF8.self)
            index = JSONSpan.skipSpace(from: keyEnd, in: bytes)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw StoreProtocolError(code: .badBody, message: "a stored event entry lacks ':' after \"\(key)\"")
            }
            let valueStart = JSONSpan.skipSpace(from: index + 1, in: bytes)
            guard let valueEnd = JSONSpan.end(ofValueAt: valueStart, in: bytes) else {
                throw StoreProtocolError(code: .badBody, message: "a stored event entry's \"\(key)\" has no value")
            }
            let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            switch key {
            case "seq": seq = Int64(String(decoding: value, as: UTF8.self))
            case "id": id = (try? JSONParser.parse(value))?.stringValue
            case "type": type = (try? JSONParser.parse(value))?.stringValue
            case "event": event = valueStart..<valueEnd
            default: break
            }
            index = valueEnd
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
        var events: [StoredEvent] = []
        var lastSeq: Int64 = 0
        var index = JSONSpan.skipSpace(from: 0, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            throw StoreProtocolError(code: .badBody, message: "a store reply is a JSON object")
        }
        index += 1
        var sawEvents = false
        while true {
            index = JSONSpan.skipSpace(from: index, in: bytes)
            guard index < bytes.count, bytes[index] != UInt8(ascii: "}") else { break }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = JSONSpan.end(ofStringAt: index, in: bytes) else {
                throw StoreProtocolError(code: .badBody, message: "a store reply has an unreadable key")
            }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)]), as: UTF8.self)
            index = JSONSpan.skipSpace(from: keyEnd, in: bytes)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw StoreProtocolError(code: .badBody, message: "a store reply lacks ':' after \"\(key)\"")
            }
            let valueStart = JSONSpan.skipSpace(from: index + 1, in: bytes)
            guard let valueEnd = JSONSpan.end(ofValueAt: valueStart, in: bytes) else {
                throw StoreProtocolError(code: .badBody, message: "a store reply's \"\(key)\" has no value")
            }
            if key == "last_seq" {
                lastSeq = Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)) ?? 0
            } else if key == "events" {
                sawEvents = true
                guard bytes[valueStart] == UInt8(ascii: "[") else {
                    throw StoreProtocolError(code: .badBody, message: "a store reply's `events` is not an array")
                }
                var item = valueStart + 1
                while true {
                    item = JSONSpan.skipSpace(from: item, in: bytes)
                    guard item < valueEnd - 1 else { break }
                    if bytes[item] == UInt8(ascii: ",") {
                        item += 1
                        continue
                    }
                    guard let itemEnd = JSONSpan.end(ofValueAt: item, in: bytes) else {
                        throw StoreProtocolError(code: .badBody, message: "a store reply's `events` entry is cut short")
                    }
                    events.append(try StoredEvent(entry: UnsafeBufferPointer(rebasing: bytes[item..<itemEnd])))
                    item = itemEnd
                }
            }
            index = valueEnd
        }
        guard sawEvents else { throw StoreProtocolError(code: .badBody, message: "a store reply has no `events` array") }
        return (events, lastSeq)
    }
}
