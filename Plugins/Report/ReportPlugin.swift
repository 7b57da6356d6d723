import Foundation
import TenetPlugin
import TenetReportServer

/// `tenet-report`: writes the scorecard report of each day and week that ends into
/// `$TENET_DATA_DIR/reports/` (docs/REPORTS.md, "Reports on a schedule"), and answers `stats` and
/// `run`. It asks the metrics and rules plugins over the bus and opens no database. The logic
/// lives in the TenetReportServer library; the settings come from `TENET_REPORT_*`.
@main
struct ReportPlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let variables = PluginEnvironment.processVariables()
            let settings = try ReportSettings(variables: variables)
            let endpoint = try environment.requirePluginEndpoint()
            let metrics = try runtime.endpoint(of: settings.metricsPlugin)
            // Without a rules plugin the reports say so in their SLA and alerts sections; without a
            // store the metrics plugin's figures are taken as they are.
            var rules: String?
            var rulesNote: String?
            do {
                rules = try runtime.endpoint(of: settings.rulesPlugin)
            } catch {
                rulesNote = "the running stack has no plugin named '\(settings.rulesPlugin)'"
                runtime.logger.warning("no rules plugin: \(error)")
            }
            var store: String?
            do {
                store = try runtime.endpoint(of: settings.storePlugin)
            } catch {
                runtime.logger.warning("no store plugin: reports cannot check that the metrics plugin has caught up (\(error))")
            }
            let (context, name, logger) = (runtime.context, environment.name, runtime.logger)
            let publish = environment.publishEndpoint
            let philosophy = variables["TENET_PHILOSOPHY"]
            let data = environment.dataDirectory ?? FileManager.default.currentDirectoryPath
            let server = RequestServer(context: context, endpoint: endpoint, name: name)
            try await runtime.run(services: [
                server.service(name: "tenet-report") { [rules, rulesNote, store] in
                    try ReportRequestHandler(
                        context: context, publishEndpoint: publish, metricsEndpoint: metrics, rulesEndpoint: rules, storeEndpoint: store,
                        name: name, philosophyPath: philosophy, dataDirectory: data, settings: settings, logger: logger, rulesNote: rulesNote)
                }
            ])
        }
    }
}
