import TenetMetricsServer
import TenetModels
import TenetPlugin

/// `tenet-metrics`: computes every key metric from the stored events, answers queries and
/// publishes the standing series on `metric.<name>` (docs/METRICS.md). The logic lives in the
/// TenetMetricsServer library; the philosophy comes from `TENET_PHILOSOPHY`. Its checkpoint
/// lives in `$TENET_DATA_DIR/<plugin name>/`, written every `TENET_METRICS_CHECKPOINT_INTERVAL`
/// (default `5m`; `off` writes none) and at shutdown.
@main
struct MetricsPlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let endpoint = try environment.requirePluginEndpoint()
            let store = try runtime.endpoint(of: PluginEnvironment.processVariables()["TENET_METRICS_STORE"] ?? "store")
            let context = runtime.context
            let name = environment.name
            let logger = runtime.logger
            let subscribe = environment.subscribeEndpoint
            let publish = environment.publishEndpoint
            let variables = PluginEnvironment.processVariables()
            let philosophy = variables["TENET_PHILOSOPHY"]
            let intervalText = variables["TENET_METRICS_CHECKPOINT_INTERVAL"] ?? "5m"
            var checkpointDirectory = environment.dataDirectory.map { $0 + "/" + name }
            var interval = Duration.seconds(300)
            if intervalText == "off" {
                checkpointDirectory = nil
            } else if let parsed = DurationText.parse(intervalText), parsed > .zero {
                interval = parsed
            } else {
                throw PluginEnvironmentError(
                    code: .invalidValue, variable: "TENET_METRICS_CHECKPOINT_INTERVAL",
                    message: "TENET_METRICS_CHECKPOINT_INTERVAL is `\(intervalText)`: give a duration such as 30s or 5m, or off")
            }
            let (directory, every) = (checkpointDirectory, interval)
            let server = RequestServer(context: context, endpoint: endpoint, name: name)
            try await runtime.run(services: [
                server.service(name: "tenet-metrics") {
                    try MetricsRequestHandler(
                        context: context, subscribeEndpoint: subscribe, publishEndpoint: publish, storeEndpoint: store, name: name,
                        philosophyPath: philosophy, checkpointDirectory: directory, checkpointInterval: every, logger: logger)
                }
            ])
        }
    }
}
