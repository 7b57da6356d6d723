import TenetModels

/// Reads the Technion call-center log: one call per tab-separated line with the columns
/// `vru+line, call_id, customer_id, priority, type, date, vru_entry, vru_exit, vru_time,
/// q_start, q_exit, q_time, outcome, ser_start, ser_exit, ser_time, server`.
///
/// A call is identified by its date, its `vru+line` and its `call_id` together: the log
/// reuses a `call_id` on the same day on other VRU lines, so `call_id` and the date alone would
/// merge distinct calls. Each real call becomes, all with `channel: phone`, the queue (`type`)
/// as `team`, the `priority` kept and `conversation: call-DATE-VRULINE-CALLID` (each event's
/// `id` is that key and the event's kind):
///
/// | when | event | at |
/// |---|---|---|
/// | always | `conversation.opened` | `vru_entry` |
/// | `q_start` is not 0:00:00 | `contact.queued` | `q_start` |
/// | outcome AGENT | `contact.answered` (agent = `server` unless NO_SERVER) | `ser_start` |
/// | outcome AGENT | `contact.ended` | `ser_exit` |
/// | outcome HANG after queueing | `contact.abandoned` | `q_exit` |
///
/// PHANTOM lines are not real calls and are skipped; a HANG that never queued left in the
/// voice menu and gives only the opening. Dates are `YYMMDD`; times `H:MM:SS` on that date,
/// moved to the next day when they fall before `vru_entry` (the call crossed midnight). The
/// log has no time zone: times are read in `utcOffset` (UTC unless given).
public struct CallCenterConverter: RowConverter {
    /// The offset of the log's local time from UTC, in seconds.
    public var utcOffsetSeconds: Int

    /// Creates a converter reading times at `utcOffsetSeconds` from UTC.
    public init(utcOffsetSeconds: Int = 0) {
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    static let columns = [
        "vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit", "vru_time",
        "q_start", "q_exit", "q_time", "outcome", "ser_start", "ser_exit", "ser_time", "server",
    ]

    public mutating func convert(_ row: String, line: Int) -> ImportedRow {
        let cells = row.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: [" ", "\r"])
        }
        if cells.allSatisfy(\.isEmpty) { return .skipped(reason: "blank line") }
        guard cells.count >= Self.columns.count else {
            return .rejected(field: nil, reason: "\(cells.count) tab-separated columns where the call-center log has \(Self.columns.count)")
        }
        let callID = cells[1]
        guard !callID.isEmpty, callID.allSatisfy(\.isNumber) else {
            if line == 1 { return .skipped(reason: "header") }
            return .rejected(field: "call_id", reason: "'\(callID.excerpt)' is not a call id")
        }
        let vruLine = cells[0]
        guard !vruLine.isEmpty else {
            return .rejected(field: "vru+line", reason: "is empty: a call is identified by its vru+line, call_id and date")
        }
        let outcome = cells[12].uppercased()
        if outcome == "PHANTOM" { return .skipped(reason: "PHANTOM is not a real call") }
        guard outcome == "AGENT" || outcome == "HANG" else {
            return .rejected(field: "outcome", reason: "'\(cells[12].excerpt)' is not AGENT, HANG or PHANTOM")
        }
        guard let day = Self.day(cells[5]) else { return .rejected(field: "date", reason: "'\(cells[5].excerpt)' is not a YYMMDD date") }
        func time(_ column: Int) -> Int? { Self.seconds(cells[column]) }
        guard let entry = time(6) else { return .rejected(field: "vru_entry", reason: "'\(cells[6].excerpt)' is not H:MM:SS") }
        let queueStartText = cells[9]
        guard let queueStart = time(9) else { return .rejected(field: "q_start", reason: "'\(queueStartText.excerpt)' is not H:MM:SS") }
        let queued = queueStart != 0

        // A time before the call's entry belongs to the next day.
        func instant(_ seconds: Int) -> String {
            let dayShift = seconds < entry ? 86_400 : 0
            let epoch = Int64(day) * 86_400 + Int64(seconds + dayShift - utcOffsetSeconds)
            return Timestamp(nanosecondsSinceEpoch: epoch * 1_000_000_000).rfc3339
        }
        let conversation = "call-\(cells[5])-\(vruLine)-\(callID)"
        var base = JSONObject()
        base["conversation"] = .string(conversation)
        if cells[2] != "0" && !cells[2].isEmpty { base["customer"] = .string(cells[2]) }
        base["channel"] = .string("phone")
        if !cells[4].isEmpty { base["team"] = .string(cells[4]) }
        if !cells[3].isEmpty { base["priority"] = .string(cells[3]) }
        base["attributes"] = .object(JSONObject([("vru_line", .string(vruLine))]))

        func event(_ kind: String, _ type: EventType, at seconds: Int, agent: String? = nil) -> JSONObject {
            var object = JSONObject([
                ("id", .string("\(conversation)-\(kind)")), ("type", .string(type.rawValue)), ("at", .string(instant(seconds))),
            ])
            for entry in base { object[entry.key] = entry.value }
            if let agent { object["agent"] = .string(agent) }
            return object
        }

        var events = [event("opened", .conversationOpened, at: entry)]
        if queued { events.append(event("queued", .contactQueued, at: queueStart)) }
        if outcome == "AGENT" {
            guard let serviceStart = time(13) else { return .rejected(field: "ser_start", reason: "'\(cells[13].excerpt)' is not H:MM:SS") }
            guard let serviceEnd = time(14) else { return .rejected(field: "ser_exit", reason: "'\(cells[14].excerpt)' is not H:MM:SS") }
            let server = cells[16]
            let agent = server.isEmpty || server.uppercased() == "NO_SERVER" ? nil : server
            events.append(event("answered", .contactAnswered, at: serviceStart, agent: agent))
            events.append(event("ended", .contactEnded, at: serviceEnd, agent: agent))
        } else if queued {
            guard let queueExit = time(10) else { return .rejected(field: "q_exit", reason: "'\(cells[10].excerpt)' is not H:MM:SS") }
            events.append(event("abandoned", .contactAbandoned, at: queueExit))
        }
        return .events(events)
    }

    /// `YYMMDD` → days since 1970-01-01 (years 70–99 are 19xx, 00–69 are 20xx).
    static func day(_ text: String) -> Int? {
        guard text.count == 6, let number = Int(text) else { return nil }
        let shortYear = number / 10_000
        let year = shortYear >= 70 ? 1900 + shortYear : 2000 + shortYear
        let month = number / 100 % 100
        let day = number % 100
        let stamp = String(format4(year)) + "-" + pad(month) + "-" + pad(day) + "T00:00:00Z"
        guard let timestamp = Timestamp(rfc3339: stamp) else { return nil }
        return Int(timestamp.nanosecondsSinceEpoch / 86_400_000_000_000)
    }

    /// `H:MM:SS` → seconds after midnight.
    static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]), let seconds = Int(parts[2]),
            (0...23).contains(hours), (0...59).contains(minutes), (0...59).contains(seconds), parts[1].count == 2,
            parts[2].count == 2
        else { return nil }
        return hours * 3600 + minutes * 60 + seconds
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func format4(_ value: Int) -> String { String(value) }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = self
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
