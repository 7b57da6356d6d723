import TenetCalendar
import TenetModels

extension Simulator {
    /// Plans `day` (a local day of the group's zone) and schedules the next day's plan.
    mutating func plan(group: Int, day: Int, at t: Int64) {
        planDay(group, day: day, at: t)
        calendar.schedule(.plan, at: groups[group].zone.midnight(ofDay: day + 1), Int32(group), Int32(day + 1))
    }

    /// The open intervals of a group on a local day and the agent-hours it needs that day
    /// (``expectedWork(_:from:to:)`` over its open intervals; the backlog's over the whole day).
    mutating func demand(_ group: Int, day: Int) -> DayDemand {
        let key = group << 32 | (day & 0xFFFF_FFFF)
        if let cached = dayPlans[key] { return cached }
        let intervals = groups[group].calendar.shifts(startingOn: LocalDate(dayNumber: day)).map {
            Self.ceilingMilliseconds($0.lowerBound)..<Self.ceilingMilliseconds($0.upperBound)
        }
        var work = 0.0
        if !intervals.isEmpty {
            if groups[group].kind == .tickets {
                let zone = groups[group].zone
                work = expectedWork(group, from: zone.midnight(ofDay: day), to: zone.midnight(ofDay: day + 1))
            } else {
                for interval in intervals { work += expectedWork(group, from: interval.lowerBound, to: interval.upperBound) }
            }
        }
        let value = DayDemand(intervals: intervals, work: work)
        if dayPlans.count > 4096 { dayPlans = dayPlans.filter { ($0.key & 0xFFFF_FFFF) >= (day - 2) & 0xFFFF_FFFF } }
        dayPlans[key] = value
        return value
    }

    /// The agent-hours a group needs between two instants at the usual rates: the offered load
    /// a (arrivals × mean handling time, in Erlangs) plus, for the live queues, √a (the
    /// square-root staffing rule: a queue needs a margin above its load to answer promptly, and
    /// a quiet hour proportionally more than a busy one).
    mutating func expectedWork(_ group: Int, from: Int64, to: Int64) -> Double {
        var total = 0.0
        var t = from
        let live = groups[group].kind != .tickets
        while t < to {
            let hour = EventWriter.floorDivide(t, Self.hour)
            let end = min(to, (hour + 1) * Self.hour)
            let rates = rates(ofHour: hour).rates
            var perHour = 0.0
            for channel in 0..<5 { perHour += rates[channel] * groupWeights[group][channel] }
            let load = perHour * groupHandling[group] / 3600
            total += (live ? load + 2 * load.squareRoot() : load) * Double(end - t) / Double(Self.hour)
            t = end
        }
        return total
    }

    /// Lays out one day's shifts: how many agents (in proportion to the day's need in the
    /// coming week, each agent working `days_per_week` days), who (the fewest days worked first),
    /// and when (each shift centred on a quantile of the day's need, the backlog's counting the
    /// work that came while it was closed at the opening), with breaks.
    mutating func planDay(_ group: Int, day: Int, at now: Int64) {
        let members = groups[group].agents
        let count = members.count
        guard count > 0 else { return }
        let today = demand(group, day: day)
        guard !today.intervals.isEmpty else { return }
        var week = 0.0
        for offset in 0..<7 { week += demand(group, day: day + offset).work }
        var working = week > 0 ? Int((Double(count * profile.shifts.daysPerWeek) * today.work / week).rounded()) : count
        working = min(count, max(1, working))
        // Who: the fewest days worked first, ties broken by a rotation of the day.
        func rotation(_ index: Int) -> Int { ((index - day) % count + count) % count }
        let chosen = members.indices.sorted { lhs, rhs in
            let a = agents[Int(members[lhs])].daysWorked, b = agents[Int(members[rhs])].daysWorked
            return a != b ? a < b : rotation(lhs) < rotation(rhs)
        }.prefix(working).sorted { rotation($0 * 7 + day) < rotation($1 * 7 + day) }
        layOutShifts(group, day: day, today: today, agents: chosen.map { Int(members[$0]) }, now: now)
    }

