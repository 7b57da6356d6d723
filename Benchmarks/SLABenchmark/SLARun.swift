import Foundation
import TenetBenchSupport
import TenetCalendar
import TenetModels
import TenetPhilosophy
import TenetSLA

/// One run of the SLA clock benchmark: `count` conversations opened on a Friday between 16:00
/// and 17:00 Berlin time under a Mon–Fri 09:00–17:00 schedule with the Monday a holiday, a
/// business-hours policy (first response 1 h, resolution 24 h, warning at 80 %), a third of them
/// answered within two calendar hours; then `due` swept minute by minute over the next two weeks.
struct SLARun {
    /// What one run measured.
    struct Result {
        var count: Int
        var events: Int
        var applySeconds: Double
        var openClocks: Int
        var residentAfterOpen: Int
        var dueCalls: Int
        var dueSeconds: Double
        var emissions: Int
        var emissionsDuringApply: Int
        var peak: Int
        var deadlines: Int
        var deadlineSeconds: Double
        var checked: Int
        var mismatches: [String]
    }

    let count: Int
    let seed: UInt64
    let sample: Int
    /// Also time a snapshot, its binary form and a restore once every conversation is open (stderr only).
    var snapshot = false

    static let open = Timestamp(rfc3339: "2026-11-27T16:00:00+01:00")!
    static let firstResponse: Int64 = 3_600_000_000_000
    static let resolution: Int64 = 24 * 3_600_000_000_000

    static func philosophy() -> Philosophy {
        var philosophy = Philosophy()
        var weekly = WeeklyHours()
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { weekly[day] = [DailyInterval("09:00-17:00")!] }
        philosophy.schedules = [
            Schedule(
                name: "support-hours", zone: "Europe/Berlin", versions: [ScheduleVersion(effective: nil, weekly: weekly)],
                holidays: [Holiday(.date(LocalDate("2026-11-30")!)), Holiday(.date(LocalDate("2026-12-08")!))])
        ]
        philosophy.coverage = [CoverageRule(filter: MetricFilter(), schedule: "support-hours")]
        philosophy.slaPolicies = [
            SLAPolicy(
                name: "standard", filter: MetricFilter(), firstResponse: .nanoseconds(firstResponse), nextReply: nil,
                resolution: .nanoseconds(resolution), hours: .business, warning: .elapsed(percent: 80), pauseStatuses: ["pending"])
        ]
        return philosophy
    }

