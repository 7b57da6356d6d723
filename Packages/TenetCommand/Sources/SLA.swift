import ArgumentParser
import Foundation
import TenetModels
import TenetRulesProtocol
import TenetRulesText

/// `tenet sla`: the running SLA clocks, soonest breach first, with attainment and the latest
/// breaches, from the rules plugin.
struct SLA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "Show the running SLA clocks, soonest breach first, with attainment and the latest breaches, from the rules plugin.",
        discussion: """
            Each running clock: conversation, policy, metric (first_response, next_reply, \
            resolution), target, time remaining (negative once overdue), when it breaches, and \
            whether it warned, breached or is paused. The header says whether SLA time is live or \
            still catching up with stored events. docs/ALERTS.md says when clocks start, pause, \
            warn and breach.
            """)

    @Flag(name: .long, help: "Only the clocks whose breach was announced.")
    var breached = false

    @Flag(name: .long, help: "Only the clocks that warned and have not breached.")
    var atRisk = false

    @Option(name: .long, help: "The most clocks listed (1–10000; default 100).")
    var limit: Int?

    @Flag(name: .long, help: "Print the plugin's reply as JSON.")
    var json = false

    @OptionGroup var rules: RulesOptions

    func run() throws {
        if breached && atRisk {
            throw CommandFailure(message: "--breached and --at-risk: choose one", exitCode: 64)
        }
        if let limit, !(1...10_000).contains(limit) {
            throw CommandFailure(message: "--limit \(limit): give 1 to 10000", exitCode: 64)
        }
        let filter = breached ? "breached" : atRisk ? "at_risk" : nil
        let client = try rules.connect(sender: "tenet-sla")
        defer { client.close() }
        let reply = try client.request(RulesMethod.sla.rawValue, body: SLARequest(filter: filter, limit: limit))
        if json {
            print(String(decoding: reply.body, as: UTF8.self))
            return
        }
        let body = try reply.decodeBody(SLAReply.self)
        print(SLAText.render(body, now: Timestamp.now(), zone: rules.timeZone(client.report), filter: filter), terminator: "")
    }
}
