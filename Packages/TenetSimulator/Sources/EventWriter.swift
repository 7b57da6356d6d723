import TenetCalendar
import TenetModels

/// Writes the simulator's events as NDJSON straight into bytes: fixed key order, integers and
/// times formatted by hand (no Foundation, no `String` per event), every fixed piece of text
/// encoded once. One event a line, ending in `\n`.
///
/// An event is written in steps: ``begin(_:at:)`` writes `{"id":…,"type":…,"at":…`; the field
/// writers append `,"key":value` pieces; ``end()`` closes it. Times are whole milliseconds.
struct EventWriter: Sendable {
    /// The bytes written so far (the caller's output during a run).
    var bytes: [UInt8] = []
    /// How many events were begun.
    private(set) var count: Int64 = 0
    /// `{"id":"<prefix>-e`.
    private let idStart: [UInt8]
    /// `,"conversation":"<prefix>-c`.
    private let conversationStart: [UInt8]
    /// The day whose date ``dayText`` holds, as days since 1970-01-01 (UTC).
    private var cachedDay = Int64.min
    /// `YYYY-MM-DDT` of ``cachedDay``.
    private var dayText: [UInt8] = Array(repeating: 0, count: 11)

    init(idPrefix: String) {
        idStart = Self.text("{\"id\":") + Self.quotedPrefix(idPrefix + "-e")
        conversationStart = Self.text(",\"conversation\":") + Self.quotedPrefix(idPrefix + "-c")
    }

    /// The UTF-8 bytes of `text`.
    static func text(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// `text` as the start of a JSON string: the opening quote and the escaped text, without the
    /// closing quote.
    static func quotedPrefix(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONWriter.writeString(text, into: &bytes)
        bytes.removeLast()
        return bytes
    }

    /// `text` escaped for the inside of a JSON string (without quotes).
    static func escaped(_ text: String) -> [UInt8] {
        Array(quotedPrefix(text).dropFirst())
    }

    /// `,"key":"value"` with `value` escaped as JSON requires.
    static func field(_ key: String, _ value: String) -> [UInt8] {
        var bytes = text(",\"\(key)\":")
        JSONWriter.writeString(value, into: &bytes)
        return bytes
    }

    /// `"value"` escaped as JSON requires.
    static func quoted(_ value: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONWriter.writeString(value, into: &bytes)
        return bytes
    }

    // MARK: Events

    /// `{"id":"<prefix>-e<n>","type":"<type>","at":"<time>"`.
    @inline(__always)
    mutating func begin(_ type: [UInt8], at milliseconds: Int64) {
        count += 1
        bytes.append(contentsOf: idStart)
        integer(count)
        bytes.append(contentsOf: type)
        time(milliseconds)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `,"conversation":"<prefix>-c<n>"`.
    @inline(__always)
    mutating func conversation(_ number: Int64) {
        bytes.append(contentsOf: conversationStart)
        integer(number)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `,"customer":"cust-000042"` (at least six digits).
    @inline(__always)
    mutating func customer(_ number: Int) {
        bytes.append(contentsOf: Fragments.customer)
        padded(Int64(number), width: 6)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Pre-encoded bytes.
    @inline(__always)
    mutating func append(_ fragment: [UInt8]) {
        bytes.append(contentsOf: fragment)
    }

    /// `}` and the line's end.
    @inline(__always)
    mutating func end() {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
    }

    // MARK: Numbers and times

    /// A whole number in decimal.
    @inline(__always)
    mutating func integer(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            unsigned(UInt64(-value), width: 1)
        } else {
            unsigned(UInt64(value), width: 1)
        }
    }

    /// A whole number of at least `width` digits, zero-padded.
    @inline(__always)
    mutating func padded(_ value: Int64, width: Int) {
        unsigned(UInt64(max(0, value)), width: width)
    }

    @inline(__always)
    private mutating func unsigned(_ value: UInt64, width: Int) {
        // At most 20 digits; written backwards into a small stack buffer.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
                rest /= 10
                count += 1
            } while rest > 0 || count < width
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// A number with `places` decimals (rounded half away from zero), e.g. `87.5`, `249.90`.
    mutating func decimal(_ value: Double, places: Int) {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(value) * Double(scale)).rounded())
        if value < 0 && scaled > 0 { bytes.append(UInt8(ascii: "-")) }
        unsigned(UInt64(scaled / scale), width: 1)
        if places > 0 {
            bytes.append(UInt8(ascii: "."))
            unsigned(UInt64(scaled % scale), width: places)
        }
    }

    /// `YYYY-MM-DDThh:mm:ss.mmmZ` of a time in milliseconds since 1970 (UTC).
    @inline(__always)
    mutating func time(_ milliseconds: Int64) {
        let day = Self.floorDivide(milliseconds, 86_400_000)
        if day != cachedDay { cacheDay(day) }
        bytes.append(contentsOf: dayText)
        let ofDay = milliseconds - day * 86_400_000
        let seconds = ofDay / 1000
        two(seconds / 3600)
        bytes.append(UInt8(ascii: ":"))
        two(seconds / 60 % 60)
        bytes.append(UInt8(ascii: ":"))
        two(seconds % 60)
        bytes.append(UInt8(ascii: "."))
        let millis = ofDay % 1000
        bytes.append(UInt8(truncatingIfNeeded: millis / 100) &+ 48)
        bytes.append(UInt8(truncatingIfNeeded: millis / 10 % 10) &+ 48)
        bytes.append(UInt8(truncatingIfNeeded: millis % 10) &+ 48)
        bytes.append(UInt8(ascii: "Z"))
    }

    @inline(__always)
    private mutating func two(_ value: Int64) {
        bytes.append(UInt8(truncatingIfNeeded: value / 10) &+ 48)
        bytes.append(UInt8(truncatingIfNeeded: value % 10) &+ 48)
    }

    private mutating func cacheDay(_ day: Int64) {
        cachedDay = day
        let date = LocalDate(dayNumber: Int(day))
        var text = Array(String(date.year).utf8)
        while text.count < 4 { text.insert(48, at: 0) }
        text.append(UInt8(ascii: "-"))
        text.append(UInt8(date.month / 10) + 48)
        text.append(UInt8(date.month % 10) + 48)
        text.append(UInt8(ascii: "-"))
        text.append(UInt8(date.day / 10) + 48)
        text.append(UInt8(date.day % 10) + 48)
        text.append(UInt8(ascii: "T"))
        dayText = text
    }

    @inline(__always)
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}

/// The fixed pieces of the simulator's events, encoded once.
enum Fragments {
    static func type(_ name: String) -> [UInt8] { EventWriter.text("\",\"type\":\"\(name)\",\"at\":\"") }

