/// Server-sent events framing (the WHATWG `text/event-stream` format), pure.
public enum ServerSentEvent {
    /// The event name for a bus topic the stream forwards (`metric.csat` → `metric`), or `nil`
    /// for topics it does not.
    public static func eventName(forTopic topic: String) -> String? {
        for name in ["metric", "alert", "target", "sla"] where topic.hasPrefix(name + ".") { return name }
        return nil
    }

    /// One event: `event: NAME`, one `data:` line per line of `data` (a CR LF or CR is a line
    /// break too, so no byte of the data can end the event early), and a blank line.
    public static func frame(event: String, data: [UInt8]) -> [UInt8] {
        var out = Array("event: \(event)\n".utf8)
        var line: [UInt8] = []
        var index = data.startIndex
        func flush() {
            out += Array("data: ".utf8) + line + [0x0A]
            line.removeAll(keepingCapacity: true)
        }
        while index < data.endIndex {
            let byte = data[index]
            if byte == 0x0A {
                flush()
            } else if byte == 0x0D {
                flush()
                if data.index(after: index) < data.endIndex, data[data.index(after: index)] == 0x0A { index = data.index(after: index) }
            } else {
                line.append(byte)
            }
            index = data.index(after: index)
        }
        flush()
        out.append(0x0A)
        return out
    }

    /// A comment line that keeps idle connections (and proxies) open: `: keep-alive` and a blank line.
    public static let keepAlive: [UInt8] = Array(": keep-alive\n\n".utf8)

    /// The first bytes of every stream: a retry hint for reconnecting browsers (3 s) and a comment.
    public static let opening: [UInt8] = Array("retry: 3000\n: tenet live stream\n\n".utf8)
}
