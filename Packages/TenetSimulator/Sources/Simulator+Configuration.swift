import Foundation
import TenetCalendar
import TenetModels
import TenetPhilosophy
import TenetYAML

/// The fixed text of one `extra_events` stream.
struct ExtraEventText: Sendable {
    var type: [UInt8]
    /// Before the drawn value (or the whole rest, without a value).
    var head: [UInt8]
    /// After the drawn value.
    var tail: [UInt8]
    var hasValue: Bool
    var cumulative: [Double]
    var from: Int
}

extension Simulator {
    /// Teams, groups, agents, routing, schedules and fixed text, from the profile and the
    /// philosophy.
    mutating func configure(philosophy: Philosophy?) throws(SimulationProfileError) {
        let file = profile.source
        if let philosophy, !philosophy.teams.isEmpty {
            let known = philosophy.teams.map(\.id)
            for entry in profile.staffing where entry.agents > 0 && !known.contains(entry.team) {
                throw SimulationProfileError(
                    code: .mismatch, file: file, position: entry.position, field: "teams.\(entry.team)",
                    message: "`teams.\(entry.team.excerpt)` is not a team of the philosophy\(Suggestion.hint(for: entry.team, among: known)) (its teams: \(known.joined(separator: ", ")))")
            }
        }
        // Teams with agents, in the order written; their groups and agents.
        for entry in profile.staffing where entry.agents > 0 {
            var team = teams.firstIndex { $0.id == entry.team } ?? -1
            if team < 0 {
                team = teams.count
                teams.append(TeamInfo(id: entry.team, fragment: EventWriter.field("team", entry.team), fromFragment: EventWriter.field("from_team", entry.team)))
            }
            let schedule = try groupSchedule(entry.team, entry.group, philosophy: philosophy)
            let calendar: BusinessCalendar
            do {
                calendar = try BusinessCalendar(schedule)
            } catch {
                throw SimulationProfileError(code: .mismatch, file: file, position: entry.position, field: "teams.\(entry.team).\(entry.group.rawValue)", message: "the schedule `\(schedule.name)` cannot be used: \(error)")
            }
            let groupIndex = groups.count
            var group = GroupState(team: team, kind: entry.group, calendar: calendar, zone: ZoneClock(calendar.timeZone))
            let numbered = agents.filter { $0.team == team }.count
            for offset in 0..<entry.agents {
                let id = "\(entry.team)-\(Self.padded(numbered + offset + 1, 3))"
                group.agents.append(Int32(agents.count))
                agents.append(
                    AgentState(
                        fragment: EventWriter.field("agent", id), fromFragment: EventWriter.field("from_agent", id), id: EventWriter.escaped(id),
                        team: team, group: groupIndex, concurrency: entry.concurrency))
            }
            teams[team].groups[entry.group.index] = groupIndex
            groups.append(group)
        }
        // Routing: team numbers and cumulative shares, for the channels with a rate.
        routing = SimulatedChannel.allCases.map { channel in
            let mix = profile.arrivals.routing[channel.index]
            var sum = 0.0
            var entries: [(team: Int, cumulative: Double)] = []
            for (name, share) in zip(mix.names, mix.shares) where share > 0 {
                guard let team = teams.firstIndex(where: { $0.id == name }) else { continue }
                sum += share
                entries.append((team, sum))
            }
            return entries.map { ($0.team, $0.cumulative / max(sum, 1e-12)) }
        }
        for channel in SimulatedChannel.allCases where profile.arrivals.rates[channel.index] > 0 && routing[channel.index].isEmpty {
            throw SimulationProfileError(
                code: .mismatch, file: file, field: "arrivals.routing.\(channel.rawValue)",
                message: "`arrivals.routing.\(channel.rawValue)`: no team with agents takes \(channel.rawValue)")
        }
        // Holidays that lower a channel's volume: those of its main team's schedule.
        if let philosophy {
            for channel in SimulatedChannel.allCases {
                let mix = profile.arrivals.routing[channel.index]
                guard let main = zip(mix.names, mix.shares).max(by: { $0.1 < $1.1 })?.0 else { continue }
                let name = philosophy.scheduleName { field in
                    switch field {
                    case .dimension(.team): main
                    case .dimension(.channel): channel.rawValue
                    default: nil
                    }
                }
                channelSchedules[channel.index] = philosophy.schedule(named: name)
            }
        }
        // Fixed text.
        channelFragments = SimulatedChannel.allCases.map { EventWriter.field("channel", $0.rawValue) }
        priorityFragments = SimulatedPriority.allCases.map { EventWriter.field("priority", $0.rawValue) }
        segmentValues = profile.arrivals.segments.names.map(EventWriter.quoted)
        languageValues = profile.arrivals.languages.names.map(EventWriter.quoted)
        sourceValues = profile.customers.sources.names.map(EventWriter.quoted)
        ownerFragments = profile.customers.owners.names.map { EventWriter.field("team", $0) }
        employeesTeam = profile.employees.team.map { EventWriter.field("team", $0) } ?? []
        qaCategoryTexts = profile.qa.categories.map { EventWriter.text("{\"name\":") + EventWriter.quoted($0) + EventWriter.text(",\"score\":") }
        extraEventTexts = profile.extraEvents.map(Self.text(of:))
        // Staff: every agent, then the others.
        staff = agents.map { ($0.id, EventWriter.escaped(teams[$0.team].id)) }
        for number in 0..<profile.employees.otherStaff {
            staff.append((EventWriter.escaped("staff-\(Self.padded(number + 1, 3))"), EventWriter.escaped(profile.employees.team ?? "staff")))
        }
        currencyFragment = EventWriter.field("currency", profile.currency)
        arrivalPriorities = profile.arrivals.priorities.names.map { UInt8(SimulatedPriority(rawValue: $0)?.index ?? 2) }
        outagePriorities = profile.scenarios.outagePriorities.names.map { UInt8(SimulatedPriority(rawValue: $0)?.index ?? 1) }
        groupHandling = groups.map { group in
            switch group.kind {
            case .phone: profile.phone.talk.mean + profile.phone.wrapup.mean
            case .chat: (profile.chat.talk.mean + profile.chat.wrapup.mean) / Double(max(1, profile.staffing.first { $0.group == .chat && $0.team == teams[group.team].id }?.concurrency ?? 1))
            case .tickets: profile.tickets.work.mean
            }
        }
        groupWeights = groups.map { group in
            SimulatedChannel.allCases.map { channel in
                let share = profile.arrivals.routing[channel.index].share(of: teams[group.team].id)
                switch group.kind {
                case .phone: return channel == .phone ? share : 0
                case .chat: return channel == .chat ? share * profile.chat.botHandoff : 0
                case .tickets: return channel.liveGroup == nil ? share : 0
                }
            }
        }
        // Where scenarios change the arrival rate.
        var boundaries: [Int64] = []
        for scenario in scenarios where scenario.name != "staff_shortage" {
            boundaries.append(Self.ceilingMilliseconds(scenario.start))
            boundaries.append(Self.ceilingMilliseconds(scenario.end))
        }
        scenarioBoundaries = boundaries.sorted()
        absentees = Array(repeating: [], count: scenarios.count)
    }

