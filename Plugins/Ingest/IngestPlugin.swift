import Foundation
import TenetBus
import TenetIngest
import TenetPlugin

/// `tenet-ingest`: accepts events from producers and acknowledges them once the store has
/// committed them. HTTP `POST /v1/events` and ZeroMQ `lines`/`events` (docs/INGEST.md); the
/// logic lives in the TenetIngest library.
@main
struct IngestPlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let dataDirectory = environment.dataDirectory ?? FileManager.default.currentDirectoryPath
            let storeEndpoint = try runtime.endpoint(of: "store")
            let endpoint = try environment.requirePluginEndpoint()
            let configuration = try IngestConfiguration(variables: PluginEnvironment.processVariables(), dataDirectory: dataDirectory)
            let store = try BusAsyncClient(context: runtime.context, endpoint: storeEndpoint, sender: environment.name)
            defer { store.shutdown() }
            let http = HTTPIngest(store: store, token: configuration.token, tokenFile: configuration.tokenFile)
            let server = RequestServer(context: runtime.context, endpoint: endpoint, name: environment.name)
            let context = runtime.context
            let name = environment.name
            let logger = runtime.logger
            runtime.logger.info("ingest starting", metadata: ["store": "\(storeEndpoint)", "http": "\(configuration.host):\(configuration.port)"])
            try await runtime.run(services: [
                http.application(host: configuration.host, port: configuration.port, dataDirectory: dataDirectory, logger: runtime.logger),
                // After the HTTP server: services stop in reverse order, so this tells waiting
                // requests to answer before the server waits for them.
                http.stopping.watcher(),
                server.service(name: "tenet-ingest-zmq") {
                    try IngestRequestHandler(context: context, storeEndpoint: storeEndpoint, name: name, logger: logger)
                },
            ])
        }
    }
}
