import TenetModels

/// Reads holidays from an iCalendar file (RFC 5545), as calendar applications and public
/// holiday feeds export them.
///
/// Every all-day VEVENT of the file's VCALENDARs is a holiday named by its SUMMARY:
/// - `DTSTART;VALUE=DATE:20261225` (or `DTSTART:20261225`) is its first day; a DTEND (a date,
///   excluded) or a `DURATION` of whole days (`P2D`, `P1W`) makes it several days; without them
///   it lasts one day;
/// - `RRULE:FREQ=YEARLY` repeats it every year, for ever or up to `UNTIL=YYYYMMDD` (a date-time
///   `UNTIL` counts by its date) or for `COUNT=n` years; `INTERVAL=1` and a `BYMONTH` or
///   `BYMONTHDAY` that repeat the start's own month and day are accepted. A yearly event on
///   February 29th falls in leap years only, as RFC 5545 says.
///
/// Anything else that would change which days are holidays is an error with its line rather
/// than a silent guess: a timed DTSTART, any other RRULE part or frequency, RDATE, EXDATE,
/// RECURRENCE-ID, a yearly event of several days across the end of February. Other components
/// (VTIMEZONE, VTODO, VALARM) and unknown properties are ignored. Lines may end in CRLF or LF;
/// a line starting with a space or a tab continues the previous one.
public enum ICalendarHolidays {
    /// The holidays of `text`, in the order of their events (one ``Holiday`` per day of a
    /// several-day event).
    public static func parse(_ text: String) throws(ICalendarError) -> [Holiday] {
        var holidays: [Holiday] = []
        var open: [(name: String, line: Int)] = []
        var event: EventBuilder?
        var sawCalendar = false

        for property in try ICalendarContentLine.unfold(text) {
            let line = property.line
            switch property.name {
            case "BEGIN":
                let component = property.value.uppercased()
                if open.isEmpty && component != "VCALENDAR" {
                    throw ICalendarError(
                        code: .syntax, line: line,
                        message: "BEGIN:\(property.value) outside a calendar: an iCalendar file starts with BEGIN:VCALENDAR")
                }
                if component == "VEVENT" {
                    if let event {
                        throw ICalendarError(
                            code: .unterminated, line: line,
                            message: "BEGIN:VEVENT inside the VEVENT begun at line \(event.line): END:VEVENT is missing before it")
                    }
                    if open.last?.name == "VCALENDAR" { event = EventBuilder(line: line) }
                }
                if component == "VCALENDAR" { sawCalendar = true }
                open.append((component, line))
            case "END":
                let component = property.value.uppercased()
                guard let innermost = open.last else {
                    throw ICalendarError(code: .unterminated, line: line, message: "END:\(property.value) without a BEGIN:\(property.value)")
                }
                guard innermost.name == component else {
                    throw ICalendarError(
                        code: .unterminated, line: line,
                        message: "END:\(property.value) where END:\(innermost.name) was expected (BEGIN:\(innermost.name) at line \(innermost.line))")
                }
                open.removeLast()
                if component == "VEVENT", let finished = event, open.last?.name == "VCALENDAR" {
                    holidays += try finished.holidays()
                    event = nil
                }
            default:
                guard let innermost = open.last else {
                    throw ICalendarError(
                        code: .syntax, line: line,
                        message: "\(property.name) outside a calendar: an iCalendar file starts with BEGIN:VCALENDAR")
                }
                if innermost.name == "VEVENT" && event != nil {
                    try event!.add(property)
                }
            }
        }
        if let unclosed = open.last {
            throw ICalendarError(
                code: .unterminated, line: unclosed.line,
                message: "BEGIN:\(unclosed.name) is never closed: END:\(unclosed.name) is missing")
        }
        guard sawCalendar else {
            throw ICalendarError(code: .syntax, line: 1, message: "no BEGIN:VCALENDAR: not an iCalendar file")
        }
        return holidays
    }
}

