import Foundation
import TenetBus
import TenetPlugin
import TenetWeb

/// `tenet-web`: the dashboard (docs/DASHBOARD.md), the REST API, the live stream (server-sent
/// events) and Prometheus `/metrics` (docs/API.md). It reads only through the bus: the metrics and
/// rules plugins answer its questions, the store gives a conversation's events, ingest takes its
/// events, the supervisor gives the plugins' status; the one file it reads is the philosophy. The logic lives
/// in the TenetWeb library.
@main
struct WebPlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let dataDirectory = environment.dataDirectory ?? FileManager.default.currentDirectoryPath
            let configuration = try WebConfiguration(variables: PluginEnvironment.processVariables(), dataDirectory: dataDirectory)
            // A peer missing from the stack is not fatal: its routes answer 503 and say which plugin is missing.
            var endpoints: [WebPeer: String] = [:]
            for (peer, name) in [(WebPeer.metrics, configuration.metricsPlugin), (.rules, configuration.rulesPlugin), (.ingest, configuration.ingestPlugin), (.store, configuration.storePlugin),
            ] {
                do {
                    endpoints[peer] = try runtime.endpoint(of: name)
                } catch {
                    runtime.logger.warning("no \(peer.rawValue) plugin: \(error)")
                }
            }
            endpoints[.supervisor] = environment.controlEndpoint
            let backend = try BusBackend(context: runtime.context, endpoints: endpoints, sender: environment.name)
            defer { backend.shutdown() }
            let hub = LiveHub()
            let feed = try BusFeed(context: runtime.context, endpoint: environment.subscribeEndpoint, hub: hub)
            defer { feed.stop() }
            var api = WebAPI(backend: backend, token: configuration.token, metricsNeedToken: configuration.metricsNeedToken, hub: hub)
            api.streamEvents = { feed.forwarded }
            let philosophyPath = PluginEnvironment.processVariables()["TENET_PHILOSOPHY"]
            api.philosophy = { () throws(APIError) in try PhilosophySummary.load(path: philosophyPath) }
            runtime.logger.info("web starting", metadata: ["http": "\(configuration.address)"])
            try await runtime.run(services: [
                api.application(address: configuration.address, dataDirectory: dataDirectory, logger: runtime.logger),
                // After the HTTP server: services stop in reverse order, so the live streams and
                // bodies still arriving end before the server waits for its connections.
                api.stopping.watcher(),
            ])
        }
    }
}
