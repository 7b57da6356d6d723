import Foundation
import TenetBus
import TenetPlugin

/// `tenet-ingest`: accepts events from producers and acknowledges them once the store has
/// committed them.
///
/// - HTTP: `POST /v1/events` (a JSON object, a JSON array or NDJSON) with
///   `Authorization: Bearer TOKEN`, on `TENET_INGEST_HTTP` (default `127.0.0.1:8780`; port 0
///   picks a free one). The token is `TENET_INGEST_TOKEN`, or else generated on first start
///   into `DATA/ingest.token` (mode 0600). The address in use is written to `DATA/ingest.json`.
/// - ZeroMQ: methods `lines` and `events` on the plugin's endpoint (see docs/INGEST.md).
///
/// The store is found through `TENET_STORE_ENDPOINT`, or else asked of the supervisor.
@main
struct IngestPlugin {
    static func main() async throws {
        let runtime = try PluginRuntime()
        let environment = runtime.environment
        let variables = PluginEnvironment.processVariables()
        let dataDirectory = environment.dataDirectory ?? FileManager.default.currentDirectoryPath
        let storeEndpoint = try IngestConfiguration.storeEndpoint(variables: variables, environment: environment, context: runtime.context)
        guard let endpoint = environment.pluginEndpoint else {
            throw PluginEnvironmentError(
                code: .missingVariable, variable: "TENET_PLUGIN_ENDPOINT",
                message: "TENET_PLUGIN_ENDPOINT is not set: ingest needs an endpoint for ZeroMQ producers")
        }
        let token = try IngestConfiguration.token(variables: variables, dataDirectory: dataDirectory)
        let address = try IngestConfiguration.httpAddress(variables["TENET_INGEST_HTTP"] ?? "127.0.0.1:8780")
        let store = try BusAsyncClient(context: runtime.context, endpoint: storeEndpoint, sender: environment.name)
        defer { store.shutdown() }

        let http = HTTPIngest(
            store: store, token: token.token, tokenFile: token.file, host: address.host, port: address.port, dataDirectory: dataDirectory,
            logger: runtime.logger)
        let zmq = ZMQIngestServer(
            context: runtime.context, endpoint: endpoint, storeEndpoint: storeEndpoint, name: environment.name,
            logger: runtime.logger)
        runtime.logger.info("ingest starting", metadata: ["store": "\(storeEndpoint)", "http": "\(address.host):\(address.port)"])
        try await runtime.run(services: [
            http.application(),
            BlockingService(name: "tenet-ingest-zmq") { stop in try zmq.run(until: stop) },
        ])
    }
}