/// The properties of one VEVENT, gathered until its END, then turned into holidays.
private struct EventBuilder {
    /// The line of its BEGIN:VEVENT.
    var line: Int
    var start: (date: LocalDate, line: Int)?
    var end: (date: LocalDate, line: Int)?
    var duration: (days: Int, line: Int)?
    var summary: String?
    var rule: (text: String, line: Int)?

    init(line: Int) { self.line = line }

    mutating func add(_ property: ICalendarContentLine) throws(ICalendarError) {
        func once(_ present: Bool) throws(ICalendarError) {
            if present {
                throw ICalendarError(code: .conflict, line: property.line, message: "a second \(property.name) in the VEVENT begun at line \(line)")
            }
        }
        switch property.name {
        case "DTSTART":
            try once(start != nil)
            start = (try Self.date(property), property.line)
        case "DTEND":
            try once(end != nil)
            end = (try Self.date(property), property.line)
        case "DURATION":
            try once(duration != nil)
            duration = (try Self.days(property), property.line)
        case "SUMMARY":
            try once(summary != nil)
            summary = Self.unescape(property.value)
        case "RRULE":
            try once(rule != nil)
            rule = (property.value, property.line)
        case "RDATE", "EXDATE", "RECURRENCE-ID", "EXRULE":
            throw ICalendarError(
                code: .unsupported, line: property.line,
                message: "\(property.name) is not supported: give each holiday as its own VEVENT")
        default:
            break  // UID, DTSTAMP, DESCRIPTION, TRANSP, CATEGORIES…: not needed for holidays
        }
    }

    /// A `VALUE=DATE` property's date.
    static func date(_ property: ICalendarContentLine) throws(ICalendarError) -> LocalDate {
        let value = property.value.trimmingSpaces
        if property.parameters["VALUE"].map({ $0.uppercased() == "DATE-TIME" }) ?? false || value.contains("T") {
            throw ICalendarError(
                code: .timedEvent, line: property.line,
                message: "\(property.name) `\(value)` has a time: only all-day events are holidays (\(property.name);VALUE=DATE:YYYYMMDD)")
        }
        if let type = property.parameters["VALUE"], type.uppercased() != "DATE" {
            throw ICalendarError(code: .badDate, line: property.line, message: "\(property.name) has VALUE=\(type): expected VALUE=DATE")
        }
        guard value.count == 8, let date = LocalDate(value) else {
            throw ICalendarError(code: .badDate, line: property.line, message: "\(property.name) `\(value)` is not a date: expected YYYYMMDD, such as 20261225")
        }
        return date
    }

    /// A `DURATION` of whole days or weeks: `P1D`, `P2W`.
    static func days(_ property: ICalendarContentLine) throws(ICalendarError) -> Int {
        let value = property.value.trimmingSpaces.uppercased()
        guard value.hasPrefix("P"), let unit = value.last, unit == "D" || unit == "W",
            let count = Int(value.dropFirst().dropLast()), count > 0
        else {
            throw ICalendarError(
                code: .unsupported, line: property.line,
                message: "DURATION `\(value)` is not a whole number of days or weeks (P1D, P2W), as an all-day event needs")
        }
        return unit == "W" ? count * 7 : count
    }

