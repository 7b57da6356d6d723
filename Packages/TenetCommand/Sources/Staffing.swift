import ArgumentParser
import Foundation
import TenetBus
import TenetCalendar
import TenetMetricsProtocol
import TenetModels
import TenetStaffing

/// `tenet staffing`: agents needed per slot of the week, by Erlang C, from the contacts and
/// handle times the metrics plugin measured.
struct Staffing: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Agents needed per interval of the week (Erlang C) for a service level, from the measured contacts.",
        discussion: """
            For each slot of the week (in the organisation's zone): the mean arrival rate over the \
            matching days of the data, the handle time, the offered load and the smallest number of \
            agents that meets the target, with the predicted service level, ASA and occupancy. \
            docs/STAFFING.md gives the formulas.
            """)

    @Option(name: .long, help: "Slot length: 15m, 30m or 1h.")
    var interval = "30m"

    @Option(name: .long, help: "Days: weekdays, weekends, daily, or a list such as mon,wed.")
    var days = "daily"

    @Option(name: .long, help: "Handle time: `observed`, or seconds.")
    var aht = "observed"

    @Option(name: .long, help: "Service-level target, such as 80/20 (80% within 20 s).")
    var serviceLevel: String?

    @Option(name: .long, help: "Instead of a service level: the highest probability of waiting (0–1).")
    var maxWaitProbability: Double?

    @Option(name: .long, help: "The highest occupancy (0–1), such as 0.85.")
    var maxOccupancy: Double?

    @Option(name: .long, help: "Shrinkage (0–1): the share of paid time agents are not available.")
    var shrinkage: Double = 0

    @Option(name: .long, parsing: .singleValue, help: "A filter DIM=V1,V2 (repeatable), such as channel=phone.")
    var `where`: [String] = []

    @Option(name: .long, help: "The first instant included (RFC 3339).")
    var from: String?

    @Option(name: .long, help: "The first instant excluded (RFC 3339).")
    var to: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var data: DataOptions

    func run() throws {
        let minutes: Int
        switch interval {
        case "15m": minutes = 15
        case "30m": minutes = 30
        case "1h", "60m": minutes = 60
        default: throw CommandFailure(message: "--interval \(interval): use 15m, 30m or 1h", exitCode: 64)
        }
        guard let chosen = Weekday.days(named: days).map(Set.init) else {
            throw CommandFailure(message: "--days \(days): use weekdays, weekends, daily, or days such as mon,wed", exitCode: 64)
        }
        let goal: StaffingTarget.Goal
        do {
            if let maxWaitProbability {
                goal = .maximumWaitProbability(maxWaitProbability)
            } else {
                goal = try StaffingTarget.serviceLevel(parsing: serviceLevel ?? "80/20")
            }
            let handle: StaffingPlanner.HandleTime
            if aht == "observed" {
                handle = .observed
            } else if let seconds = Double(aht) {
                handle = .fixed(seconds)
            } else {
                throw CommandFailure(message: "--aht \(aht): give seconds or `observed`", exitCode: 64)
            }
            let target = try StaffingTarget(goal: goal, maximumOccupancy: maxOccupancy, shrinkage: shrinkage)
            let planner = try StaffingPlanner(intervalMinutes: minutes, handleTime: handle, target: target)
            let observations = try fetch(minutes: minutes)
            let plans = try planner.plan(
                observations.slots.compactMap { slot -> IntervalObservation? in
                    guard let weekday = Weekday(name: slot.weekday), chosen.contains(weekday), slot.days > 0 else { return nil }
                    // Observed handle time is the mean over the handled contacts of the slot.
                    let mean = slot.handled > 0 ? slot.handleSeconds / Double(slot.handled) : 0
                    return IntervalObservation(
                        slot: IntervalSlot(weekday: weekday, startMinute: slot.startMinute), dayCount: slot.days,
                        contactCount: slot.contacts, handleTimeSum: mean * Double(slot.contacts))
                })
            print(json ? Self.json(plans) : Self.table(plans, observations))
        } catch let error as StaffingError {
            throw CommandFailure(message: error.description, exitCode: 64)
        }
    }

    func fetch(minutes: Int) throws -> StaffingObservationsReply {
        let client = try PluginClient(plugin: "metrics", dataPath: data.data, sender: "tenet-staffing", timeout: .seconds(30))
        defer { client.close() }
        let filter = try QueryOptions.filter(`where`)
        let request = StaffingRequest(intervalMinutes: minutes, from: from, to: to, where: filter.isEmpty ? nil : filter)
        return try client.request("staffing", body: request, as: StaffingObservationsReply.self)
    }

    static func table(_ plans: [IntervalPlan], _ observations: StaffingObservationsReply) -> String {
        var rows = [["SLOT", "CONTACTS/DAY", "AHT", "LOAD", "AGENTS", "SCHEDULED", "SL", "ASA", "OCCUPANCY"]]
        for plan in plans {
            rows.append([
                plan.slot.description, String(format: "%.1f", Double(plan.contactCount) / Double(max(1, plan.dayCount))),
                plan.aht.map { DurationText.figure(seconds: $0) } ?? "-", String(format: "%.2f", plan.load), "\(plan.agents)", "\(plan.scheduledAgents)",
                String(format: "%.1f%%", plan.serviceLevel * 100), DurationText.figure(seconds: plan.averageSpeedOfAnswer),
                String(format: "%.0f%%", plan.occupancy * 100),
            ])
        }
        let span = [observations.firstDay, observations.lastDay].compactMap { $0 }.joined(separator: " … ")
        return TextTable.align(rows) + "\nslots in \(observations.zone); data \(span.isEmpty ? "none" : span)"
    }

    static func json(_ plans: [IntervalPlan]) -> String {
        let rows = plans.map { plan -> String in
            "{\"slot\":\"\(plan.slot)\",\"contacts\":\(plan.contactCount),\"days\":\(plan.dayCount),\"arrival_rate\":\(plan.arrivalRate),"
                + "\"aht\":\(plan.aht.map { "\($0)" } ?? "null"),\"load\":\(plan.load),\"agents\":\(plan.agents),"
                + "\"scheduled_agents\":\(plan.scheduledAgents),\"service_level\":\(plan.serviceLevel),"
                + "\"asa\":\(plan.averageSpeedOfAnswer),\"occupancy\":\(plan.occupancy)}"
        }
        return "[" + rows.joined(separator: ",") + "]"
    }
}
