import TenetImporter
import TenetPlugin
import Testing

@Suite("Importer configuration from the environment")
struct ImporterConfigurationTests {
    @Test("defaults live in the plugin's folder of the data directory")
    func defaults() throws {
        let configuration = try ImporterConfiguration.from([:], name: "importer", dataDirectory: "/srv/data", workingDirectory: "/w")
        #expect(configuration == ImporterConfiguration(
            inbox: "/srv/data/importer/inbox", mappings: "/srv/data/importer/mappings", settle: .seconds(2), scanInterval: .seconds(1),
            batchSize: 1000, ingestPlugin: "ingest"))
    }

    @Test("every variable overrides its default; relative paths are relative to the working directory")
    func overrides() throws {
        let configuration = try ImporterConfiguration.from(
            [
                "TENET_IMPORTER_INBOX": "drop", "TENET_IMPORTER_MAPPINGS": "/etc/tenet/mappings", "TENET_IMPORTER_SETTLE": "250ms",
                "TENET_IMPORTER_SCAN": "100ms", "TENET_IMPORTER_BATCH": "50", "TENET_IMPORTER_INGEST": "ingest-2",
            ], name: "importer", dataDirectory: nil, workingDirectory: "/w")
        #expect(configuration == ImporterConfiguration(
            inbox: "/w/drop", mappings: "/etc/tenet/mappings", settle: .milliseconds(250), scanInterval: .milliseconds(100), batchSize: 50,
            ingestPlugin: "ingest-2"))
    }

    @Test("a wrong value names the variable, the value and the reason")
    func wrongValues() {
        #expect(throws: PluginEnvironmentError(
            code: .invalidValue, variable: "TENET_IMPORTER_SETTLE",
            message: "TENET_IMPORTER_SETTLE is 'soon': give a duration above zero such as 500ms, 2s or 1m")
        ) { try ImporterConfiguration.from(["TENET_IMPORTER_SETTLE": "soon"], name: "i", dataDirectory: "/d", workingDirectory: "/") }
        #expect(throws: PluginEnvironmentError(
            code: .invalidValue, variable: "TENET_IMPORTER_BATCH",
            message: "TENET_IMPORTER_BATCH is '0': give a whole number of events from 1 to 100000")
        ) { try ImporterConfiguration.from(["TENET_IMPORTER_BATCH": "0"], name: "i", dataDirectory: "/d", workingDirectory: "/") }
        #expect(throws: PluginEnvironmentError(
            code: .missingVariable, variable: "TENET_DATA_DIR",
            message: "TENET_DATA_DIR is not set, so TENET_IMPORTER_INBOX must be: the importer has no directory for its inbox")
        ) { try ImporterConfiguration.from([:], name: "i", dataDirectory: nil, workingDirectory: "/") }
    }
}