    /// SUMMARY text with `\,` `\;` `\n` `\\` unescaped.
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n", "N": result.append("\n")
                case ",", ";", "\\": result.append(character)
                default: result.append("\\"); result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }

    /// The holidays of the finished event.
    func holidays() throws(ICalendarError) -> [Holiday] {
        guard let start else {
            throw ICalendarError(code: .missingStart, line: line, message: "the VEVENT begun here has no DTSTART: a holiday needs its date")
        }
        var length = 1
        if let end {
            if let duration {
                throw ICalendarError(code: .conflict, line: duration.line, message: "DURATION and DTEND (line \(end.line)) in one VEVENT: give one of them")
            }
            guard end.date > start.date else {
                throw ICalendarError(
                    code: .badDate, line: end.line,
                    message: "DTEND \(end.date) is not after DTSTART \(start.date) (line \(start.line)): DTEND is the first day after the event")
            }
            length = end.date.dayNumber - start.date.dayNumber
        } else if let duration {
            length = duration.days
        }
        guard length <= 366 else {
            throw ICalendarError(code: .badDate, line: end?.line ?? duration?.line ?? line, message: "the event lasts \(length) days: a holiday event may last at most 366")
        }
        let name = summary.flatMap { $0.isEmpty ? nil : $0 }
        let days = (0..<length).map { start.date.adding(days: $0) }
        guard let rule else { return days.map { Holiday(.date($0), name: name) } }

        let lastYear = try yearlyRule(rule, start: start.date)
        if length > 1, days.dropLast().contains(where: { $0.month == 2 && $0.day >= 28 }) {
            throw ICalendarError(
                code: .unsupported, line: rule.line,
                message: "a yearly event of several days across the end of February is not supported (its days shift in leap years): split it into one-day events")
        }
        return days.map { day in
            Holiday(.yearly(month: day.month, day: day.day, from: day.year, until: lastYear.map { $0 + day.year - start.date.year }), name: name)
        }
    }

    /// Checks a yearly RRULE and returns the year of its last occurrence (`nil`: for ever).
    func yearlyRule(_ rule: (text: String, line: Int), start: LocalDate) throws(ICalendarError) -> Int? {
        func fail(_ code: ICalendarError.Code, _ message: String) -> ICalendarError {
            ICalendarError(code: code, line: rule.line, message: message)
        }
        var frequency: String?
        var until: LocalDate?
        var count: Int?
        for part in rule.text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces.uppercased() }
            guard pieces.count == 2 else { throw fail(.syntax, "RRULE part `\(part)` is not NAME=VALUE") }
            let (key, value) = (pieces[0], pieces[1])
            switch key {
            case "FREQ":
                guard value == "YEARLY" else {
                    throw fail(.unsupported, "RRULE FREQ=\(value) is not supported: holidays repeat with FREQ=YEARLY only")
                }
                frequency = value
            case "INTERVAL":
                guard value == "1" else { throw fail(.unsupported, "RRULE INTERVAL=\(value) is not supported: a yearly holiday repeats every year (INTERVAL=1)") }
            case "UNTIL":
                let datePart = value.split(separator: "T", maxSplits: 1).first.map(String.init) ?? ""
                guard datePart.count == 8, let date = LocalDate(datePart) else {
                    throw fail(.badDate, "RRULE UNTIL=\(value) is not a date: expected YYYYMMDD")
                }
                guard count == nil else { throw fail(.conflict, "RRULE has both UNTIL and COUNT: give one of them") }
                until = date
            case "COUNT":
                guard let number = Int(value), number > 0 else { throw fail(.syntax, "RRULE COUNT=\(value) is not a positive whole number") }
                guard until == nil else { throw fail(.conflict, "RRULE has both UNTIL and COUNT: give one of them") }
                count = number
            case "BYMONTH" where Int(value) == start.month, "BYMONTHDAY" where Int(value) == start.day:
                break  // repeats what DTSTART says
            case "WKST":
                break  // no effect on a yearly rule without BYWEEKNO
            default:
                throw fail(.unsupported, "RRULE part \(key)=\(value) is not supported: a yearly holiday falls on its DTSTART's month and day")
            }
        }
        guard frequency != nil else { throw fail(.syntax, "RRULE without FREQ: expected RRULE:FREQ=YEARLY") }
        let leapOnly = start.month == 2 && start.day == 29
        if let until {
            guard until >= start else {
                throw fail(.badDate, "RRULE UNTIL=\(until) is before DTSTART \(start): the holiday would never fall")
            }
            var year = (until.month, until.day) >= (start.month, start.day) ? until.year : until.year - 1
            if leapOnly { while !LocalDate.isLeap(year) { year -= 1 } }
            return year
        }
        if let count {
            guard leapOnly else { return start.year + count - 1 }
            var year = start.year, found = 1
            while found < count {
                year += 1
                if LocalDate.isLeap(year) { found += 1 }
            }
            return year
        }
        return nil
    }
}
