import TenetCalendar
import TenetModels
import TenetYAML

extension PhilosophyParser {
    static let scheduleKeys = ["zone", "weekly", "holidays", "holiday_files", "overrides", "versions", "description"]
    static let holidayKeys = ["date", "yearly", "name", "from", "until"]
    static let overrideKeys = ["date", "hours", "closed", "name"]
    static let versionKeys = ["from", "weekly"]
    static let coverageKeys = ["where", "schedule"]

    // MARK: Schedules

    mutating func readSchedules(_ node: YAMLNode) {
        guard let fields = reader.fields(node, "schedules") else { return }
        for entry in fields.entries {
            let path = fields.field(entry.key)
            guard checkIdentifier(entry.key, at: entry.keyPosition, path, what: "schedule") else { continue }
            if entry.key == Schedule.always.name {
                reader.error(
                    .duplicateName, at: entry.keyPosition, field: path,
                    "`always` is the built-in 24/7 schedule: give yours another name")
                continue
            }
            guard let scheduleFields = reader.fields(entry.value, path, allowed: Self.scheduleKeys, required: ["zone", "weekly"]) else {
                continue
            }
            var failed = false
            let zone = scheduleFields["zone"].flatMap { readZone($0, scheduleFields.field("zone")) }
            if zone == nil { failed = true }
            var versions: [ScheduleVersion] = []
            if let weekly = scheduleFields["weekly"] {
                if let hours = readWeekly(weekly, scheduleFields.field("weekly")) {
                    versions.append(ScheduleVersion(effective: nil, weekly: hours))
                } else {
                    failed = true
                }
            }
            if let node = scheduleFields["versions"], let list = reader.list(node, scheduleFields.field("versions")) {
                var previous: LocalDate?
                for (index, item) in list.enumerated() {
                    let itemPath = "\(scheduleFields.field("versions"))[\(index)]"
                    guard let versionFields = reader.fields(item, itemPath, allowed: Self.versionKeys, required: Self.versionKeys),
                        let fromNode = versionFields["from"], let weeklyNode = versionFields["weekly"]
                    else {
                        failed = true
                        continue
                    }
                    let date = readDate(fromNode, versionFields.field("from"))
                    let hours = readWeekly(weeklyNode, versionFields.field("weekly"))
                    guard let date, let hours else {
                        failed = true
                        continue
                    }
                    if let previous, date <= previous {
                        reader.error(
                            .invalidValue, at: fromNode.position, field: versionFields.field("from"),
                            "versions must be in date order: \(date) is not after the previous version's \(previous)")
                        failed = true
                    }
                    previous = date
                    versions.append(ScheduleVersion(effective: date, weekly: hours))
                }
            }
            var holidays: [Holiday] = []
            if let node = scheduleFields["holidays"] {
                if let read = readHolidays(node, scheduleFields.field("holidays")) { holidays += read } else { failed = true }
            }
            if let node = scheduleFields["holiday_files"], let list = reader.list(node, scheduleFields.field("holiday_files"), single: true) {
                for (index, item) in list.enumerated() {
                    let itemPath = node.items == nil ? scheduleFields.field("holiday_files") : "\(scheduleFields.field("holiday_files"))[\(index)]"
                    if let read = readHolidayFile(item, itemPath) { holidays += read } else { failed = true }
                }
            }
            var overrides: [DateOverride] = []
            if let node = scheduleFields["overrides"] {
                if let read = readOverrides(node, scheduleFields.field("overrides")) { overrides = read } else { failed = true }
            }
            guard !failed, let zone else { continue }
            let schedule = Schedule(name: entry.key, zone: zone, versions: versions, holidays: holidays, overrides: overrides)
            do {
                // The calendar's own checks, so that what passes here also compiles for the plugins.
                _ = try BusinessCalendar(schedule)
            } catch {
                reader.error(.invalidValue, at: entry.keyPosition, field: path, "schedule `\(entry.key)`: \(error.message)")
                continue
            }
            philosophy.schedules.append(schedule)
        }
    }

