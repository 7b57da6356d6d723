import TenetControl
#if canImport(Glibc)
import Glibc
#endif

/// What the supervisor tells a plugin process through its environment: the plugin contract.
///
/// Any language can read these variables; `docs/PLUGINS.md` lists them. A Swift plugin reads
/// them with ``fromProcess()``.
public struct PluginEnvironment: Hashable, Sendable {
    /// `TENET_PLUGIN_NAME`: the plugin's name in the stack file; use it as `sender`.
    public var name: String
    /// `TENET_BUS_PUBLISH`: connect a PUB socket here to publish on the event bus.
    public var publishEndpoint: String
    /// `TENET_BUS_SUBSCRIBE`: connect a SUB socket here to receive from the event bus.
    public var subscribeEndpoint: String
    /// `TENET_CONTROL`: the supervisor's ROUTER endpoint for requests (`status`, `restart`…).
    public var controlEndpoint: String?
    /// `TENET_PLUGIN_ENDPOINT`: where this plugin binds its own ROUTER if it answers requests.
    public var pluginEndpoint: String?
    /// `TENET_DATA_DIR`: the stack's data directory.
    public var dataDirectory: String?
    /// `TENET_HEARTBEAT_INTERVAL_MS`: how often to publish `sys.heartbeat.<name>` (default 1000).
    public var heartbeatInterval: Duration

    /// Creates an environment explicitly (for tests and embedding).
    public init(
        name: String, publishEndpoint: String, subscribeEndpoint: String, controlEndpoint: String? = nil,
        pluginEndpoint: String? = nil, dataDirectory: String? = nil, heartbeatInterval: Duration = .seconds(1)
    ) {
        self.name = name
        self.publishEndpoint = publishEndpoint
        self.subscribeEndpoint = subscribeEndpoint
        self.controlEndpoint = controlEndpoint
        self.pluginEndpoint = pluginEndpoint
        self.dataDirectory = dataDirectory
        self.heartbeatInterval = heartbeatInterval
    }

    /// `TENET_ENDPOINT_<NAME>`: the request endpoint of every plugin in the stack, by plugin
    /// name (the variable's suffix is the name in capitals, other characters as `_`).
    public var peerEndpoints: [String: String] = [:]

    /// ``pluginEndpoint``, or an error naming the variable when the plugin must serve requests.
    public func requirePluginEndpoint() throws(PluginEnvironmentError) -> String {
        guard let pluginEndpoint else {
            throw PluginEnvironmentError(
                code: .missingVariable, variable: "TENET_PLUGIN_ENDPOINT",
                message: "TENET_PLUGIN_ENDPOINT is not set: \(name) serves requests and needs an endpoint to bind")
        }
        return pluginEndpoint
    }

    /// Reads the contract from `variables` (the process environment by default).
    ///
    /// - Throws: ``PluginEnvironmentError`` naming the variable that is missing or wrong.
    public static func fromProcess(
        _ variables: [String: String] = PluginEnvironment.processVariables()
    ) throws(PluginEnvironmentError) -> PluginEnvironment {
        func required(_ key: String) throws(PluginEnvironmentError) -> String {
            guard let value = variables[key], !value.isEmpty else {
                throw PluginEnvironmentError(
                    code: .missingVariable, variable: key,
                    message: "\(key) is not set: start this plugin from `tenet up` or set it by hand")
            }
            return value
        }
        var interval = Duration.seconds(1)
        if let text = variables["TENET_HEARTBEAT_INTERVAL_MS"] {
            guard let milliseconds = Int(text), milliseconds > 0 else {
                throw PluginEnvironmentError(
                    code: .invalidValue, variable: "TENET_HEARTBEAT_INTERVAL_MS",
                    message: "TENET_HEARTBEAT_INTERVAL_MS: '\(text)' is not a positive whole number of milliseconds")
            }
            interval = .milliseconds(milliseconds)
        }
        var environment = PluginEnvironment(
            name: try required("TENET_PLUGIN_NAME"),
            publishEndpoint: try required("TENET_BUS_PUBLISH"),
            subscribeEndpoint: try required("TENET_BUS_SUBSCRIBE"),
            controlEndpoint: variables["TENET_CONTROL"],
            pluginEndpoint: variables["TENET_PLUGIN_ENDPOINT"],
            dataDirectory: variables["TENET_DATA_DIR"],
            heartbeatInterval: interval)
        for (key, value) in variables where key.hasPrefix(PluginContract.endpointPrefix) && !value.isEmpty {
            environment.peerEndpoints[key] = value
        }
        return environment
    }

    /// The current process's environment variables.
    public static func processVariables() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let separator = text.firstIndex(of: "=") {
                result[String(text[..<separator])] = String(text[text.index(after: separator)...])
            }
            cursor += 1
        }
        return result
    }
}

/// The plugin environment is incomplete or wrong.
public struct PluginEnvironmentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A required variable is not set.
        public static let missingVariable = Code(rawValue: "missing_variable")
        /// A variable's value cannot be used.
        public static let invalidValue = Code(rawValue: "invalid_value")
    }

    /// What kind of problem.
    public var code: Code
    /// The variable at fault.
    public var variable: String
    /// A sentence naming the variable, its value and the reason.
    public var message: String

    /// Creates an error.
    public init(code: Code, variable: String, message: String) {
        self.code = code
        self.variable = variable
        self.message = message
    }

    public var description: String { message }
}
