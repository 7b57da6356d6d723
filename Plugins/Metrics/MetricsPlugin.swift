import TenetMetricsServer
import TenetPlugin

/// `tenet-metrics`: computes every key metric from the stored events, answers queries and
/// publishes the standing series on `metric.<name>` (docs/METRICS.md). The logic lives in the
/// TenetMetricsServer library; the philosophy comes from `TENET_PHILOSOPHY`.
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
            let philosophy = PluginEnvironment.processVariables()["TENET_PHILOSOPHY"]
            let server = RequestServer(context: context, endpoint: endpoint, name: name)
            try await runtime.run(services: [
                server.service(name: "tenet-metrics") {
                    try MetricsRequestHandler(
                        context: context, subscribeEndpoint: subscribe, publishEndpoint: publish, storeEndpoint: store, name: name,
                        philosophyPath: philosophy, logger: logger)
                }
            ])
        }
    }
}
