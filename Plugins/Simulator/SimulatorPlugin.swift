import TenetPlugin
import TenetSimulatorService

/// `tenet-simulator`: a simulated support center sending its events through ingest like any
/// producer (docs/SIMULATOR.md). The first run starts `TENET_SIMULATOR_HISTORY` ago and catches
/// up at `TENET_SIMULATOR_SPEED`, then runs in real time; a restart resumes where the last run
/// stopped, from the state in `$TENET_DATA_DIR/<plugin name>/state.json`. It answers `stats`.
@main
struct SimulatorPlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let setup = try SimulatorPluginSetup(
                variables: PluginEnvironment.processVariables(), dataDirectory: environment.dataDirectory.map { $0 + "/" + environment.name })
            let ingest = try runtime.endpoint(of: setup.settings.ingest)
            let (context, name, logger) = (runtime.context, environment.name, runtime.logger)
            let server = RequestServer(context: context, endpoint: try environment.requirePluginEndpoint(), name: name)
            try await runtime.run(services: [
                server.service(name: "tenet-simulator") {
                    try setup.makeHandler(context: context, ingestEndpoint: ingest, sender: name, logger: logger)
                }
            ])
        }
    }
}
