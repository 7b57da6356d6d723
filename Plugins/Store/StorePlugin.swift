import TenetPlugin

/// `tenet-store`: the only process that opens the event database.
///
/// It answers `append`, `replay`, `query`, `dead_letters` and `stats` on its endpoint (see
/// docs/STORE.md), commits appends from many producers in one transaction (group commit), and
/// after each commit publishes every newly stored event on `event.<type>` with its sequence
/// number. The database is `DATA/tenet.sqlite` unless `TENET_STORE_DATABASE` names another file.
@main
struct StorePlugin {
    static func main() async throws {
        let runtime = try PluginRuntime()
        let environment = runtime.environment
        guard let endpoint = environment.pluginEndpoint else {
            throw PluginEnvironmentError(
                code: .missingVariable, variable: "TENET_PLUGIN_ENDPOINT",
                message: "TENET_PLUGIN_ENDPOINT is not set: the store needs an endpoint to serve")
        }
        let variables = PluginEnvironment.processVariables()
        let path = variables["TENET_STORE_DATABASE"] ?? ((environment.dataDirectory ?? ".") + "/tenet.sqlite")
        let server = StoreServer(
            context: runtime.context, endpoint: endpoint, publishEndpoint: environment.publishEndpoint,
            name: environment.name, databasePath: path, logger: runtime.logger)
        try await runtime.run(services: [BlockingService(name: "tenet-store") { stop in try server.run(until: stop) }])
    }
}
