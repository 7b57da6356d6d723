import ArgumentParser
import Foundation
import TenetBus
import TenetControl
import TenetClock
import TenetModels
import TenetSupervisor

/// `tenet status`: the supervisor, its endpoints and every plugin's state.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every plugin's state and the bus endpoints.")

    @Flag(name: .long, help: "Print the full report as JSON (endpoints included), for tools.")
    var json = false

    @OptionGroup var data: DataOptions

    func run() throws {
        let connection = try ControlConnection(dataPath: data.data)
        defer { connection.close() }
        let report = try connection.request("status", EmptyBody(), as: StatusReport.self)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(Self.table(report))
    }

    static func table(_ report: StatusReport) -> String {
        let now = report.supervisor.nowMonotonic
        var lines = [
            "supervisor pid \(report.supervisor.pid), \(report.supervisor.phase), data \(report.supervisor.dataDirectory)",
            "bus: publish \(report.endpoints.publish)",
            "     subscribe \(report.endpoints.subscribe)" + (report.endpoints.subscribeTCP.map { ", \($0)" } ?? ""),
            "",
        ]
        var rows = [["NAME", "STATE", "PID", "RESTARTS", "FOR", "LAST EXIT"]]
        for plugin in report.plugins {
            rows.append([
                plugin.name, plugin.state.rawValue, plugin.pid.map(String.init) ?? "-", String(plugin.restarts),
                plugin.stateSinceMonotonic.map { DurationText.age(seconds: now - $0) } ?? "-", plugin.lastExit.map(Self.lastExit) ?? "-",
            ])
        }
        lines.append(TextTable.align(rows))
        return lines.joined(separator: "\n")
    }

    /// The reason, and what the plugin said last when it ended on an error.
    static func lastExit(_ exit: StatusReport.Exit) -> String {
        guard exit.exitCode != 0, let output = exit.lastOutput else { return exit.reason }
        return "\(exit.reason) — \(output)"
    }
}
