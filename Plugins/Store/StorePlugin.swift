import TenetPlugin
import TenetStoreServer

/// `tenet-store`: the only process that opens the event database (docs/STORE.md). The database
/// is `DATA/tenet.sqlite` unless `TENET_STORE_DATABASE` names another file; the logic lives in
/// the TenetStoreServer library.
@main
struct StorePlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let endpoint = try environment.requirePluginEndpoint()
            let path = PluginEnvironment.processVariables()["TENET_STORE_DATABASE"]
                ?? ((environment.dataDirectory ?? ".") + "/tenet.sqlite")
            let context = runtime.context
            let name = environment.name
            let logger = runtime.logger
            let publish = environment.publishEndpoint
            let server = RequestServer(context: context, endpoint: endpoint, name: name)
            // The handler opens (and checks) the database on the server's thread; a damaged or
            // unreadable file ends the plugin with its message and exit code (PluginMain).
            try await runtime.run(services: [
                server.service(name: "tenet-store") {
                    try StoreRequestHandler(context: context, databasePath: path, publishEndpoint: publish, name: name, logger: logger)
                }
            ])
        }
    }
}