    func run() throws -> Result {
        var random = SeededRandom(seed: seed)
        // Openings (second resolution) within the hour; replies to every third within 2 h.
        var opens = [Int64](repeating: 0, count: count)
        var events: [(at: Int64, conversation: Int32, reply: Bool)] = []
        events.reserveCapacity(count + count / 3 + 1)
        for index in 0..<count {
            let at = Self.open.nanosecondsSinceEpoch + Int64(random.next() % 3600) * 1_000_000_000
            opens[index] = at
            events.append((at, Int32(index), false))
            if index % 3 == 0 {
                events.append((at + Int64(random.next() % 7200 + 1) * 1_000_000_000, Int32(index), true))
            }
        }
        events.sort { ($0.at, $0.reply ? 1 : 0, $0.conversation) < ($1.at, $1.reply ? 1 : 0, $1.conversation) }
        let ids = (0..<count).map { "c-\($0)" }
        var book = try SLAClockBook(philosophy: Self.philosophy())
        // Actual instants, per conversation: first-response warning and breach, resolution breach.
        var actual = [[Int64]](repeating: [Int64](repeating: .min, count: count), count: 3)
        func record(_ emission: SLAEmission) {
            let slot: Int
            switch (emission.kind, emission.metric) {
            case (.warning, .firstResponse): slot = 0
            case (.breach, .firstResponse): slot = 1
            case (.breach, .resolution): slot = 2
            default: return
            }
            guard let index = Int(emission.conversation.dropFirst(2)) else { return }
            actual[slot][index] = emission.at.nanosecondsSinceEpoch
        }

        var emissions: [SLAEmission] = []
        emissions.reserveCapacity(1024)
        var emittedDuringApply = 0
        let applyStart = ContinuousClock.now
        var openedSoFar = 0
        var residentAfterOpen = 0
        var openClocks = 0
        for event in events {
            let kind: SLAEvent.Kind = event.reply ? .message(author: .agent, isPublic: true) : .opened(outbound: false)
            book.apply(
                SLAEvent(conversation: ids[Int(event.conversation)], at: Timestamp(nanosecondsSinceEpoch: event.at), kind: kind),
                into: &emissions)
            if !emissions.isEmpty {
                emittedDuringApply += emissions.count
                emissions.forEach(record)
                emissions.removeAll(keepingCapacity: true)
            }
            if !event.reply {
                openedSoFar += 1
                if openedSoFar == count {
                    residentAfterOpen = ProcessMemory(pid: getpid())?.resident ?? 0
                    openClocks = book.scheduledCount
                    if snapshot { try timeSnapshot(book) }
                }
            }
        }
        let applySeconds = (ContinuousClock.now - applyStart).seconds

        // Due, minute by minute over two weeks from the last event.
        var now = events.last!.at
        let end = now + 14 * 86_400 * 1_000_000_000
        var dueCalls = 0, dueEmissions = 0
        let dueStart = ContinuousClock.now
        while now <= end {
            let due = book.due(upTo: Timestamp(nanosecondsSinceEpoch: now))
            dueEmissions += due.count
            due.forEach(record)
            dueCalls += 1
            now += 60 * 1_000_000_000
        }
        let dueSeconds = (ContinuousClock.now - dueStart).seconds
        let peak = ProcessMemory(pid: getpid())?.peak ?? 0

        // The reference: the bare calendar deadlines of every clock opened (first response and
        // resolution breach), on a calendar of its own, warmed up by the check below's first call.
        let calendar = try BusinessCalendar(Self.philosophy().schedules[0])
        _ = calendar.deadline(from: Self.open, adding: .nanoseconds(Self.resolution))
        var checksum: Int64 = 0
        let deadlineStart = ContinuousClock.now
        for open in opens {
            let from = Timestamp(nanosecondsSinceEpoch: open)
            checksum &+= calendar.deadline(from: from, adding: .nanoseconds(Self.firstResponse))?.nanosecondsSinceEpoch ?? 0
            checksum &+= calendar.deadline(from: from, adding: .nanoseconds(Self.resolution))?.nanosecondsSinceEpoch ?? 0
        }
        let deadlineSeconds = (ContinuousClock.now - deadlineStart).seconds
        guard checksum != 0 else { throw BenchmarkError(code: .checkFailed, message: "reference: no deadline computed") }

        // Check a sample of the unanswered against the slow day-by-day reference.
        var mismatches: [String] = []
        var checked = 0
        let step = max(1, count / max(1, sample))
        var index = 1
        while index < count && checked < sample {
            defer { index += step }
            guard index % 3 != 0 else { continue }
            let from = Timestamp(nanosecondsSinceEpoch: opens[index])
            let intervals = calendar.dayByDayOpenIntervals(from: from, to: Timestamp(nanosecondsSinceEpoch: opens[index] + 30 * 86_400 * 1_000_000_000))
            let expected = [Self.firstResponse * 4 / 5, Self.firstResponse, Self.resolution].map { Self.instant(after: $0, in: intervals) }
            for slot in 0..<3 where expected[slot] != actual[slot][index] {
                mismatches.append("c-\(index) [\(slot)]: expected \(expected[slot]), got \(actual[slot][index])")
            }
            checked += 1
        }
        return Result(
            count: count, events: events.count, applySeconds: applySeconds, openClocks: openClocks, residentAfterOpen: residentAfterOpen,
            dueCalls: dueCalls, dueSeconds: dueSeconds, emissions: emittedDuringApply + dueEmissions, emissionsDuringApply: emittedDuringApply,
            peak: peak, deadlines: 2 * count, deadlineSeconds: deadlineSeconds, checked: checked, mismatches: mismatches)
    }

    /// Times `snapshot()`, its binary form both ways and the restore, and checks the restored book is due
    /// at the same instant; prints the figures on stderr.
    func timeSnapshot(_ book: SLAClockBook) throws {
        let start = ContinuousClock.now
        let snapshot = book.snapshot()
        let taken = ContinuousClock.now
        let bytes = snapshot.binary()
        let written = ContinuousClock.now
        let decoded = try SLABookSnapshot(binary: bytes)
        let read = ContinuousClock.now
        let restored = try SLAClockBook(philosophy: Self.philosophy(), restoring: decoded)
        let done = ContinuousClock.now
        guard restored.nextDueInstant == book.nextDueInstant, restored.scheduledCount == book.scheduledCount else {
            throw BenchmarkError(code: .checkFailed, message: "snapshot: the restored book is not due as the original")
        }
        FileHandle.standardError.write(
            Data(
                ("tenet-sla-bench: snapshot of \(snapshot.conversations.count) conversations: taken in \((taken - start).seconds) s, "
                    + "binary \(bytes.count) bytes written in \((written - taken).seconds) s and read in \((read - written).seconds) s, "
                    + "restored in \((done - read).seconds) s\n").utf8))
    }

    /// The instant at which `amount` nanoseconds of the open `intervals` have passed.
    static func instant(after amount: Int64, in intervals: [Range<Timestamp>]) -> Int64 {
        var left = amount
        for interval in intervals {
            let length = interval.upperBound.nanosecondsSinceEpoch - interval.lowerBound.nanosecondsSinceEpoch
            if left <= length { return interval.lowerBound.nanosecondsSinceEpoch + left }
            left -= length
        }
        return .max
    }
}
