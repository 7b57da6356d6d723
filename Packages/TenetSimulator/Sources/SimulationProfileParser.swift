import Foundation
import TenetCalendar
import TenetModels
import TenetYAML

/// Reads profile YAML into a ``SimulationProfile`` on top of a base (the standard profile), or
/// with every key required (the standard profile itself), recording every problem with its
/// line and column in ``reader``.
struct SimulationProfileParser {
    /// The findings.
    var reader = YAMLFieldReader()
    /// Whether every key must be given (only for the standard profile's own text).
    let requireAll: Bool
    /// The profile read so far.
    var profile: SimulationProfile
    /// Where each channel's routing is written, for the check against the teams.
    private var routingPositions: [YAMLPosition] = Array(repeating: .file, count: SimulatedChannel.allCases.count)
    private var teamsPosition = YAMLPosition.file

    static let topKeys = [
        "version", "zone", "currency", "arrivals", "customers", "teams", "shifts", "phone", "chat", "tickets", "flow", "surveys",
        "qa", "extra_events", "employees", "scenarios",
    ]

    init(base: SimulationProfile?) {
        requireAll = base == nil
        profile = base ?? .blank
    }

    private func required(_ keys: [String]) -> [String] { requireAll ? keys : [] }

    mutating func read(_ text: String) -> SimulationProfile? {
        let root: YAMLNode
        do {
            guard let node = try YAMLReader.parse(text) else { return profile }
            root = node
        } catch {
            reader.error(error.code, at: error.position, field: "", error.code == .syntax ? "not valid YAML: \(error.message)" : error.message)
            return nil
        }
        guard let top = reader.fields(root, "", allowed: Self.topKeys, required: required(Self.topKeys)) else { return nil }
        if let node = top["version"], let number = reader.integer(node, "version", range: 0...Int.max), number != 1 {
            reader.error(.invalidValue, at: node.position, field: "version", "version \(number) is not supported: this Tenet reads version 1")
        }
        if let node = top["zone"], let zone = reader.nonEmptyText(node, "zone") {
            if TimeZone(identifier: zone) == nil {
                reader.error(.invalidValue, at: node.position, field: "zone", "`zone`: unknown time zone `\(zone.excerpt)`: give an IANA zone name such as `Europe/Berlin`")
            } else {
                profile.zone = zone
            }
        }
        if let node = top["currency"], let currency = reader.text(node, "currency") {
            if currency.utf8.count == 3 && currency.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
                profile.currency = currency
            } else {
                reader.error(.invalidValue, at: node.position, field: "currency", "`currency`: `\(currency.excerpt)` is not a three-letter code in capitals such as EUR")
            }
        }
        if let node = top["arrivals"] { readArrivals(node) }
        if let node = top["customers"] { readCustomers(node) }
        if let node = top["teams"] { readTeams(node) }
        if let node = top["shifts"] { readShifts(node) }
        if let node = top["phone"] { readPhone(node) }
        if let node = top["chat"] { readChat(node) }
        if let node = top["tickets"] { readTickets(node) }
        if let node = top["flow"] { readFlow(node) }
        if let node = top["surveys"] { readSurveys(node) }
        if let node = top["qa"] { readQA(node) }
        if let node = top["extra_events"] { readExtraEvents(node) }
        if let node = top["employees"] { readEmployees(node) }
        if let node = top["scenarios"] { readScenarios(node) }
        checkRouting(top)
        return profile
    }

    // MARK: Values

    /// A share: `35%` or a number in 0…1.
    mutating func share(_ node: YAMLNode, _ path: String) -> Double? {
        guard let text = reader.text(node, path) else { return nil }
        let trimmed = String(text.trimmingSpaces)
        var value: Double?
        if trimmed.hasSuffix("%") {
            value = YAMLScalar(text: String(trimmed.dropLast().trimmingSpaces), style: .plain).numberValue.map { $0 / 100 }
        } else {
            value = node.scalar?.numberValue
        }
        guard let value, value >= 0, value <= 1 else {
            reader.error(.invalidValue, at: node.position, field: path, "`\(path)`: `\(text.excerpt)` is not a share: write a percentage such as `35%` or a number from 0 to 1")
            return nil
        }
        return value
    }

    /// A number in `range`.
    mutating func number(_ node: YAMLNode, _ path: String, _ range: ClosedRange<Double>) -> Double? {
        reader.number(node, path, range: range)
    }

    /// A duration in seconds (at most `maximum` seconds).
    mutating func seconds(_ node: YAMLNode, _ path: String, positive: Bool = false) -> Double? {
        guard let duration = reader.duration(node, path) else { return nil }
        let (whole, attoseconds) = duration.components
        let value = Double(whole) + Double(attoseconds) / 1e18
        if positive && value <= 0 {
            reader.error(.invalidValue, at: node.position, field: path, "`\(path)` must be longer than 0s")
            return nil
        }
        return value
    }

    /// A duration distribution (see ``DurationDistribution``).
    mutating func distribution(_ node: YAMLNode, _ path: String) -> DurationDistribution? {
        if node.scalar != nil {
            return seconds(node, path).map { .fixed($0) }
        }
        guard let fields = reader.fields(node, path, allowed: ["mean", "median", "log_mean", "log_sd", "max"]) else { return nil }
        var maximum: Double?
        if let max = fields["max"] { maximum = seconds(max, fields.field("max"), positive: true) }
        let shape: DurationDistribution.Shape?
        if let mean = fields["mean"] {
            if fields.has("median") || fields.has("log_mean") || fields.has("log_sd") {
                reader.error(.invalidValue, at: fields.keyPosition("mean"), field: fields.field("mean"), "\(describe(path)): `mean` (exponential) cannot go with `median`, `log_mean` or `log_sd` (log-normal)")
                return nil
            }
            shape = seconds(mean, fields.field("mean"), positive: true).map { .exponential(mean: $0) }
        } else if let sd = fields["log_sd"] {
            let logSD = number(sd, fields.field("log_sd"), 0...5)
            var logMean: Double?
            if let median = fields["median"], !fields.has("log_mean") {
                logMean = seconds(median, fields.field("median"), positive: true).map { log($0) }
            } else if let mean = fields["log_mean"], !fields.has("median") {
                logMean = number(mean, fields.field("log_mean"), -20...20)
            } else {
                reader.error(.missingKey, at: node.position, field: path, "\(describe(path)) needs one of `median` and `log_mean` beside `log_sd`")
                return nil
            }
            guard let logMean, let logSD else { return nil }
            shape = .logNormal(logMean: logMean, logSD: logSD)
        } else {
            reader.error(.missingKey, at: node.position, field: path, "\(describe(path)) needs `mean` (exponential) or `median`/`log_mean` and `log_sd` (log-normal), or is a plain duration")
            return nil
        }
        guard let shape else { return nil }
        return DurationDistribution(shape, maximum: maximum)
    }

    /// Named shares adding up to 100% (names among `allowed` when given), in the order written.
    mutating func mix(_ node: YAMLNode, _ path: String, allowed: [String]? = nil) -> Mix? {
        guard let fields = reader.fields(node, path, allowed: allowed) else { return nil }
        var weights: [(String, Double)] = []
        var failed = false
        for entry in fields.entries {
            if let value = share(entry.value, fields.field(entry.key)) { weights.append((entry.key, value)) } else { failed = true }
        }
        guard !failed else { return nil }
        guard sumsToOne(weights.map(\.1), at: node.position, path) else { return nil }
        return Mix(weights)
    }

    /// A list of exactly `count` shares adding up to 100%.
    mutating func shares(_ node: YAMLNode, _ path: String, count: Int) -> [Double]? {
        guard let items = reader.list(node, path) else { return nil }
        guard items.count == count else {
            reader.error(.invalidValue, at: node.position, field: path, "\(describe(path)) needs \(count) shares, not \(items.count)")
            return nil
        }
        var values: [Double] = []
        for (index, item) in items.enumerated() {
            guard let value = share(item, "\(path)[\(index)]") else { return nil }
            values.append(value)
        }
        return sumsToOne(values, at: node.position, path) ? values : nil
    }

    private mutating func sumsToOne(_ values: [Double], at position: YAMLPosition, _ path: String) -> Bool {
        let total = values.reduce(0, +)
        guard abs(total - 1) <= 0.0015 else {
            reader.error(.invalidValue, at: position, field: path, "\(describe(path)): the shares add up to \(Self.percent(total)), not 100%")
            return false
        }
        return true
    }

    static func percent(_ value: Double) -> String {
        let tenths = (value * 1000).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
    }

    /// A list of exactly `count` numbers in `range`.
    mutating func numbers(_ node: YAMLNode, _ path: String, count: Int, _ range: ClosedRange<Double>) -> [Double]? {
        guard let items = reader.list(node, path) else { return nil }
        guard items.count == count else {
            reader.error(.invalidValue, at: node.position, field: path, "\(describe(path)) needs \(count) numbers, not \(items.count)")
            return nil
        }
        var values: [Double] = []
        for (index, item) in items.enumerated() {
            guard let value = number(item, "\(path)[\(index)]", range) else { return nil }
            values.append(value)
        }
        return values
    }

    /// Per-experience values: a mapping with `good`, `long_wait` and `reopened`.
    mutating func byExperience<Value>(
        _ node: YAMLNode, _ path: String, _ read: (inout SimulationProfileParser, YAMLNode, String) -> Value?
    ) -> [Value]? {
        let names = Experience.allCases.map(\.rawValue)
        guard let fields = reader.fields(node, path, allowed: names, required: names) else { return nil }
        var values: [Value] = []
        for name in names {
            guard let child = fields[name], let value = read(&self, child, fields.field(name)) else { return nil }
            values.append(value)
        }
        return values
    }

    /// Weekly hours: `{ mon-fri: ["08:00-18:00"], sat: [...] }`.
    mutating func weekly(_ node: YAMLNode, _ path: String) -> WeeklyHours? {
        guard let fields = reader.fields(node, path) else { return nil }
        var hours = WeeklyHours()
        var given = Set<Weekday>()
        for entry in fields.entries {
            let field = fields.field(entry.key)
            guard let days = Weekday.days(named: entry.key) else {
                reader.error(.invalidValue, at: entry.keyPosition, field: field, "\(describe(path)): `\(entry.key.excerpt)` is not a day or a range of days such as `mon-fri` or `sat`")
                continue
            }
            guard let texts = reader.texts(entry.value, field) else { continue }
            var intervals: [DailyInterval] = []
            for text in texts {
                guard let interval = DailyInterval(text) else {
                    reader.error(.invalidValue, at: entry.value.position, field: field, "`\(field)`: `\(text.excerpt)` is not an interval such as `08:00-18:00`")
                    continue
                }
                intervals.append(interval)
            }
            for day in days {
                if given.contains(day) {
                    reader.error(.invalidValue, at: entry.keyPosition, field: field, "\(describe(path)): \(day.shortName) is given twice")
                }
                given.insert(day)
                hours[day] = intervals
            }
        }
        return hours
    }

    func describe(_ path: String) -> String { "`\(path)`" }

    // MARK: Sections

    mutating func readArrivals(_ node: YAMLNode) {
        let keys = [
            "rates", "hour_weights", "day_weights", "month_weights", "week_weights", "holidays", "holiday_volume", "routing", "priorities",
            "segments", "languages",
        ]
        guard let fields = reader.fields(node, "arrivals", allowed: keys, required: required(keys)) else { return }
        let channelNames = SimulatedChannel.allCases.map(\.rawValue)
        if let rates = fields["rates"], let entries = reader.fields(rates, "arrivals.rates", allowed: channelNames) {
            var values = requireAll ? Array(repeating: 0.0, count: channelNames.count) : profile.arrivals.rates
            for entry in entries.entries {
                if let value = number(entry.value, entries.field(entry.key), 0...1_000_000) {
                    values[SimulatedChannel(rawValue: entry.key)!.index] = value
                }
            }
            profile.arrivals.rates = values
        }
        if let weights = fields["hour_weights"], let entries = reader.fields(weights, "arrivals.hour_weights", allowed: ["all"] + channelNames) {
            var all: [Double]?
            if let node = entries["all"] { all = numbers(node, entries.field("all"), count: 24, 0...1000) }
            var perChannel = profile.arrivals.hourWeights
            if let all { perChannel = Array(repeating: all, count: channelNames.count) }
            for channel in SimulatedChannel.allCases {
                if let node = entries[channel.rawValue], let values = numbers(node, entries.field(channel.rawValue), count: 24, 0...1000) {
                    perChannel[channel.index] = values
                }
            }
            if requireAll && all == nil {
                reader.error(.missingKey, at: weights.position, field: "arrivals.hour_weights.all", "`arrivals.hour_weights` needs `all`")
            }
            profile.arrivals.hourWeights = perChannel
        }
        if let days = fields["day_weights"] {
            let names = Weekday.allCases.map(\.shortName)
            if let entries = reader.fields(days, "arrivals.day_weights", allowed: names, required: names) {
                var values = profile.arrivals.dayWeights
                for day in Weekday.allCases {
                    if let node = entries[day.shortName], let value = number(node, entries.field(day.shortName), 0...1000) {
                        values[day.rawValue - 1] = value
                    }
                }
                profile.arrivals.dayWeights = values
            }
        }
        if let months = fields["month_weights"], let values = numbers(months, "arrivals.month_weights", count: 12, 0...1000) {
            profile.arrivals.monthWeights = values
        }
        if let weeks = fields["week_weights"], let entries = reader.fields(weeks, "arrivals.week_weights") {
            var values = Array(repeating: 1.0, count: 53)
            for entry in entries.entries {
                guard let week = Int(entry.key), (1...53).contains(week) else {
                    reader.error(.invalidValue, at: entry.keyPosition, field: entries.field(entry.key), "`arrivals.week_weights`: `\(entry.key.excerpt)` is not an ISO week number 1…53")
                    continue
                }
                if let value = number(entry.value, entries.field(entry.key), 0...1000) { values[week - 1] = value }
            }
            profile.arrivals.weekWeights = values
        }
        if let holidays = fields["holidays"], let items = reader.list(holidays, "arrivals.holidays") {
            var dates: [LocalDate] = []
            for (index, item) in items.enumerated() {
                let path = "arrivals.holidays[\(index)]"
                guard let text = reader.text(item, path) else { continue }
                guard let date = LocalDate(text) else {
                    reader.error(.invalidValue, at: item.position, field: path, "`\(path)`: `\(text.excerpt)` is not a date such as 2026-12-25")
                    continue
                }
                dates.append(date)
            }
            profile.arrivals.holidays = dates
        }
        if let volume = fields["holiday_volume"], let value = share(volume, "arrivals.holiday_volume") { profile.arrivals.holidayVolume = value }
        if let routing = fields["routing"], let entries = reader.fields(routing, "arrivals.routing", allowed: channelNames) {
            for entry in entries.entries {
                let channel = SimulatedChannel(rawValue: entry.key)!
                if let mix = mix(entry.value, entries.field(entry.key)) {
                    profile.arrivals.routing[channel.index] = mix
                    routingPositions[channel.index] = entry.keyPosition
                }
            }
            if requireAll {
                for channel in SimulatedChannel.allCases where !entries.has(channel.rawValue) {
                    reader.error(.missingKey, at: routing.position, field: "arrivals.routing.\(channel.rawValue)", "`arrivals.routing` needs `\(channel.rawValue)`")
                }
            }
        }
        if let node = fields["priorities"], let mix = mix(node, "arrivals.priorities", allowed: SimulatedPriority.allCases.map(\.rawValue)) {
            profile.arrivals.priorities = mix
        }
        if let node = fields["segments"], let mix = mix(node, "arrivals.segments") { profile.arrivals.segments = mix }
        if let node = fields["languages"], let mix = mix(node, "arrivals.languages") { profile.arrivals.languages = mix }
    }

    mutating func readCustomers(_ node: YAMLNode) {
        let keys = [
            "initial", "history", "new_per_day", "sources", "owners", "monthly_churn", "repeat_share", "repeat_window", "orders_per_month", "order_amount",
        ]
        guard let fields = reader.fields(node, "customers", allowed: keys, required: required(keys)) else { return }
        if let node = fields["initial"], let value = reader.integer(node, "customers.initial", range: 0...50_000_000) { profile.customers.initial = value }
        if let node = fields["history"], let value = seconds(node, "customers.history", positive: true) { profile.customers.history = value }
        if let node = fields["new_per_day"], let value = number(node, "customers.new_per_day", 0...10_000_000) { profile.customers.newPerDay = value }
        if let node = fields["sources"], let mix = mix(node, "customers.sources") { profile.customers.sources = mix }
        if let node = fields["owners"], let mix = mix(node, "customers.owners") { profile.customers.owners = mix }
        if let node = fields["monthly_churn"], let value = share(node, "customers.monthly_churn") { profile.customers.monthlyChurn = value }
        if let node = fields["repeat_share"], let value = share(node, "customers.repeat_share") { profile.customers.repeatShare = value }
        if let node = fields["repeat_window"], let value = seconds(node, "customers.repeat_window", positive: true) {
            profile.customers.repeatWindow = value
        }
        if let node = fields["orders_per_month"], let value = number(node, "customers.orders_per_month", 0...10_000) {
            profile.customers.ordersPerMonth = value
        }
        if let node = fields["order_amount"], let amount = reader.fields(node, "customers.order_amount", allowed: ["median", "log_sd"], required: ["median", "log_sd"]),
            let median = amount["median"].flatMap({ number($0, "customers.order_amount.median", 0.01...1e9) }),
            let sd = amount["log_sd"].flatMap({ number($0, "customers.order_amount.log_sd", 0...5) })
        {
            profile.customers.orderAmountLogMean = log(median)
            profile.customers.orderAmountLogSD = sd
        }
    }

    mutating func readTeams(_ node: YAMLNode) {
        teamsPosition = node.position
        guard let teams = reader.fields(node, "teams") else { return }
        var staffing: [SimulationProfile.Staffing] = []
        for team in teams.entries {
            let path = teams.field(team.key)
            guard let groups = reader.fields(team.value, path, allowed: AgentGroup.allCases.map(\.rawValue)) else { continue }
            for entry in groups.entries {
                let group = AgentGroup(rawValue: entry.key)!
                let groupPath = groups.field(entry.key)
                let allowed = group == .chat ? ["agents", "concurrency"] : ["agents"]
                guard let fields = reader.fields(entry.value, groupPath, allowed: allowed, required: ["agents"]),
                    let agents = fields["agents"].flatMap({ reader.integer($0, fields.field("agents"), range: 0...100_000) })
                else { continue }
                var concurrency = 1
                if let node = fields["concurrency"], let value = reader.integer(node, fields.field("concurrency"), range: 1...20) { concurrency = value }
                staffing.append(SimulationProfile.Staffing(team: team.key, group: group, agents: agents, concurrency: concurrency, position: team.keyPosition))
            }
        }
        profile.staffing = staffing
    }

    mutating func readShifts(_ node: YAMLNode) {
        let keys = ["length", "days_per_week", "breaks", "break_jitter", "hours"]
        guard let fields = reader.fields(node, "shifts", allowed: keys, required: required(keys)) else { return }
        if let node = fields["length"], let value = seconds(node, "shifts.length", positive: true) {
            if value > 86_400 {
                reader.error(.invalidValue, at: node.position, field: "shifts.length", "`shifts.length` is longer than a day")
            } else {
                profile.shifts.length = value
            }
        }
        if let node = fields["days_per_week"], let value = reader.integer(node, "shifts.days_per_week", range: 1...7) { profile.shifts.daysPerWeek = value }
        if let node = fields["breaks"], let items = reader.list(node, "shifts.breaks") {
            var breaks: [SimulationProfile.Shifts.Break] = []
            for (index, item) in items.enumerated() {
                let path = "shifts.breaks[\(index)]"
                guard let entry = reader.fields(item, path, allowed: ["after", "length"], required: ["after", "length"]),
                    let after = entry["after"].flatMap({ seconds($0, path + ".after") }),
                    let length = entry["length"].flatMap({ seconds($0, path + ".length", positive: true) })
                else { continue }
                breaks.append(.init(after: after, length: length))
            }
            profile.shifts.breaks = breaks
        }
        if let node = fields["break_jitter"], let value = seconds(node, "shifts.break_jitter") { profile.shifts.breakJitter = value }
        if let node = fields["hours"], let entries = reader.fields(node, "shifts.hours", allowed: AgentGroup.allCases.map(\.rawValue)) {
            for entry in entries.entries {
                if let hours = weekly(entry.value, entries.field(entry.key)) { profile.shifts.hours[AgentGroup(rawValue: entry.key)!.index] = hours }
            }
        }
    }

    mutating func readPhone(_ node: YAMLNode) {
        let keys = ["patience", "talk", "hold", "wrapup"]
        guard let fields = reader.fields(node, "phone", allowed: keys, required: required(keys)) else { return }
        if let node = fields["patience"], let value = distribution(node, "phone.patience") { profile.phone.patience = value }
        if let node = fields["talk"], let value = distribution(node, "phone.talk") { profile.phone.talk = value }
        if let node = fields["hold"], let hold = reader.fields(node, "phone.hold", allowed: ["share", "length"], required: required(["share", "length"])) {
            if let node = hold["share"], let value = share(node, "phone.hold.share") { profile.phone.holdShare = value }
            if let node = hold["length"], let value = distribution(node, "phone.hold.length") { profile.phone.hold = value }
        }
        if let node = fields["wrapup"], let value = distribution(node, "phone.wrapup") { profile.phone.wrapup = value }
    }

    mutating func readChat(_ node: YAMLNode) {
        let keys = ["bot", "patience", "talk", "wrapup", "exchanges"]
        guard let fields = reader.fields(node, "chat", allowed: keys, required: required(keys)) else { return }
        if let node = fields["bot"], let bot = reader.fields(node, "chat.bot", allowed: ["handoff", "duration"], required: required(["handoff", "duration"])) {
            if let node = bot["handoff"], let value = share(node, "chat.bot.handoff") { profile.chat.botHandoff = value }
            if let node = bot["duration"], let value = distribution(node, "chat.bot.duration") { profile.chat.botDuration = value }
        }
        if let node = fields["patience"], let value = distribution(node, "chat.patience") { profile.chat.patience = value }
        if let node = fields["talk"], let value = distribution(node, "chat.talk") { profile.chat.talk = value }
        if let node = fields["wrapup"], let value = distribution(node, "chat.wrapup") { profile.chat.wrapup = value }
        if let node = fields["exchanges"], let value = number(node, "chat.exchanges", 0...50) { profile.chat.exchanges = value }
    }

    mutating func readTickets(_ node: YAMLNode) {
        let keys = ["work", "pending", "customer_reply", "pending_timeout", "private_notes", "expedite"]
        guard let fields = reader.fields(node, "tickets", allowed: keys, required: required(keys)) else { return }
        if let node = fields["work"], let value = distribution(node, "tickets.work") { profile.tickets.work = value }
        if let node = fields["pending"], let value = share(node, "tickets.pending") { profile.tickets.pending = value }
        if let node = fields["customer_reply"],
            let reply = reader.fields(node, "tickets.customer_reply", allowed: ["share", "delay"], required: required(["share", "delay"]))
        {
            if let node = reply["share"], let value = share(node, "tickets.customer_reply.share") { profile.tickets.customerReplyShare = value }
            if let node = reply["delay"], let value = distribution(node, "tickets.customer_reply.delay") { profile.tickets.customerReplyDelay = value }
        }
        if let node = fields["pending_timeout"], let value = seconds(node, "tickets.pending_timeout", positive: true) {
            profile.tickets.pendingTimeout = value
        }
        if let node = fields["private_notes"], let value = share(node, "tickets.private_notes") { profile.tickets.privateNotes = value }
        if let node = fields["expedite"], let names = reader.list(node, "tickets.expedite") {
            var channels: [SimulatedChannel] = []
            for (index, item) in names.enumerated() {
                if let name = reader.choice(item, "tickets.expedite[\(index)]", among: SimulatedChannel.allCases.map(\.rawValue)) {
                    channels.append(SimulatedChannel(rawValue: name)!)
                }
            }
            profile.tickets.expedite = channels
        }
    }

    mutating func readFlow(_ node: YAMLNode) {
        let keys = ["transfer", "escalation", "escalation_delay", "reopen", "reopen_delay"]
        guard let fields = reader.fields(node, "flow", allowed: keys, required: required(keys)) else { return }
        if let node = fields["transfer"], let value = share(node, "flow.transfer") { profile.flow.transfer = value }
        if let node = fields["escalation"] {
            let names = SimulatedPriority.allCases.map(\.rawValue)
            if let entries = reader.fields(node, "flow.escalation", allowed: names, required: required(names)) {
                for priority in SimulatedPriority.allCases {
                    if let node = entries[priority.rawValue], let value = share(node, entries.field(priority.rawValue)) {
                        profile.flow.escalation[priority.index] = value
                    }
                }
            }
        }
        if let node = fields["escalation_delay"], let value = distribution(node, "flow.escalation_delay") { profile.flow.escalationDelay = value }
        if let node = fields["reopen"], let value = share(node, "flow.reopen") { profile.flow.reopen = value }
        if let node = fields["reopen_delay"], let value = distribution(node, "flow.reopen_delay") { profile.flow.reopenDelay = value }
    }

    mutating func readSurveys(_ node: YAMLNode) {
        let keys = ["long_wait", "csat", "nps", "ces"]
        guard let fields = reader.fields(node, "surveys", allowed: keys, required: required(keys)) else { return }
        if let node = fields["long_wait"],
            let wait = reader.fields(node, "surveys.long_wait", allowed: ["live", "tickets"], required: required(["live", "tickets"]))
        {
            if let node = wait["live"], let value = seconds(node, "surveys.long_wait.live") { profile.surveys.longWaitLive = value }
            if let node = wait["tickets"], let value = seconds(node, "surveys.long_wait.tickets") { profile.surveys.longWaitTickets = value }
        }
        if let node = fields["csat"] { profile.surveys.csat = readSurvey(node, "surveys.csat", profile.surveys.csat) }
        if let node = fields["nps"] { profile.surveys.nps = readSurvey(node, "surveys.nps", profile.surveys.nps) }
        if let node = fields["ces"] { profile.surveys.ces = readSurvey(node, "surveys.ces", profile.surveys.ces) }
    }

    mutating func readSurvey(_ node: YAMLNode, _ path: String, _ base: SimulationProfile.Surveys.Survey) -> SimulationProfile.Surveys.Survey {
        var survey = base
        let keys = ["send", "delay", "response", "scores"]
        guard let fields = reader.fields(node, path, allowed: keys, required: required(keys)) else { return survey }
        if let node = fields["send"], let value = share(node, path + ".send") { survey.send = value }
        if let node = fields["delay"], let value = distribution(node, path + ".delay") { survey.delay = value }
        if let node = fields["response"], let values = byExperience(node, path + ".response", { $0.share($1, $2) }) { survey.response = values }
        let count = survey.scores.first?.count ?? 0
        if let node = fields["scores"], let values = byExperience(node, path + ".scores", { $0.shares($1, $2, count: count) }) { survey.scores = values }
        return survey
    }

    mutating func readQA(_ node: YAMLNode) {
        let keys = ["sample", "delay", "categories", "score"]
        guard let fields = reader.fields(node, "qa", allowed: keys, required: required(keys)) else { return }
        if let node = fields["sample"], let value = share(node, "qa.sample") { profile.qa.sample = value }
        if let node = fields["delay"], let value = distribution(node, "qa.delay") { profile.qa.delay = value }
        if let node = fields["categories"], let entries = reader.fields(node, "qa.categories") {
            var names: [String] = [], weights: [Double] = []
            for entry in entries.entries {
                if let weight = number(entry.value, entries.field(entry.key), 0.001...1000) {
                    names.append(entry.key)
                    weights.append(weight)
                }
            }
            if names.isEmpty {
                reader.error(.invalidValue, at: node.position, field: "qa.categories", "`qa.categories` needs at least one category")
            } else {
                profile.qa.categories = names
                profile.qa.weights = weights
            }
        }
        if let node = fields["score"],
            let values = byExperience(node, "qa.score", { parser, node, path -> (Double, Double)? in
                guard let entry = parser.reader.fields(node, path, allowed: ["mean", "sd"], required: ["mean", "sd"]),
                    let mean = entry["mean"].flatMap({ parser.number($0, path + ".mean", 0...100) }),
                    let sd = entry["sd"].flatMap({ parser.number($0, path + ".sd", 0...100) })
                else { return nil }
                return (mean, sd)
            })
        {
            profile.qa.mean = values.map(\.0)
            profile.qa.sd = values.map(\.1)
        }
    }

    mutating func readExtraEvents(_ node: YAMLNode) {
        guard let items = reader.list(node, "extra_events") else { return }
        var events: [SimulationProfile.ExtraEvent] = []
        for (index, item) in items.enumerated() {
            let path = "extra_events[\(index)]"
            guard let fields = reader.fields(item, path, allowed: ["type", "per_week", "team", "attributes", "value"], required: ["type", "per_week"]),
                let type = fields["type"].flatMap({ reader.text($0, path + ".type") }),
                let perWeek = fields["per_week"].flatMap({ number($0, path + ".per_week", 0...1e9) })
            else { continue }
            guard case .extension? = EventType(rawValue: type) else {
                reader.error(.invalidValue, at: fields["type"]!.position, field: path + ".type", "`\(path).type`: `\(type.excerpt)` is not a type of your own: it must start with `x.` (docs/EVENTS.md)")
                continue
            }
            var event = SimulationProfile.ExtraEvent(
                type: type, perWeek: perWeek, team: nil, attributes: [], valueField: nil, valueFrom: 0, valueShares: [])
            if let node = fields["team"] { event.team = reader.nonEmptyText(node, path + ".team") }
            if let node = fields["attributes"], let entries = reader.fields(node, path + ".attributes") {
                for entry in entries.entries {
                    if let value = reader.text(entry.value, entries.field(entry.key)) { event.attributes.append((entry.key, value)) }
                }
            }
            if let node = fields["value"],
                let value = reader.fields(node, path + ".value", allowed: ["field", "from", "shares"], required: ["field", "shares"])
            {
                if let field = value["field"].flatMap({ reader.text($0, path + ".value.field") }) {
                    if field == "score" || (field.hasPrefix("attributes.") && field.count > "attributes.".count && !field.dropFirst(11).contains(".")) {
                        event.valueField = field
                    } else {
                        reader.error(.invalidValue, at: value["field"]!.position, field: path + ".value.field", "`\(path).value.field`: `\(field.excerpt)` must be `score` or `attributes.NAME`")
                    }
                }
                if let node = value["from"], let from = reader.integer(node, path + ".value.from", range: -1_000_000...1_000_000) { event.valueFrom = from }
                if let node = value["shares"], let list = node.items {
                    if let values = shares(node, path + ".value.shares", count: list.count) { event.valueShares = values }
                } else if let node = value["shares"] {
                    reader.expected("a list", node, path + ".value.shares")
                }
            }
            events.append(event)
        }
        profile.extraEvents = events
    }

    mutating func readEmployees(_ node: YAMLNode) {
        let keys = ["other_staff", "monthly_attrition", "team"]
        guard let fields = reader.fields(node, "employees", allowed: keys, required: required(["other_staff", "monthly_attrition"])) else { return }
        if let node = fields["other_staff"], let value = reader.integer(node, "employees.other_staff", range: 0...1_000_000) { profile.employees.otherStaff = value }
        if let node = fields["monthly_attrition"], let value = share(node, "employees.monthly_attrition") { profile.employees.monthlyAttrition = value }
        if let node = fields["team"] { profile.employees.team = reader.nonEmptyText(node, "employees.team") }
    }

    mutating func readScenarios(_ node: YAMLNode) {
        let keys = ScheduledScenario.names + ["schedule"]
        guard let fields = reader.fields(node, "scenarios", allowed: keys, required: required(keys)) else { return }
        if let node = fields["staff_shortage"],
            let entry = reader.fields(node, "scenarios.staff_shortage", allowed: ["absent"], required: required(["absent"])),
            let absent = entry["absent"].flatMap({ share($0, "scenarios.staff_shortage.absent") })
        {
            profile.scenarios.shortageAbsent = absent
        }
        if let node = fields["outage_spike"] {
            let names = ["volume", "ramp", "mix", "patience", "handling", "priorities"]
            if let entry = reader.fields(node, "scenarios.outage_spike", allowed: names, required: required(names)) {
                if let node = entry["volume"], let value = number(node, "scenarios.outage_spike.volume", 1...1000) { profile.scenarios.outageVolume = value }
                if let node = entry["ramp"], let value = seconds(node, "scenarios.outage_spike.ramp") { profile.scenarios.outageRamp = value }
                if let node = entry["mix"], let mix = mix(node, "scenarios.outage_spike.mix", allowed: SimulatedChannel.allCases.map(\.rawValue)) {
                    profile.scenarios.outageMix = SimulatedChannel.allCases.map { mix.share(of: $0.rawValue) }
                }
                if let node = entry["patience"], let value = number(node, "scenarios.outage_spike.patience", 0.01...1000) {
                    profile.scenarios.outagePatience = value
                }
                if let node = entry["handling"], let value = number(node, "scenarios.outage_spike.handling", 0.01...1000) {
                    profile.scenarios.outageHandling = value
                }
                if let node = entry["priorities"],
                    let mix = mix(node, "scenarios.outage_spike.priorities", allowed: SimulatedPriority.allCases.map(\.rawValue))
                {
                    profile.scenarios.outagePriorities = mix
                }
            }
        }
        if let node = fields["holiday"],
            let entry = reader.fields(node, "scenarios.holiday", allowed: ["volume", "staffing"], required: required(["volume", "staffing"]))
        {
            if let node = entry["volume"], let value = share(node, "scenarios.holiday.volume") { profile.scenarios.holidayVolume = value }
            if let node = entry["staffing"], let value = share(node, "scenarios.holiday.staffing") { profile.scenarios.holidayStaffing = value }
        }
        if let node = fields["schedule"], let items = reader.list(node, "scenarios.schedule") {
            var scheduled: [ScheduledScenario] = []
            for (index, item) in items.enumerated() {
                let path = "scenarios.schedule[\(index)]"
                guard let entry = reader.fields(item, path, allowed: ["name", "start", "duration"], required: ["name", "start"]),
                    let name = entry["name"].flatMap({ reader.text($0, path + ".name") }),
                    let startText = entry["start"].flatMap({ reader.text($0, path + ".start") })
                else { continue }
                guard let start = Timestamp(rfc3339: startText) else {
                    reader.error(.invalidValue, at: entry["start"]!.position, field: path + ".start", "`\(path).start`: `\(startText.excerpt)` is not an RFC 3339 time such as 2026-11-25T10:00:00+01:00")
                    continue
                }
                var duration: Duration?
                if let node = entry["duration"] {
                    guard let value = reader.duration(node, path + ".duration") else { continue }
                    duration = value
                }
                do {
                    scheduled.append(try ScheduledScenario(name: name, start: start, duration: duration))
                } catch {
                    let at = error.code == .unknownScenario ? entry["name"]!.position : (entry["duration"]?.position ?? item.position)
                    reader.error(error.code, at: at, field: path + "." + error.field, "`\(path)`: \(error.message)")
                }
            }
            profile.scenarios.schedule = scheduled
        }
    }

    // MARK: Checks across sections

    /// Every channel with a rate must go to teams that have agents who can take it: calls need
    /// phone agents; chats chat or ticket agents (who take the chats that came while the chat
    /// line was closed); the other channels ticket agents.
    mutating func checkRouting(_ top: YAMLFields) {
        for channel in SimulatedChannel.allCases where profile.arrivals.rates[channel.index] > 0 {
            let mix = profile.arrivals.routing[channel.index]
            let position = routingPositions[channel.index] == .file ? (top["arrivals"]?.position ?? .file) : routingPositions[channel.index]
            if mix.isEmpty {
                reader.error(.invalidValue, at: position, field: "arrivals.routing.\(channel.rawValue)", "`arrivals.routing.\(channel.rawValue)`: \(channel.rawValue) has a rate but no team to go to")
                continue
            }
            for (team, share) in zip(mix.names, mix.shares) where share > 0 {
                let groups = profile.staffing.filter { $0.team == team && $0.agents > 0 }.map(\.group)
                let able = channel == .phone ? groups.contains(.phone) : groups.contains(.tickets) || (channel == .chat && groups.contains(.chat))
                if !able {
                    let needs = channel == .phone ? "`phone`" : channel == .chat ? "`chat` or `tickets`" : "`tickets`"
                    reader.error(
                        .mismatch, at: position, field: "arrivals.routing.\(channel.rawValue).\(team)",
                        "`arrivals.routing.\(channel.rawValue)` sends \(channel.rawValue) to `\(team.excerpt)`, which has no \(needs) agents in `teams`")
                }
            }
        }
    }
}

