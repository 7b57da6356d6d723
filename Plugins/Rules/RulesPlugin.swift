import TenetPlugin
import TenetRulesServer

/// `tenet-rules`: SLA clocks, target statuses, alert rules and notifications (docs/ALERTS.md).
/// The logic lives in the TenetRulesServer library; the philosophy comes from
/// `TENET_PHILOSOPHY`, the settings from `TENET_RULES_*`, and what must survive a restart
/// lives in `$TENET_DATA_DIR/<plugin name>/`.
@main
struct RulesPlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let variables = PluginEnvironment.processVariables()
            let settings = try RulesSettings(variables: variables)
            let endpoint = try environment.requirePluginEndpoint()
            let store = try runtime.endpoint(of: settings.store)
            let metrics = try runtime.endpoint(of: settings.metrics)
            let ingest = try settings.ingest.map { try runtime.endpoint(of: $0) }
            let (context, name, logger) = (runtime.context, environment.name, runtime.logger)
            let (subscribe, publish) = (environment.subscribeEndpoint, environment.publishEndpoint)
            let philosophy = variables["TENET_PHILOSOPHY"]
            let directory = environment.dataDirectory.map { $0 + "/" + name }
            let server = RequestServer(context: context, endpoint: endpoint, name: name)
            try await runtime.run(services: [
                server.service(name: "tenet-rules") {
                    try RulesRequestHandler(
                        context: context, subscribeEndpoint: subscribe, publishEndpoint: publish, storeEndpoint: store,
                        metricsEndpoint: metrics, ingestEndpoint: ingest, name: name, philosophyPath: philosophy, directory: directory, settings: settings,
                        logger: logger)
                }
            ])
        }
    }
}
