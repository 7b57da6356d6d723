import TenetCalendar
import TenetModels
import TenetPhilosophy

/// The philosophy's SLA parts compiled for the clock book: policies with targets and warning
/// thresholds in nanoseconds, the business calendars coverage names, and the fields filters read.
struct SLAPlan: Sendable {
    /// One policy, compiled.
    struct Policy: Sendable {
        var name: String
        var filter: MetricFilter
        /// Target per metric (``SLAMetric`` order), nanoseconds; `nil` without one.
        var targets: [Int64?]
        /// Warning threshold (time counted when the warning is due) per metric.
        var warnings: [Int64?]
        /// Calendar time rather than business time.
        var calendarTime: Bool
        /// Whether each status (in `ConversationStatus.allCases` order) pauses the clocks.
        var pauses: [Bool]
    }

    /// Which policy and calendar a set of dimension values gets.
    struct Choice: Sendable {
        /// Index in ``policies``; -1 for none.
        var policy: Int16
        /// The calendar time passes on: index in ``calendars``; -1 for calendar time.
        var basis: Int16
    }

    var policies: [Policy]
    /// Flat copies for the hot path (no struct copy, no retain): the target and warning of policy
    /// p's metric m at p × 3 + m (-1 without a target); whether status s pauses policy p at p × 5 + s.
    var targetTable: [Int64] = []
    var warningTable: [Int64] = []
    var pauseTable: [Bool] = []
    /// The business calendars of the schedules coverage names (not `always`).
    var calendars: [BusinessCalendar]
    var coverage: [(filter: MetricFilter, calendar: Int16)]
    /// The fields the policies' and coverage rules' filters read, in a fixed order.
    var fields: [FilterField]
    /// Whether each status counts as solved.
    var solved: [Bool]
    /// Pausing statuses when no policy applies (`settings.pending_statuses`).
    var defaultPauses: [Bool]
    /// `settings.bot_handoff_restarts_first_response`.
    var botHandoffRestarts: Bool

    static let statuses = ConversationStatus.allCases
    static let metrics = SLAMetric.allCases

    init(_ philosophy: Philosophy) throws(SLAError) {
        var calendars: [BusinessCalendar] = []
        var calendarIndex: [String: Int16] = [:]
        var coverage: [(filter: MetricFilter, calendar: Int16)] = []
        for rule in philosophy.coverage {
            var index: Int16 = -1
            if rule.schedule != Schedule.always.name {
                if let known = calendarIndex[rule.schedule] {
                    index = known
                } else {
                    guard let schedule = philosophy.schedule(named: rule.schedule) else {
                        throw SLAError(code: .unknownSchedule, message: "coverage names schedule `\(rule.schedule)`, which the philosophy does not define")
                    }
                    do {
                        calendars.append(try BusinessCalendar(schedule))
                    } catch {
                        throw SLAError(code: .badSchedule, message: "schedule `\(rule.schedule)`: \(error)")
                    }
                    index = Int16(calendars.count - 1)
                    calendarIndex[rule.schedule] = index
                }
            }
            coverage.append((rule.filter, index))
        }
        self.calendars = calendars
        self.coverage = coverage
        let statuses = Self.statuses
        solved = statuses.map { philosophy.settings.solvedStatuses.contains($0.rawValue) }
        defaultPauses = statuses.map { philosophy.settings.pendingStatuses.contains($0.rawValue) }
        botHandoffRestarts = philosophy.settings.botHandoffRestartsFirstResponse
        policies = philosophy.slaPolicies.map { policy in
            let targets = [policy.firstResponse, policy.nextReply, policy.resolution].map { $0.map(Self.nanoseconds) }
            let warnings = targets.map { target -> Int64? in
                guard let target else { return nil }
                switch policy.warning {
                case .before(let lead): return max(0, target - Self.nanoseconds(lead))
                case .elapsed(let percent): return Int64((Double(target) * percent / 100).rounded())
                }
            }
            return Policy(
                name: policy.name, filter: policy.filter, targets: targets, warnings: warnings, calendarTime: policy.hours == .calendar,
                pauses: statuses.map { policy.pauseStatuses.contains($0.rawValue) })
        }
        targetTable = policies.flatMap { $0.targets.map { $0 ?? -1 } }
        warningTable = policies.flatMap { policy in zip(policy.targets, policy.warnings).map { $1 ?? $0 ?? -1 } }
        pauseTable = policies.flatMap(\.pauses)
        var fields: [FilterField] = []
        for clause in philosophy.slaPolicies.flatMap(\.filter.clauses) + philosophy.coverage.flatMap(\.filter.clauses)
        where !fields.contains(clause.field) {
            fields.append(clause.field)
        }
        self.fields = fields
    }

    /// The policy and basis for the watched values `values` (in ``fields`` order).
    func choice(for values: [String?]) -> Choice {
        let lookup: (FilterField) -> String? = { field in
            fields.firstIndex(of: field).flatMap { values[$0] }
        }
        let policy = policies.firstIndex { $0.filter.matches(lookup) }.map(Int16.init) ?? -1
        let covered = coverage.first { $0.filter.matches(lookup) }?.calendar ?? -1
        let basis = policy >= 0 && policies[Int(policy)].calendarTime ? -1 : covered
        return Choice(policy: policy, basis: basis)
    }

    /// Counted time between `from` and `to` on `basis`.
    func duration(_ basis: Int16, from: Int64, to: Int64) -> Int64 {
        guard to > from else { return 0 }
        if basis < 0 { return to - from }
        return calendars[Int(basis)].businessNanoseconds(
            from: Timestamp(nanosecondsSinceEpoch: from), to: Timestamp(nanosecondsSinceEpoch: to))
    }

    /// The instant at which `amount` of counted time has passed since `from` on `basis`; `nil`
    /// when never (a schedule closed for over 10 years, or past the year 2262).
    func deadline(_ basis: Int16, from: Int64, adding amount: Int64) -> Int64? {
        guard amount > 0 else { return from }
        if basis < 0 {
            let (sum, overflow) = from.addingReportingOverflow(amount)
            return overflow ? nil : sum
        }
        return calendars[Int(basis)].deadline(from: Timestamp(nanosecondsSinceEpoch: from), adding: .nanoseconds(amount))?
            .nanosecondsSinceEpoch
    }

    /// `duration` in whole nanoseconds.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