extension SimulationProfile {
    /// A profile with every value empty: what the standard profile's text is read onto.
    static let blank = SimulationProfile(
        source: "", zone: "UTC", currency: "EUR",
        arrivals: Arrivals(
            rates: Array(repeating: 0, count: 5), hourWeights: Array(repeating: Array(repeating: 1, count: 24), count: 5),
            dayWeights: Array(repeating: 1, count: 7), monthWeights: Array(repeating: 1, count: 12), weekWeights: Array(repeating: 1, count: 53),
            holidays: [], holidayVolume: 1, routing: Array(repeating: Mix([]), count: 5), priorities: Mix([("normal", 1)]),
            segments: Mix([]), languages: Mix([])),
        customers: Customers(
            initial: 0, history: 86_400, newPerDay: 0, sources: Mix([]), owners: Mix([]), monthlyChurn: 0, repeatShare: 0, repeatWindow: 86_400,
            ordersPerMonth: 0, orderAmountLogMean: 0, orderAmountLogSD: 0),
        staffing: [],
        shifts: Shifts(length: 8 * 3600, daysPerWeek: 5, breaks: [], breakJitter: 0, hours: Array(repeating: WeeklyHours(), count: 3)),
        phone: Phone(patience: .fixed(60), talk: .fixed(60), holdShare: 0, hold: .fixed(0), wrapup: .fixed(0)),
        chat: Chat(botHandoff: 1, botDuration: .fixed(0), patience: .fixed(60), talk: .fixed(60), wrapup: .fixed(0), exchanges: 0),
        tickets: Tickets(
            work: .fixed(60), pending: 0, customerReplyShare: 0, customerReplyDelay: .fixed(3600), pendingTimeout: 86_400, privateNotes: 0,
            expedite: []),
        flow: Flow(transfer: 0, escalation: [0, 0, 0, 0], escalationDelay: .fixed(3600), reopen: 0, reopenDelay: .fixed(86_400)),
        surveys: Surveys(
            longWaitLive: 120, longWaitTickets: 8 * 3600,
            csat: .init(send: 0, delay: .fixed(0), response: [0, 0, 0], scores: Array(repeating: Array(repeating: 0.2, count: 5), count: 3), lowest: 1),
            nps: .init(send: 0, delay: .fixed(0), response: [0, 0, 0], scores: Array(repeating: Array(repeating: 1.0 / 11, count: 11), count: 3), lowest: 0),
            ces: .init(send: 0, delay: .fixed(0), response: [0, 0, 0], scores: Array(repeating: Array(repeating: 1.0 / 7, count: 7), count: 3), lowest: 1)),
        qa: QualityReviews(sample: 0, delay: .fixed(0), categories: ["overall"], weights: [1], mean: [80, 80, 80], sd: [0, 0, 0]),
        extraEvents: [],
        employees: Employees(otherStaff: 0, monthlyAttrition: 0, team: nil),
        scenarios: Scenarios(
            shortageAbsent: 0, outageVolume: 1, outageRamp: 0, outageMix: [0, 1, 0, 0, 0], outagePatience: 1, outagePriorities: Mix([("normal", 1)]), outageHandling: 1,
            holidayVolume: 1, holidayStaffing: 1, schedule: []))
}

