import Foundation
import TenetReporting

/// What the report plugin must do, decided from the time, the schedule and the files already
/// written: a value type with time injected (``plan(now:existing:)``), so that every rule is
/// tested without waiting; ``ReportRequestHandler`` carries the decisions out.
///
/// The rules:
/// - per scheduled period kind, only the **latest period whose report is due** is ever written
///   by the schedule. After downtime that is the most recent missed one, and only it (earlier
///   missed ones are left to the `run` request): a restart after a month away writes one daily
///   and one weekly report, not thirty;
/// - a report is made only of the formats whose file does not exist yet: nothing is rewritten;
/// - a failed try (inputs not ready, a plugin that did not answer, a file that could not be
///   written) is tried again after ``retryInitial``, doubling up to ``retryMax``; once a later
///   period's report is due, the failing one is given up (``Plan/abandoned``).
public struct ReportScheduler: Sendable {
    /// One report to write now.
    public struct Job: Hashable, Sendable {
        /// Day or week.
        public var period: ReportPeriod
        /// Its bounds.
        public var span: ReportSpan
        /// Its first day in the zone (the files' name).
        public var start: String
        /// When it was due.
        public var due: Date
        /// The formats missing.
        public var formats: [String]
        /// How many tries failed before this one.
        public var attempts: Int
        /// Whether it is written more than ``ReportScheduler/lateAfter`` after it was due (a catch-up).
        public var late: Bool
    }

    /// What comes next for one kind of period.
    public struct Upcoming: Hashable, Sendable {
        /// Day or week.
        public var period: ReportPeriod
        /// The period's first day.
        public var start: String
        /// When it is due, or tried again.
        public var at: Date
        /// Tries that failed so far.
        public var attempts: Int
    }

    /// A period given up.
    public struct Abandoned: Hashable, Sendable {
        /// Day or week.
        public var period: ReportPeriod
        /// Its first day.
        public var start: String
        /// How many tries failed.
        public var attempts: Int
    }

    /// The decisions at one instant.
    public struct Plan: Hashable, Sendable {
        /// The reports to write now.
        public var jobs: [Job]
        /// Per scheduled kind, the next report due or retried (not those of ``jobs``).
        public var upcoming: [Upcoming]
        /// Reports that failed and will not be tried again: a later period is due.
        public var abandoned: [Abandoned]

        /// The earliest instant something in ``upcoming`` is due.
        public var nextWake: Date? { upcoming.map(\.at).min() }
    }

    struct Key: Hashable {
        var period: ReportPeriod
        var start: String
    }

    struct Retry: Hashable {
        var attempts: Int
        var notBefore: Date
    }

    /// The calendar.
    public var schedule: ReportSchedule
    /// The kinds of period written (none: only on request).
    public var periods: [ReportPeriod]
    /// The formats each report is written in.
    public var formats: [String]
    /// The first wait after a failure.
    public var retryInitial: Duration
    /// The longest wait.
    public var retryMax: Duration
    /// How long after its due time a report counts as a catch-up (late), in seconds.
    public var lateAfter: TimeInterval
    var retries: [Key: Retry] = [:]

    /// Creates a scheduler with no failures yet.
    public init(
        schedule: ReportSchedule, periods: [ReportPeriod], formats: [String], retryInitial: Duration = .seconds(30),
        retryMax: Duration = .seconds(900), lateAfter: TimeInterval = 300
    ) {
        self.schedule = schedule
        self.periods = periods
        self.formats = formats
        self.retryInitial = retryInitial
        self.retryMax = retryMax
        self.lateAfter = lateAfter
    }

    /// What to do at `now`, given the formats already on disk for a period (`existing(period,
    /// start)`). Forgets the failures of periods that are no longer the latest due.
    public mutating func plan(now: Date, existing: (ReportPeriod, String) -> Set<String>) -> Plan {
        var plan = Plan(jobs: [], upcoming: [], abandoned: [])
        for period in periods {
            let latest = schedule.latestDue(period, now: now)
            let start = schedule.start(latest)
            let key = Key(period: period, start: start)
            for (old, retry) in retries where old.period == period && old != key {
                retries[old] = nil
                plan.abandoned.append(Abandoned(period: period, start: old.start, attempts: retry.attempts))
            }
            let missing = formats.filter { !existing(period, start).contains($0) }
            if missing.isEmpty {
                retries[key] = nil
                let next = schedule.following(period, after: latest)
                plan.upcoming.append(Upcoming(period: period, start: schedule.start(next), at: schedule.due(next), attempts: 0))
                continue
            }
            let retry = retries[key]
            if let retry, retry.notBefore > now {
                plan.upcoming.append(Upcoming(period: period, start: start, at: retry.notBefore, attempts: retry.attempts))
                continue
            }
            let due = schedule.due(latest)
            plan.jobs.append(
                Job(
                    period: period, span: latest, start: start, due: due, formats: missing, attempts: retry?.attempts ?? 0,
                    late: now.timeIntervalSince(due) > lateAfter))
        }
        plan.abandoned.sort { ($0.period, $0.start) < ($1.period, $1.start) }
        return plan
    }

    /// Records that `job` failed at `now`; returns when it is tried again.
    @discardableResult
    public mutating func failed(_ job: Job, now: Date) -> Date {
        let key = Key(period: job.period, start: job.start)
        let attempts = (retries[key]?.attempts ?? 0) + 1
        let next = now.addingTimeInterval(backoff(afterFailures: attempts))
        retries[key] = Retry(attempts: attempts, notBefore: next)
        return next
    }

    /// Records that `job` was written.
    public mutating func succeeded(_ job: Job) {
        retries[Key(period: job.period, start: job.start)] = nil
    }

    /// The wait after `failures` failures in a row, in seconds: ``retryInitial`` doubled each
    /// time, at most ``retryMax``.
    public func backoff(afterFailures failures: Int) -> TimeInterval {
        let initial = Self.seconds(retryInitial)
        let limit = Self.seconds(retryMax)
        return min(limit, initial * pow(2, Double(min(max(0, failures - 1), 40))))
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