    /// The schedule of a group: the philosophy's coverage for the group's channel and team, or
    /// the profile's hours in the profile's zone.
    func groupSchedule(_ team: String, _ group: AgentGroup, philosophy: Philosophy?) throws(SimulationProfileError) -> Schedule {
        if let philosophy {
            let name = philosophy.scheduleName { field in
                switch field {
                case .dimension(.team): team
                case .dimension(.channel): group.coverageChannel.rawValue
                default: nil
                }
            }
            if let schedule = philosophy.schedule(named: name) { return schedule }
            throw SimulationProfileError(code: .mismatch, field: "coverage", message: "the philosophy's coverage names the schedule `\(name)`, which it does not define")
        }
        return Schedule(name: "profile-\(group.rawValue)", zone: profile.zone, versions: [ScheduleVersion(effective: nil, weekly: profile.shifts.hours[group.index])])
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func text(of event: SimulationProfile.ExtraEvent) -> ExtraEventText {
        let team = event.team.map { EventWriter.field("team", $0) } ?? []
        var fixed: [UInt8] = []
        for (index, (key, value)) in event.attributes.enumerated() {
            if index > 0 { fixed.append(UInt8(ascii: ",")) }
            fixed += EventWriter.quoted(key) + [UInt8(ascii: ":")] + EventWriter.quoted(value)
        }
        let attributes = fixed.isEmpty ? [] : EventWriter.text(",\"attributes\":{") + fixed + [UInt8(ascii: "}")]
        var sum = 0.0
        let cumulative = event.valueShares.map { share in
            sum += share
            return sum
        }
        var text = ExtraEventText(
            type: Fragments.type(event.type), head: team + attributes, tail: [], hasValue: false, cumulative: cumulative, from: event.valueFrom)
        if let field = event.valueField, !cumulative.isEmpty {
            text.hasValue = true
            if field == "score" {
                text.head = team + EventWriter.text(",\"score\":")
                text.tail = attributes
            } else {
                let name = String(field.dropFirst("attributes.".count))
                text.head = team + EventWriter.text(",\"attributes\":{") + fixed + (fixed.isEmpty ? [] : [UInt8(ascii: ",")]) + EventWriter.quoted(name)
                    + [UInt8(ascii: ":")]
                text.tail = [UInt8(ascii: "}")]
            }
        }
        return text
    }
}
