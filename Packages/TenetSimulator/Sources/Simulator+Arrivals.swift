import TenetCalendar
import TenetModels

extension Simulator {
    /// Milliseconds in an hour.
    static let hour: Int64 = 3_600_000

    /// The usual rates of the UTC hour numbered `hour` (hours since 1970), computed once.
    mutating func rates(ofHour hour: Int64) -> HourRates {
        if let cached = hourRates[hour] { return cached }
        let local = clock.local(hour * Self.hour)
        var rates = [Double](repeating: 0, count: 5)
        let profileHoliday = profile.arrivals.holidays.contains(local.date)
        for channel in SimulatedChannel.allCases {
            let holiday = profileHoliday || channelSchedules[channel.index]?.holiday(on: local.date) != nil
            rates[channel.index] = profile.arrivals.rate(
                channel, hour: local.hour, weekday: local.weekday, month: local.date.month, isoWeek: local.isoWeek, holiday: holiday)
        }
        let value = HourRates(rates: rates, localHour: local.hour)
        // Keep the cache small: planning looks a week ahead, arrivals walk forward.
        if hourRates.count > 8192 { hourRates = hourRates.filter { $0.key >= hour - 48 } }
        hourRates[hour] = value
        return value
    }

    /// Sets the arrival process to the segment that starts at `t`.
    mutating func enterSegment(at t: Int64) {
        let hour = EventWriter.floorDivide(t, Self.hour)
        var end = (hour + 1) * Self.hour
        if let boundary = scenarioBoundaries.first(where: { $0 > t }) { end = min(end, boundary) }
        let usual = rates(ofHour: hour)
        var factor = 1.0
        var extraShare = 0.0
        for scenario in scenarios {
            let from = Self.ceilingMilliseconds(scenario.start), to = Self.ceilingMilliseconds(scenario.end)
            guard from <= t && t < to else { continue }
            switch scenario.name {
            case "holiday":
                factor *= profile.scenarios.holidayVolume
            case "outage_spike":
                let ramp = Int64(profile.scenarios.outageRamp * 1000)
                let elapsed = t - from
                var fraction = 1.0
                if elapsed < ramp {
                    let minute = elapsed / 60_000
                    fraction = min(1, Double(minute + 1) * 60_000 / Double(ramp))
                    end = min(end, from + (minute + 1) * 60_000)
                }
                extraShare += (profile.scenarios.outageVolume - 1) * fraction
            default:
                break
            }
        }
        var total = 0.0
        for channel in 0..<5 {
            generator.rates[channel] = usual.rates[channel] * factor / Double(Self.hour)
            total += generator.rates[channel]
        }
        generator.extra = total * extraShare
        generator.total = total + generator.extra
        generator.segmentEnd = end
        generator.localHour = usual.localHour
    }

    /// Schedules the next arrival after the generator's clock.
    mutating func scheduleNextArrival() {
        while !generator.stopped {
            if generator.total > 0 {
                generator.emptySegments = 0
                let next = generator.clock + Distributions.standardExponential(&arrivalsRandom) / generator.total
                if next < Double(generator.segmentEnd) {
                    generator.clock = next
                    calendar.schedule(.arrival, at: Int64(next))
                    return
                }
            } else {
                generator.emptySegments += 1
                // Two years without any rate: nothing will ever arrive.
                if generator.emptySegments > 2 * 366 * 24 { generator.stopped = true }
            }
            generator.clock = Double(generator.segmentEnd)
            enterSegment(at: generator.segmentEnd)
        }
    }

