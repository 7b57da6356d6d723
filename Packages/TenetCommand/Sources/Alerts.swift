import ArgumentParser
import Foundation
import TenetBus
import TenetModels
import TenetRulesProtocol
import TenetRulesText

/// `tenet alerts`: what is pending and firing now, the targets not met, and the latest
/// transitions, from the rules plugin.
struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the alerts pending and firing now, the targets not met and the latest transitions, from the rules plugin.",
        discussion: """
            Firing instances first: rule, severity, state, labels, value, and how long the condition \
            has held and the alert has fired. Then the key metrics whose target is not met, and the \
            latest transitions, newest first. docs/ALERTS.md says when an alert goes pending, fires \
            and resolves.
            """)

    @Option(name: .long, help: "How many of the latest transitions to list (0–1000; default 50).")
    var recent: Int?

    @Flag(name: .long, help: "Print the plugin's reply as JSON.")
    var json = false

    @Flag(name: .long, help: "Redraw whenever an alert or target changes, and every 10 seconds (Ctrl-C to stop).")
    var watch = false

    @OptionGroup var rules: RulesOptions

    func run() throws {
        if let recent, !(0...1000).contains(recent) {
            throw CommandFailure(message: "--recent \(recent): give 0 to 1000", exitCode: 64)
        }
        if json && watch {
            throw CommandFailure(message: "--json and --watch: choose one", exitCode: 64)
        }
        let client = try rules.connect(sender: "tenet-alerts")
        defer { client.close() }
        let request = AlertsRequest(recent: recent)
        if json {
            print(String(decoding: try client.request(RulesMethod.alerts.rawValue, body: request).body, as: UTF8.self))
            return
        }
        let zone = rules.timeZone(client.report)
        if watch {
            // Target status changes are published as `target.<value>.<metric>`.
            try client.watch(topics: [BusTopic.alerts, "target."], every: .seconds(10)) {
                try Self.text(client: client, request: request, zone: zone)
            }
        }
        print(try Self.text(client: client, request: request, zone: zone), terminator: "")
    }

    /// Asks for the alerts and renders them at the current instant.
    static func text(client: PluginClient, request: AlertsRequest, zone: TimeZone) throws -> String {
        let reply = try client.request(RulesMethod.alerts.rawValue, body: request, as: AlertsReply.self)
        return AlertsText.render(reply, now: Timestamp.now(), zone: zone)
    }
}