    static let opened = type("conversation.opened")
    static let message = type("message.created")
    static let assigned = type("conversation.assigned")
    static let transferred = type("conversation.transferred")
    static let escalated = type("conversation.escalated")
    static let statusChanged = type("status.changed")
    static let queued = type("contact.queued")
    static let answered = type("contact.answered")
    static let abandoned = type("contact.abandoned")
    static let ended = type("contact.ended")
    static let holdStarted = type("hold.started")
    static let holdEnded = type("hold.ended")
    static let wrapupEnded = type("wrapup.ended")
    static let surveyAnswered = type("survey.answered")
    static let surveySent = type("x.survey.sent")
    static let qaScored = type("qa.scored")
    static let orderPlaced = type("order.placed")
    static let customerStarted = type("customer.started")
    static let customerChurned = type("customer.churned")
    static let employeeActive = type("x.employee.active")
    static let employeeLeft = type("x.employee.left")

    static let customer = EventWriter.text(",\"customer\":\"cust-")
    static let authorCustomer = EventWriter.text(",\"author\":\"customer\",\"public\":true")
    static let authorAgent = EventWriter.text(",\"author\":\"agent\",\"public\":true")
    static let authorBot = EventWriter.text(",\"author\":\"bot\",\"public\":true")
    static let privateNote = EventWriter.text(",\"author\":\"agent\",\"public\":false")
    static let textLength = EventWriter.text(",\"text_length\":")

    /// `,"status":"<status>","previous":"<previous>"` for the changes the simulator makes.
    static func status(_ status: String, from previous: String) -> [UInt8] {
        EventWriter.text(",\"status\":\"\(status)\",\"previous\":\"\(previous)\"")
    }

    static let pending = status("pending", from: "open")
    static let openFromPending = status("open", from: "pending")
    static let solvedFromOpen = status("solved", from: "open")
    static let solvedFromPending = status("solved", from: "pending")
    static let reopened = status("open", from: "solved")
    static let closedFromOpen = status("closed", from: "open")

    static let surveys = SimulationProfile.Surveys.kinds.map { EventWriter.text(",\"survey\":\"\($0)\"") }
    static let score = EventWriter.text(",\"score\":")
    static let amount = EventWriter.text(",\"amount\":")
    static let attributesStart = EventWriter.text(",\"attributes\":{")
    static let segmentStart = EventWriter.text("\"segment\":")
    static let languageStart = EventWriter.text(",\"language\":")
    static let sourceStart = EventWriter.text(",\"source\":")
    static let outageTag = EventWriter.text(",\"tags\":[\"outage\"]")
    static let employeeStart = EventWriter.text(",\"attributes\":{\"employee\":\"")
    static let employeeTeam = EventWriter.text("\",\"employee_team\":\"")
    static let closeStringObject = EventWriter.text("\"}")
    static let categoriesStart = EventWriter.text(",\"categories\":[")
    static let reviewer = EventWriter.text(",\"reviewer\":\"qa-lead\"")
    static let fromTeamStart = EventWriter.text(",\"from_team\":")
    static let fromAgentStart = EventWriter.text(",\"from_agent\":")
}

extension Fragments {
    static let weight = EventWriter.text(",\"weight\":")
}