    /// Reads `{ mon-fri: ["09:00-17:00"], sat: [] }`.
    mutating func readWeekly(_ node: YAMLNode, _ path: String) -> WeeklyHours? {
        guard let fields = reader.fields(node, path) else { return nil }
        var hours = WeeklyHours()
        var given: [Weekday: String] = [:]
        var keyPositions: [Weekday: YAMLPosition] = [:]
        var failed = false
        for entry in fields.entries {
            let dayPath = fields.field(entry.key)
            guard let days = Weekday.days(named: entry.key) else {
                reader.error(
                    .invalidValue, at: entry.keyPosition, field: dayPath,
                    "`\(entry.key.excerpt)` is not a day or a range of days (mon … sun, `mon-fri`, `sat,sun`, `daily`, `weekdays`, `weekends`)")
                failed = true
                continue
            }
            for day in days {
                if let previous = given[day] {
                    reader.error(
                        .invalidValue, at: entry.keyPosition, field: dayPath,
                        "\(day) is already given by `\(previous)`: each day may appear once")
                    failed = true
                }
                given[day] = entry.key
                keyPositions[day] = entry.keyPosition
            }
            guard let intervals = readIntervals(entry.value, dayPath) else {
                failed = true
                continue
            }
            for day in days { hours[day] = intervals }
        }
        // An overnight shift must not run into the next day's first interval.
        for day in Weekday.allCases {
            guard let overnight = hours[day].last(where: \.isOvernight), let next = hours[day.next].first,
                next.start.minutes < overnight.end.minutes
            else { continue }
            reader.error(
                .invalidValue, at: keyPositions[day] ?? node.position, field: fields.field(given[day] ?? ""),
                "the overnight interval \(day) \(overnight) overlaps \(day.next) \(next): end it by \(next.start) or start \(day.next) later")
            failed = true
        }
        return failed ? nil : hours
    }

    /// Reads `["09:00-12:00", "13:00-17:00"]`: sorted, not overlapping.
    mutating func readIntervals(_ node: YAMLNode, _ path: String) -> [DailyInterval]? {
        guard let items = reader.list(node, path, single: true) else { return nil }
        var intervals: [(DailyInterval, YAMLNode)] = []
        var failed = false
        for (index, item) in items.enumerated() {
            let itemPath = node.items == nil ? path : "\(path)[\(index)]"
            guard let text = reader.text(item, itemPath) else {
                failed = true
                continue
            }
            if let interval = DailyInterval(text) {
                intervals.append((interval, item))
                continue
            }
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { String($0.trimmingSpaces) }
            let reason: String
            if parts.count != 2 {
                reason = "`\(text.excerpt)` is not an interval: write `HH:MM-HH:MM`, such as `09:00-17:00` (overnight: `22:00-06:00`)"
            } else if let bad = parts.first(where: { LocalTime($0) == nil }) {
                reason = "`\(bad.excerpt)` in `\(text.excerpt)` is not a time of day (00:00 … 23:59, and 24:00 as an end)"
            } else {
                reason = "`\(text.excerpt)` is empty or opens at 24:00: use `00:00-24:00` for a whole day"
            }
            reader.error(.invalidValue, at: item.position, field: itemPath, reason)
            failed = true
        }
        let sorted = intervals.sorted { $0.0.start < $1.0.start }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.0.minuteRange.upperBound > later.0.start.minutes {
            reader.error(
                .invalidValue, at: later.1.position, field: path,
                "`\(later.0)` overlaps `\(earlier.0)`: intervals of one day must not overlap (merge them into one)")
            failed = true
        }
        if sorted.filter(\.0.isOvernight).count > 1 {
            reader.error(.invalidValue, at: node.position, field: path, "only one interval a day may run past midnight")
            failed = true
        }
        if let overnight = sorted.last(where: { $0.0.isOvernight }), let first = sorted.first, first.0 != overnight.0,
            overnight.0.end.minutes > first.0.start.minutes
        {
            reader.error(
                .invalidValue, at: overnight.1.position, field: path,
                "the overnight interval `\(overnight.0)` wraps round into `\(first.0)`")
            failed = true
        }
        return failed ? nil : sorted.map(\.0)
    }

    mutating func readDate(_ node: YAMLNode, _ path: String) -> LocalDate? {
        guard let text = reader.text(node, path) else { return nil }
        guard text.count == 10, let date = LocalDate(text) else {
            reader.error(.invalidValue, at: node.position, field: path, "`\(path)`: `\(text.excerpt)` is not a date (YYYY-MM-DD, such as 2026-12-25)")
            return nil
        }
        return date
    }

