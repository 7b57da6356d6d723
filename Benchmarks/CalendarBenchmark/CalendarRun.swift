import TenetBenchSupport
import TenetCalendar
import TenetModels

/// One process's work: the random spans laid out before any clock starts, the timed loops, and
/// the untimed check that they did that work.
struct CalendarRun {
    /// The results of one timed loop.
    struct Timed {
        var checksum: Int64
        var seconds: Double
        var rate: Double
    }

    let calendar: BusinessCalendar
    let starts: [Timestamp]
    let ends: [Timestamp]
    let wanted: [Duration]

    /// `count` spans from `seed`: the first instant uniform in 2025-07-01 … 2027-07-01, the second
    /// up to 30 days later, and a business duration of up to 80 hours for the deadlines.
    init(calendar: BusinessCalendar, count: Int, seed: UInt64) {
        let day: Int64 = 86_400 * 1_000_000_000
        let first = Timestamp(rfc3339: "2025-07-01T00:00:00Z")!.nanosecondsSinceEpoch
        let last = Timestamp(rfc3339: "2027-07-01T00:00:00Z")!.nanosecondsSinceEpoch
        var random = SeededRandom(seed: seed)
        var starts = [Timestamp](), ends = [Timestamp](), wanted = [Duration]()
        starts.reserveCapacity(count)
        ends.reserveCapacity(count)
        wanted.reserveCapacity(count)
        for _ in 0..<count {
            let a = Int64.random(in: first..<last, using: &random)
            starts.append(Timestamp(nanosecondsSinceEpoch: a))
            ends.append(Timestamp(nanosecondsSinceEpoch: a + Int64.random(in: 0...(30 * day), using: &random)))
            wanted.append(.nanoseconds(Int64.random(in: 1...(80 * 3_600_000_000_000), using: &random)))
        }
        self.calendar = calendar
        self.starts = starts
        self.ends = ends
        self.wanted = wanted
    }

    var count: Int { starts.count }

    /// Untimed: one span in every hundred, which compiles the parts of the calendar the runs
    /// touch; returns the seconds it took.
    func warmUp() -> Double {
        let clock = ContinuousClock.now
        var sum: Int64 = 0
        for index in stride(from: 0, to: count, by: 100) { sum &+= calendar.businessNanoseconds(from: starts[index], to: ends[index]) }
        blackHole(sum)
        return (ContinuousClock.now - clock).seconds
    }

    @inline(never)
    func durations() -> Timed {
        let clock = ContinuousClock.now
        var checksum: Int64 = 0
        for index in 0..<count { checksum &+= calendar.businessNanoseconds(from: starts[index], to: ends[index]) }
        return timed(checksum, since: clock)
    }

    @inline(never)
    func subtraction() -> Timed {
        let clock = ContinuousClock.now
        var checksum: Int64 = 0
        for index in 0..<count { checksum &+= max(0, ends[index].nanosecondsSinceEpoch - starts[index].nanosecondsSinceEpoch) }
        return timed(checksum, since: clock)
    }

    @inline(never)
    func deadlines() -> Timed {
        let clock = ContinuousClock.now
        var checksum: Int64 = 0
        for index in 0..<count { checksum &+= calendar.deadline(from: starts[index], adding: wanted[index])?.nanosecondsSinceEpoch ?? -1 }
        return timed(checksum, since: clock)
    }

    private func timed(_ checksum: Int64, since start: ContinuousClock.Instant) -> Timed {
        let seconds = (ContinuousClock.now - start).seconds
        return Timed(checksum: checksum, seconds: seconds, rate: Double(count) / seconds)
    }

    /// The checks, untimed: every result recomputed must give the timed loops' checksums, and
    /// `sample` spans spread over the run must match the slow day-by-day reference, their
    /// deadlines lying exactly where the business time added has passed. Returns the problems
    /// (empty when the work checks out), the number sampled and the share of business time.
    func check(durations: Timed, subtraction: Timed, deadlines: Timed, sample: Int) -> (problems: [String], sampled: Int, businessShare: Double) {
        var problems: [String] = []
        var durationSum: Int64 = 0, subtractionSum: Int64 = 0, deadlineSum: Int64 = 0
        var business: Double = 0, elapsed: Double = 0
        let every = max(1, count / sample)
        var sampled = 0
        for index in 0..<count {
            let (a, b) = (starts[index], ends[index])
            let duration = calendar.businessNanoseconds(from: a, to: b)
            durationSum &+= duration
            subtractionSum &+= b.nanosecondsSinceEpoch - a.nanosecondsSinceEpoch
            let deadline = calendar.deadline(from: a, adding: wanted[index])
            deadlineSum &+= deadline?.nanosecondsSinceEpoch ?? -1
            business += Double(duration)
            elapsed += Double(b.nanosecondsSinceEpoch - a.nanosecondsSinceEpoch)
            guard index % every == 0, problems.count < 5 else { continue }
            sampled += 1
            let reference = calendar.dayByDayOpenIntervals(from: a, to: b).reduce(Int64(0)) {
                $0 + ($1.upperBound.nanosecondsSinceEpoch - $1.lowerBound.nanosecondsSinceEpoch)
            }
            if reference != duration { problems.append("span \(index) \(a)..\(b): \(duration) ns, the day-by-day reference \(reference) ns") }
            let added = wanted[index].components.seconds * 1_000_000_000 + wanted[index].components.attoseconds / 1_000_000_000
            guard let deadline else {
                problems.append("deadline \(index) from \(a) adding \(wanted[index]): none")
                continue
            }
            let justBefore = Timestamp(nanosecondsSinceEpoch: deadline.nanosecondsSinceEpoch - 1)
            if calendar.businessNanoseconds(from: a, to: deadline) != added || calendar.businessNanoseconds(from: a, to: justBefore) != added - 1 {
                problems.append("deadline \(index) from \(a) adding \(wanted[index]) = \(deadline): not where that much business time has passed")
            }
        }
        if durationSum != durations.checksum { problems.append("durations: the timed checksum \(durations.checksum) != the recomputed \(durationSum)") }
        if subtractionSum != subtraction.checksum { problems.append("subtraction: the timed checksum \(subtraction.checksum) != \(subtractionSum)") }
        if deadlineSum != deadlines.checksum { problems.append("deadlines: the timed checksum \(deadlines.checksum) != the recomputed \(deadlineSum)") }
        return (problems, sampled, elapsed > 0 ? business / elapsed : 0)
    }
}

/// Keeps a value alive so that the optimiser cannot drop the loop that made it.
@inline(never)
func blackHole(_ value: Int64) {
    if value == 0x7FFF_FFFF_FFFF_FFF1 { print("") }
}