    /// Where the day's shifts and breaks go: a greedy fit of coverage to need on a grid of
    /// quarter hours. The need of each quarter is the group's agent-hours there
    /// (``expectedWork(_:from:to:)``; the backlog's also has the work that came while it was
    /// closed, spread over the two hours after the opening), scaled to the agents' time. Each
    /// agent in turn takes the start (within one open interval) that covers the most need not
    /// yet covered, and three passes move each shift in turn to where it covers the most need
    /// the others leave; then each break goes, within `break_jitter` of its offset, where
    /// coverage exceeds need the most.
    mutating func layOutShifts(_ group: Int, day: Int, today: DayDemand, agents chosen: [Int], now: Int64) {
        let step: Int64 = 15 * 60_000
        struct Slot {
            var start: Int64
            var end: Int64
            var need: Double
            var coverage: Double
            var interval: Int
        }
        var slots: [Slot] = []
        var firstSlot: [Int] = []
        var closedSince = demand(group, day: day - 1).intervals.last?.upperBound ?? (today.intervals[0].lowerBound - 12 * Self.hour)
        let backlog = groups[group].kind == .tickets
        for (number, interval) in today.intervals.enumerated() {
            firstSlot.append(slots.count)
            let pile = backlog && closedSince < interval.lowerBound ? expectedWork(group, from: closedSince, to: interval.lowerBound) : 0
            // The pile is worked off in the first two hours.
            let first = slots.count
            let share = pile / Double(max(1, min(8, Int((interval.upperBound - interval.lowerBound + step - 1) / step))))
            var t = interval.lowerBound
            while t < interval.upperBound {
                let end = min(interval.upperBound, t + step)
                slots.append(Slot(start: t, end: end, need: expectedWork(group, from: t, to: end) + (slots.count - first < 8 ? share : 0), coverage: 0, interval: number))
                t = end
            }
            closedSince = interval.upperBound
        }
        firstSlot.append(slots.count)
        let length = Int64(profile.shifts.length * 1000)
        // Scale the need to the agent-time of the day's shifts.
        var supply = 0.0
        let longest = today.intervals.map { min(length, $0.upperBound - $0.lowerBound) }.max() ?? length
        supply = Double(chosen.count) * Double(longest) / Double(step)
        let totalNeed = slots.reduce(0) { $0 + $1.need * Double($1.end - $1.start) / Double(step) }
        let scale = totalNeed > 0 ? supply / totalNeed : 0
        for index in slots.indices { slots[index].need = totalNeed > 0 ? slots[index].need * scale : supply / Double(slots.count) }

        // Shifts: each agent takes the start that covers the most need not yet covered; then a
        // few passes move each shift, in turn, to where it covers the most need the others leave.
        func bestStart() -> (first: Int, count: Int)? {
            var best: (score: Double, first: Int, count: Int)?
            for number in today.intervals.indices {
                let lower = firstSlot[number], upper = firstSlot[number + 1]
                let interval = today.intervals[number]
                let count = max(1, Int((min(length, interval.upperBound - interval.lowerBound) + step - 1) / step))
                guard upper - lower >= count else { continue }
                // Uncovered need, with the surplus or deficit beyond it breaking ties.
                func value(_ slot: Slot) -> Double { max(0, slot.need - slot.coverage) + 1e-3 * (slot.need - slot.coverage) }
                var score = 0.0
                for index in lower..<(lower + count) { score += value(slots[index]) }
                var first = lower
                while true {
                    if best == nil || score > best!.score + 1e-9 { best = (score, first, count) }
                    guard first + count < upper else { break }
                    score += value(slots[first + count]) - value(slots[first])
                    first += 1
                }
            }
            return best.map { ($0.first, $0.count) }
        }
        func cover(_ shift: (first: Int, count: Int), by amount: Double) {
            for index in shift.first..<(shift.first + shift.count) { slots[index].coverage += amount }
        }
        var placed: [(agent: Int, first: Int, count: Int)] = []
        for agent in chosen {
            guard let shift = bestStart() else { continue }
            cover(shift, by: 1)
            placed.append((agent, shift.first, shift.count))
        }
        for _ in 0..<3 {
            for index in placed.indices {
                cover((placed[index].first, placed[index].count), by: -1)
                let shift = bestStart()!
                cover(shift, by: 1)
                placed[index].first = shift.first
                placed[index].count = shift.count
            }
        }
        let shifts = placed.map { shift -> (agent: Int, first: Int, count: Int, start: Int64, end: Int64) in
            let interval = today.intervals[slots[shift.first].interval]
            let start = slots[shift.first].start
            return (shift.agent, shift.first, shift.count, start, min(interval.upperBound, start + length))
        }
        // Breaks: where coverage exceeds need the most, near their offsets.
        let jitter = Int(profile.shifts.breakJitter * 1000 / Double(step))
        for shift in shifts {
            var pieceStart = shift.start
            var earliest = shift.first
            let last = shift.first + shift.count
            for pause in profile.shifts.breaks {
                let offset = Int((pause.after * 1000 / Double(step)).rounded())
                let span = max(1, Int((pause.length * 1000 / Double(step)).rounded()))
                var best: (score: Double, first: Int)?
                for first in max(earliest + 1, shift.first + offset - jitter)...max(earliest + 1, shift.first + offset + jitter) {
                    guard first + span < last else { break }
                    var score = 0.0
                    for index in first..<(first + span) { score += slots[index].coverage - slots[index].need }
                    // Ties go to the planned offset, then to the earlier.
                    score -= 1e-6 * Double(abs(first - shift.first - offset))
                    if best == nil || score > best!.score { best = (score, first) }
                }
                guard let chosenBreak = best else { continue }
                for index in chosenBreak.first..<(chosenBreak.first + span) { slots[index].coverage -= 1 }
                let breakStart = slots[chosenBreak.first].start
                let breakEnd = breakStart + Int64(pause.length * 1000)
                schedulePiece(shift.agent, from: pieceStart, to: breakStart, now: now)
                pieceStart = breakEnd
                earliest = chosenBreak.first + span
            }
            schedulePiece(shift.agent, from: pieceStart, to: shift.end, now: now)
            agents[shift.agent].daysWorked += 1
        }
    }

