import Foundation
import TenetCalendar
import TenetModels

extension Simulator {
    static let day: Int64 = 86_400_000
    static let month: Double = 30 * 86_400_000

    /// The initial customers: active at the start, joined over `customers.history` before it.
    mutating func createInitialCustomers() {
        let count = profile.customers.initial
        let history = profile.customers.history * 1000
        var joins: [Int64] = []
        joins.reserveCapacity(count)
        for _ in 0..<count {
            joins.append(startMs - 1 - Int64(customersRandom.unit() * history))
        }
        joins.sort()
        for _ in 0..<count { _ = addCustomer() }
        initialJoins = joins
    }

    /// A customer with a segment, language and owner drawn from the profile.
    mutating func addCustomer() -> Int32 {
        let segment = profile.arrivals.segments.isEmpty ? 0 : profile.arrivals.segments.draw(&customersRandom)
        let language = profile.arrivals.languages.isEmpty ? 0 : profile.arrivals.languages.draw(&customersRandom)
        let owner = profile.customers.owners.isEmpty ? 0 : profile.customers.owners.draw(&customersRandom)
        return customers.add(segment: UInt8(segment), language: UInt8(language), owner: UInt8(owner))
    }

    /// `customer.started` of the initial customers who joined before `limit` (ms) and were not
    /// announced yet: all of them at their join dates (before the start) on the first run.
    mutating func announceInitialCustomers(before limit: Int64) {
        while announcedJoins < initialJoins.count && initialJoins[announcedJoins] < limit {
            writeStarted(Int32(announcedJoins), at: initialJoins[announcedJoins])
            announcedJoins += 1
        }
        if announcedJoins == initialJoins.count {
            announced = true
            initialJoins = []
        }
    }

    /// `customer.started` with the owner's team, the segment and the source.
    mutating func writeStarted(_ customer: Int32, at t: Int64) {
        writer.begin(Fragments.customerStarted, at: t)
        writer.customer(Int(customer) + 1)
        if !ownerFragments.isEmpty { writer.append(ownerFragments[Int(customers.owner[Int(customer)])]) }
        writer.append(Fragments.attributesStart)
        var comma = false
        if !segmentValues.isEmpty {
            writer.append(Fragments.segmentStart)
            writer.append(segmentValues[Int(customers.segment[Int(customer)])])
            comma = true
        }
        if !sourceValues.isEmpty {
            writer.append(comma ? Fragments.sourceStart : Array(Fragments.sourceStart.dropFirst()))
            writer.append(sourceValues[profile.customers.sources.draw(&customersRandom)])
        }
        writer.append([UInt8(ascii: "}")])
        writer.end()
        tally.customersStarted += 1
    }

    /// The customer of a new conversation: a recent one (repeat contact) or any active one.
    mutating func pickCustomer(at t: Int64) -> Int32 {
        var customer: Int32?
        if Distributions.chance(profile.customers.repeatShare, &customersRandom) {
            customer = customers.recent(at: t, window: Int64(profile.customers.repeatWindow * 1000), &customersRandom)
        }
        if customer == nil && !customers.active.isEmpty {
            customer = customers.active[Distributions.index(below: customers.active.count, &customersRandom)]
        }
        let chosen: Int32
        if let customer {
            chosen = customer
        } else {
            chosen = addCustomer()
            writeStarted(chosen, at: t)
        }
        customers.contacted(chosen, at: t)
        return chosen
    }

    /// Schedules a Poisson process's next event at `ratePerMs`, or a check an hour later when
    /// the rate is 0.
    mutating func scheduleNext(_ kind: StepKind, after t: Int64, ratePerMs: Double, _ a: Int32 = 0) {
        let gap = ratePerMs > 0 ? Distributions.standardExponential(&customersRandom) / ratePerMs : Double(Self.hour)
        calendar.schedule(kind, at: t + max(1, Int64(min(gap, 1e13))), a)
    }

    mutating func newCustomer(at t: Int64) {
        let customer = addCustomer()
        writeStarted(customer, at: t)
        writeOrder(customer, at: t)
        scheduleNext(.newCustomer, after: t, ratePerMs: profile.customers.newPerDay / Double(Self.day))
    }

