import Foundation
import TenetImporter
import TenetPlugin

/// `tenet-importer`: watches an inbox directory and imports each complete file (NDJSON, or CSV
/// through a column mapping) through the ingest plugin like any producer, then moves it to
/// `done/` or `failed/` with a JSON report (docs/PLUGINS.md, "The importer"). The logic lives in
/// the TenetImporter library; the settings come from `TENET_IMPORTER_*` (``ImporterConfiguration``).
@main
struct ImporterPlugin {
    static func main() async {
        await PluginMain.run { runtime in
            let environment = runtime.environment
            let configuration = try ImporterConfiguration.from(
                PluginEnvironment.processVariables(), name: environment.name, dataDirectory: environment.dataDirectory,
                workingDirectory: FileManager.default.currentDirectoryPath)
            let ingest = try runtime.endpoint(of: configuration.ingestPlugin)
            let (context, name, logger) = (runtime.context, environment.name, runtime.logger)
            logger.info("importer watching \(configuration.inbox) (mappings in \(configuration.mappings)), sending to \(ingest)")
            try await runtime.run(services: [
                BlockingService(name: "tenet-importer") { stop in
                    Importer(configuration: configuration, context: context, ingestEndpoint: ingest, name: name, logger: logger)
                        .run(until: stop)
                }
            ])
        }
    }
}