    mutating func readHolidays(_ node: YAMLNode, _ path: String) -> [Holiday]? {
        guard let items = reader.list(node, path) else { return nil }
        var holidays: [Holiday] = []
        var failed = false
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            if item.scalar != nil {
                if let date = readDate(item, itemPath) { holidays.append(Holiday(.date(date))) } else { failed = true }
                continue
            }
            guard let fields = reader.fields(item, itemPath, allowed: Self.holidayKeys) else {
                failed = true
                continue
            }
            let name = fields["name"].flatMap { reader.text($0, fields.field("name")) }
            if let dateNode = fields["date"] {
                if fields.has("yearly") || fields.has("from") || fields.has("until") {
                    reader.error(
                        .invalidValue, at: item.position, field: itemPath,
                        "a holiday is either one `date` or `yearly` (with `from`/`until`), not both")
                    failed = true
                } else if let date = readDate(dateNode, fields.field("date")) {
                    holidays.append(Holiday(.date(date), name: name))
                } else {
                    failed = true
                }
            } else if let yearlyNode = fields["yearly"], let text = reader.text(yearlyNode, fields.field("yearly")) {
                let parts = text.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 2, text.count == 5, LocalDate(year: 2000, month: parts[0], day: parts[1]) != nil else {
                    reader.error(
                        .invalidValue, at: yearlyNode.position, field: fields.field("yearly"),
                        "`\(text.excerpt)` is not a month and day (MM-DD, such as 12-25)")
                    failed = true
                    continue
                }
                let from = fields["from"].flatMap { reader.integer($0, fields.field("from"), range: 1...9999) } ?? 1
                let until = fields["until"].flatMap { reader.integer($0, fields.field("until"), range: 1...9999) }
                if let until, until < from {
                    reader.error(.invalidValue, at: item.position, field: fields.field("until"), "`until` (\(until)) is before `from` (\(from))")
                    failed = true
                    continue
                }
                holidays.append(Holiday(.yearly(month: parts[0], day: parts[1], from: from, until: until), name: name))
            } else if !fields.has("yearly") {
                reader.error(.missingKey, at: item.position, field: itemPath, "a holiday needs a `date` (or `yearly: MM-DD`)")
                failed = true
            } else {
                failed = true
            }
        }
        return failed ? nil : holidays
    }

    mutating func readHolidayFile(_ node: YAMLNode, _ path: String) -> [Holiday]? {
        guard let file = reader.nonEmptyText(node, path) else { return nil }
        switch readFile(file) {
        case .failure(let failure):
            reader.error(.unknownReference, at: node.position, field: path, failure.description)
            return nil
        case .success(let text):
            do {
                return try ICalendarHolidays.parse(text)
            } catch {
                reader.error(.invalidValue, at: node.position, field: path, "\(file):\(error.line): \(error.message)")
                return nil
            }
        }
    }

    mutating func readOverrides(_ node: YAMLNode, _ path: String) -> [DateOverride]? {
        guard let items = reader.list(node, path) else { return nil }
        var overrides: [DateOverride] = []
        var seen: [LocalDate: Int] = [:]
        var failed = false
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let fields = reader.fields(item, itemPath, allowed: Self.overrideKeys, required: ["date"]),
                let dateNode = fields["date"], let date = readDate(dateNode, fields.field("date"))
            else {
                failed = true
                continue
            }
            if let previous = seen[date] {
                reader.error(
                    .duplicateName, at: dateNode.position, field: fields.field("date"),
                    "\(date) already has an override (\(path)[\(previous)]): one per date")
                failed = true
            }
            seen[date] = index
            let closed = fields["closed"].flatMap { reader.bool($0, fields.field("closed")) } ?? false
            switch (fields["hours"], closed) {
            case (let hours?, false):
                if let intervals = readIntervals(hours, fields.field("hours")) {
                    overrides.append(DateOverride(date: date, intervals: intervals))
                } else {
                    failed = true
                }
            case (nil, true):
                overrides.append(DateOverride(date: date, intervals: []))
            case (.some, true):
                reader.error(.invalidValue, at: item.position, field: itemPath, "an override has either `hours` or `closed: true`, not both")
                failed = true
            case (nil, false):
                reader.error(
                    .missingKey, at: item.position, field: itemPath,
                    "an override needs `hours: [\"10:00-14:00\"]` (a special opening) or `closed: true`")
                failed = true
            }
        }
        return failed ? nil : overrides
    }

    // MARK: Coverage

    mutating func readCoverage(_ node: YAMLNode) {
        guard let items = reader.list(node, "coverage") else { return }
        for (index, item) in items.enumerated() {
            let path = "coverage[\(index)]"
            guard let fields = reader.fields(item, path, allowed: Self.coverageKeys, required: ["schedule"]),
                let scheduleNode = fields["schedule"], let schedule = readScheduleName(scheduleNode, fields.field("schedule"))
            else { continue }
            var filter = MetricFilter()
            if let whereNode = fields["where"] {
                guard let parsed = readFilter(whereNode, fields.field("where")) else { continue }
                filter = parsed
            }
            philosophy.coverage.append(CoverageRule(filter: filter, schedule: schedule, position: item.position))
        }
    }

    mutating func readScheduleName(_ node: YAMLNode, _ path: String) -> String? {
        guard let name = reader.text(node, path) else { return nil }
        guard name == Schedule.always.name || scheduleNames.contains(name) else {
            reader.error(
                .unknownReference, at: node.position, field: path,
                "unknown schedule `\(name.excerpt)`\(Suggestion.hint(for: name, among: scheduleNames + [Schedule.always.name])) (schedules: \((scheduleNames + [Schedule.always.name]).joined(separator: ", ")))")
            return nil
        }
        return name
    }
}
