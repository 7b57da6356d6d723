import ArgumentParser
import Foundation
import TenetControl
import TenetPhilosophy

/// The options every command that asks the rules plugin takes (`tenet alerts`, `tenet sla`,
/// `tenet silence …`): which plugin, how long to wait, the zone instants are shown in, the data
/// directory.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: "The rules plugin's name in the stack (default: rules).")
    var plugin = "rules"

    @Option(name: .long, help: "Seconds to wait for the rules plugin.")
    var timeout: Double = 10

    @Option(name: .long, help: "The time zone instants are shown in, such as Europe/Berlin (default: the organisation's, else local).")
    var zone: String?

    @OptionGroup var data: DataOptions

    /// A client to the rules plugin, after checking `--zone`.
    func connect(sender: String) throws -> PluginClient {
        if let zone, TimeZone(identifier: zone) == nil {
            throw CommandFailure(message: "--zone \(zone): not a time zone (such as Europe/Berlin or UTC)", exitCode: 64)
        }
        return try PluginClient(plugin: plugin, dataPath: data.data, sender: sender, timeoutSeconds: timeout)
    }

    /// The zone instants are shown in: `--zone`; else the organisation's, from the philosophy
    /// file the running stack names (when it reads without errors); else the local zone.
    func timeZone(_ report: StatusReport) -> TimeZone {
        if let zone, let named = TimeZone(identifier: zone) { return named }
        if let path = report.supervisor.philosophy, let philosophy = PhilosophyLoader.load(path: path).philosophy,
            let organisation = TimeZone(identifier: philosophy.organisation.zone)
        {
            return organisation
        }
        return .current
    }
}