    mutating func schedulePiece(_ agent: Int, from start: Int64, to end: Int64, now: Int64) {
        guard end > now, end > start else { return }
        calendar.schedule(.agentOn, at: max(start, now), Int32(agent))
        calendar.schedule(.agentOff, at: end, Int32(agent))
    }

    // MARK: Scenarios

    /// A scenario starts: a shortage or a holiday keeps a share of the agents away (the outage
    /// and the holiday's volume act through the arrival rates).
    mutating func scenarioStarts(_ index: Int) {
        let scenario = scenarios[index]
        let share: Double = switch scenario.name {
        case "staff_shortage": profile.scenarios.shortageAbsent
        case "holiday": 1 - profile.scenarios.holidayStaffing
        default: 0
        }
        let absent = Int((share * Double(agents.count)).rounded())
        guard absent > 0 else { return }
        var order = Array(agents.indices)
        for position in 0..<absent {
            let pick = position + Distributions.index(below: order.count - position, &shiftsRandom)
            order.swapAt(position, pick)
        }
        absentees[index] = order.prefix(absent).map(Int32.init)
        for agent in absentees[index] { agents[Int(agent)].absences += 1 }
    }

    mutating func scenarioEnds(_ index: Int) {
        for agent in absentees[index] {
            agents[Int(agent)].absences -= 1
            makeAvailable(Int(agent), at: stepTime)
        }
        absentees[index] = []
    }

    // MARK: The start

    /// Everything that runs from the start: shifts, arrivals, customers, the organisation's
    /// events, scenarios.
    mutating func start() {
        let t0 = startMs
        createInitialCustomers()
        announced = !setup.announcesInitialCustomers
        if announced { initialJoins = [] }
        for group in groups.indices {
            let today = groups[group].zone.day(at: t0)
            planDay(group, day: today - 1, at: t0)
            planDay(group, day: today, at: t0)
            calendar.schedule(.plan, at: groups[group].zone.midnight(ofDay: today + 1), Int32(group), Int32(today + 1))
        }
        generator.clock = Double(t0)
        enterSegment(at: t0)
        if profile.arrivals.rates.contains(where: { $0 > 0 }) { scheduleNextArrival() }
        scheduleNext(.newCustomer, after: t0, ratePerMs: profile.customers.newPerDay / Double(Self.day))
        scheduleNext(.churn, after: t0, ratePerMs: churnRatePerMs)
        scheduleNext(.order, after: t0, ratePerMs: orderRatePerMs)
        for index in profile.extraEvents.indices {
            scheduleNext(.extra, after: t0, ratePerMs: profile.extraEvents[index].perWeek / Double(7 * Self.day), Int32(index))
        }
        if !staff.isEmpty {
            // A continuing segment's month already has its roster from the segment before.
            calendar.schedule(.employeesMonth, at: setup.announcesInitialCustomers ? t0 : nextMonthStart(after: t0))
            scheduleNext(.employeeLeft, after: t0, ratePerMs: attritionRatePerMs)
        }
        for (index, scenario) in scenarios.enumerated() {
            let from = Self.ceilingMilliseconds(scenario.start), to = Self.ceilingMilliseconds(scenario.end)
            guard to > t0 else { continue }
            calendar.schedule(.scenarioStart, at: max(from, t0), Int32(index))
            calendar.schedule(.scenarioEnd, at: to, Int32(index))
        }
    }
}