    /// A conversation arrives.
    mutating func arrive(at t: Int64) {
        // Which channel: the outage's extra volume, or the usual one.
        var u = arrivalsRandom.unit() * generator.total
        var channel = 4
        var outage = false
        if u < generator.extra {
            outage = true
            var v = arrivalsRandom.unit()
            for (index, share) in profile.scenarios.outageMix.enumerated() where share > 0 {
                channel = index
                v -= share
                if v < 0 { break }
            }
        } else {
            u -= generator.extra
            for index in 0..<5 where generator.rates[index] > 0 {
                channel = index
                u -= generator.rates[index]
                if u < 0 { break }
            }
        }
        let team = route(channel)
        let priority = outage ? outagePriorities[profile.scenarios.outagePriorities.draw(&arrivalsRandom)]
            : arrivalPriorities[profile.arrivals.priorities.draw(&arrivalsRandom)]
        if channel == SimulatedChannel.phone.index {
            // Outside the phone line's hours the caller hears that it is closed: no conversation.
            let group = teams[team].groups[AgentGroup.phone.index]
            if group < 0 || !groups[group].calendar.isOpen(at: Timestamp(nanosecondsSinceEpoch: t * 1_000_000)) {
                tally.offline[channel] += 1
                scheduleNextArrival()
                return
            }
        }
        let customer = pickCustomer(at: t)
        let slot = newConversation()
        conversationCount += 1
        conversations[Int(slot)] = ConversationState(
            number: conversationCount, customer: customer, channel: UInt8(channel), team: UInt8(team), priority: priority, waitStart: t,
            outage: outage)
        tally.conversations[channel] += 1
        tally.arrivalsByHour[channel][generator.localHour] += 1
        if outage { tally.outageConversations += 1 }
        // conversation.opened with the customer's segment and language.
        beginConversationEvent(Fragments.opened, slot, at: t, customer: true)
        writer.append(priorityFragments[Int(priority)])
        writeProfileAttributes(customer: customer, outage: outage)
        writer.end()
        scheduleNextArrival()

        switch SimulatedChannel.allCases[channel] {
        case .phone:
            enqueueLive(slot, group: teams[team].groups[AgentGroup.phone.index], at: t)
        case .chat:
            message(slot, at: t, Fragments.authorCustomer, customer: true)
            tally.botChats += 1
            scheduleConversation(.botReply, slot, at: t + 1000 + Int64(Distributions.index(below: 2000, &serviceRandom)))
        default:
            message(slot, at: t, Fragments.authorCustomer, customer: true)
            enqueueBacklog(slot, at: t)
        }
    }

    /// `,"attributes":{"segment":…,"language":…}` of a customer (with the outage tag).
    mutating func writeProfileAttributes(customer: Int32, outage: Bool) {
        let segment = Int(customers.segment[Int(customer)]), language = Int(customers.language[Int(customer)])
        guard !segmentValues.isEmpty || !languageValues.isEmpty || outage else { return }
        writer.append(Fragments.attributesStart)
        var comma = false
        if !segmentValues.isEmpty {
            writer.append(Fragments.segmentStart)
            writer.append(segmentValues[segment])
            comma = true
        }
        if !languageValues.isEmpty {
            writer.append(comma ? Fragments.languageStart : Array(Fragments.languageStart.dropFirst()))
            writer.append(languageValues[language])
            comma = true
        }
        if outage { writer.append(comma ? Fragments.outageTag : Array(Fragments.outageTag.dropFirst())) }
        writer.append([UInt8(ascii: "}")])
    }

    /// The team that receives a conversation of `channel`.
    mutating func route(_ channel: Int) -> Int {
        let entries = routing[channel]
        guard entries.count > 1 else { return entries.first?.team ?? 0 }
        let u = arrivalsRandom.unit()
        for entry in entries where u < entry.cumulative { return entry.team }
        return entries[entries.count - 1].team
    }

    /// A free conversation slot.
    mutating func newConversation() -> Int32 {
        if let slot = freeSlots.popLast() { return slot }
        conversations.append(ConversationState())
        return Int32(conversations.count - 1)
    }

    /// A fresh token (cancels the steps scheduled with the previous one).
    mutating func newToken(_ slot: Int32) -> UInt32 {
        tokens &+= 1
        conversations[Int(slot)].token = tokens
        return tokens
    }
}