    var churnRatePerMs: Double {
        let churn = profile.customers.monthlyChurn
        let hazard = churn >= 1 ? 50.0 : -log1p(-churn)
        return Double(customers.active.count) * hazard / Self.month
    }

    mutating func churn(at t: Int64) {
        if !customers.active.isEmpty {
            let customer = customers.active[Distributions.index(below: customers.active.count, &customersRandom)]
            writer.begin(Fragments.customerChurned, at: t)
            writer.customer(Int(customer) + 1)
            if !ownerFragments.isEmpty { writer.append(ownerFragments[Int(customers.owner[Int(customer)])]) }
            writer.end()
            customers.remove(customer)
            tally.customersChurned += 1
        }
        scheduleNext(.churn, after: t, ratePerMs: churnRatePerMs)
    }

    var orderRatePerMs: Double { Double(customers.active.count) * profile.customers.ordersPerMonth / Self.month }

    mutating func order(at t: Int64) {
        if !customers.active.isEmpty {
            writeOrder(customers.active[Distributions.index(below: customers.active.count, &customersRandom)], at: t)
        }
        scheduleNext(.order, after: t, ratePerMs: orderRatePerMs)
    }

    /// `order.placed` with a log-normal amount.
    mutating func writeOrder(_ customer: Int32, at t: Int64) {
        let amount = exp(profile.customers.orderAmountLogMean + profile.customers.orderAmountLogSD * Distributions.standardNormal(&customersRandom))
        writer.begin(Fragments.orderPlaced, at: t)
        writer.customer(Int(customer) + 1)
        writer.append(Fragments.amount)
        writer.decimal(amount, places: 2)
        writer.append(currencyFragment)
        writer.end()
        tally.orders += 1
    }

    // MARK: The organisation's own events

    mutating func extraEvent(_ index: Int, at t: Int64) {
        let text = extraEventTexts[index]
        writer.begin(text.type, at: t)
        writer.append(text.head)
        if text.hasValue {
            let u = customersRandom.unit()
            var value = text.cumulative.count - 1
            for (offset, sum) in text.cumulative.enumerated() where u < sum {
                value = offset
                break
            }
            writer.integer(Int64(value + text.from))
            writer.append(text.tail)
        }
        writer.end()
        tally.organisationEvents += 1
        scheduleNext(.extra, after: t, ratePerMs: profile.extraEvents[index].perWeek / Double(7 * Self.day), Int32(index))
    }

    /// `x.employee.active` for every staff member, now and on the first of every month.
    mutating func employeesMonth(at t: Int64) {
        for member in staff.indices { writeEmployee(Fragments.employeeActive, member, at: t) }
        calendar.schedule(.employeesMonth, at: nextMonthStart(after: t))
    }

    /// Local midnight on the first of the month after the one `t` falls in.
    func nextMonthStart(after t: Int64) -> Int64 {
        let today = clock.local(t).date
        let next = today.month == 12 ? LocalDate(year: today.year + 1, month: 1, day: 1)! : LocalDate(year: today.year, month: today.month + 1, day: 1)!
        return clock.midnight(ofDay: next.dayNumber)
    }

    mutating func employeeLeft(at t: Int64) {
        if !staff.isEmpty { writeEmployee(Fragments.employeeLeft, Distributions.index(below: staff.count, &customersRandom), at: t) }
        scheduleNext(.employeeLeft, after: t, ratePerMs: attritionRatePerMs)
    }

    var attritionRatePerMs: Double {
        let share = profile.employees.monthlyAttrition
        let hazard = share >= 1 ? 50.0 : -log1p(-share)
        return Double(staff.count) * hazard / Self.month
    }

    mutating func writeEmployee(_ type: [UInt8], _ member: Int, at t: Int64) {
        writer.begin(type, at: t)
        writer.append(employeesTeam)
        writer.append(Fragments.employeeStart)
        writer.append(staff[member].id)
        writer.append(Fragments.employeeTeam)
        writer.append(staff[member].team)
        writer.append(Fragments.closeStringObject)
        writer.end()
        tally.organisationEvents += 1
    }
}
