/// The names of the environment variables through which the supervisor tells a plugin process
/// where everything is: the plugin contract, in one place for the supervisor that sets them and
/// the runtime that reads them (docs/PLUGINS.md lists them for plugins in any language).
public enum PluginContract {
    /// The plugin's name in the stack file.
    public static let name = "TENET_PLUGIN_NAME"
    /// Where to connect a PUB socket to publish on the event bus.
    public static let publish = "TENET_BUS_PUBLISH"
    /// Where to connect a SUB socket to receive from the event bus.
    public static let subscribe = "TENET_BUS_SUBSCRIBE"
    /// The supervisor's ROUTER endpoint for requests.
    public static let control = "TENET_CONTROL"
    /// Where this plugin binds its own ROUTER if it answers requests.
    public static let pluginEndpoint = "TENET_PLUGIN_ENDPOINT"
    /// The stack's data directory.
    public static let dataDirectory = "TENET_DATA_DIR"
    /// How often to heartbeat, in milliseconds.
    public static let heartbeatInterval = "TENET_HEARTBEAT_INTERVAL_MS"
    /// The wire protocol's version.
    public static let protocolVersion = "TENET_PROTOCOL_VERSION"
    /// The supervisor's process id.
    public static let supervisorPID = "TENET_SUPERVISOR_PID"
    /// The philosophy file (absolute), when the stack file names one (`philosophy:`).
    public static let philosophy = "TENET_PHILOSOPHY"
    /// The prefix of the variables that carry every plugin's request endpoint.
    public static let endpointPrefix = "TENET_ENDPOINT_"

    /// The variable that carries plugin `name`'s request endpoint: `TENET_ENDPOINT_STORE` for
    /// `store`, `TENET_ENDPOINT_MY_PLUGIN` for `my-plugin` (capitals; anything but a letter or a
    /// digit becomes `_`).
    public static func endpointVariable(for name: String) -> String {
        endpointPrefix + String(name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
