import TenetModels
import TenetPlugin

/// The importer's settings, read from its environment (the stack file's `env`).
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `TENET_IMPORTER_INBOX` | `$TENET_DATA_DIR/<name>/inbox` | the directory watched |
/// | `TENET_IMPORTER_MAPPINGS` | `$TENET_DATA_DIR/<name>/mappings` | the CSV mappings, `NAME.yaml` |
/// | `TENET_IMPORTER_SETTLE` | `2s` | how long a file must stay unchanged before it is taken |
/// | `TENET_IMPORTER_SCAN` | `1s` | how often the inbox is listed |
/// | `TENET_IMPORTER_BATCH` | `1000` | events per batch sent to ingest |
/// | `TENET_IMPORTER_INGEST` | `ingest` | the ingest plugin's name in the stack |
public struct ImporterConfiguration: Hashable, Sendable {
    /// The directory watched (absolute).
    public var inbox: String
    /// The mappings' directory (absolute).
    public var mappings: String
    /// How long a file must stay unchanged before it is taken.
    public var settle: Duration
    /// How often the inbox is listed.
    public var scanInterval: Duration
    /// Events per batch.
    public var batchSize: Int
    /// The ingest plugin's name.
    public var ingestPlugin: String

    /// Creates a configuration.
    public init(
        inbox: String, mappings: String, settle: Duration = .seconds(2), scanInterval: Duration = .seconds(1), batchSize: Int = 1000,
        ingestPlugin: String = "ingest"
    ) {
        self.inbox = inbox
        self.mappings = mappings
        self.settle = settle
        self.scanInterval = scanInterval
        self.batchSize = batchSize
        self.ingestPlugin = ingestPlugin
    }

    /// Reads the settings of plugin `name` from `variables`, relative paths against
    /// `workingDirectory`.
    ///
    /// - Throws: ``PluginEnvironmentError`` naming the variable, its value and the reason (the
    ///   plugin then exits with code 78).
    public static func from(
        _ variables: [String: String], name: String, dataDirectory: String?, workingDirectory: String
    ) throws(PluginEnvironmentError) -> ImporterConfiguration {
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : workingDirectory + "/" + path }
        func directory(_ variable: String, default leaf: String) throws(PluginEnvironmentError) -> String {
            if let value = variables[variable], !value.isEmpty { return absolute(value) }
            guard let dataDirectory, !dataDirectory.isEmpty else {
                throw PluginEnvironmentError(
                    code: .missingVariable, variable: "TENET_DATA_DIR",
                    message: "TENET_DATA_DIR is not set, so \(variable) must be: the importer has no directory for its \(leaf)")
            }
            return absolute(dataDirectory) + "/" + name + "/" + leaf
        }
        func duration(_ variable: String, default value: Duration) throws(PluginEnvironmentError) -> Duration {
            guard let text = variables[variable], !text.isEmpty else { return value }
            guard let parsed = DurationText.parse(text), parsed > .zero else {
                throw PluginEnvironmentError(
                    code: .invalidValue, variable: variable,
                    message: "\(variable) is '\(text)': give a duration above zero such as 500ms, 2s or 1m")
            }
            return parsed
        }
        var configuration = ImporterConfiguration(
            inbox: try directory("TENET_IMPORTER_INBOX", default: "inbox"),
            mappings: try directory("TENET_IMPORTER_MAPPINGS", default: "mappings"))
        configuration.settle = try duration("TENET_IMPORTER_SETTLE", default: .seconds(2))
        configuration.scanInterval = try duration("TENET_IMPORTER_SCAN", default: .seconds(1))
        if let text = variables["TENET_IMPORTER_BATCH"], !text.isEmpty {
            guard let size = Int(text), (1...100_000).contains(size) else {
                throw PluginEnvironmentError(
                    code: .invalidValue, variable: "TENET_IMPORTER_BATCH",
                    message: "TENET_IMPORTER_BATCH is '\(text)': give a whole number of events from 1 to 100000")
            }
            configuration.batchSize = size
        }
        if let plugin = variables["TENET_IMPORTER_INGEST"], !plugin.isEmpty { configuration.ingestPlugin = plugin }
        return configuration
    }
}
