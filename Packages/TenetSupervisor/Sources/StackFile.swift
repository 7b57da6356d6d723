import Foundation
import TenetModels
import TenetYAML

/// A parsed stack file: which plugins make up the stack, how they are supervised, and how the
/// buses are exposed. `docs/OPERATIONS.md` documents every key.
public struct StackFile: Hashable, Sendable {
    /// How the event bus is exposed beyond the data directory's `ipc://` sockets.
    public struct BusSettings: Hashable, Sendable {
        /// An extra TCP address (`127.0.0.1:5560`) where external tools can subscribe.
        public var tcp: String?
        /// Whether the TCP endpoint requires CurveZMQ. Required for addresses that are not
        /// loopback.
        public var curve = false
        /// Messages queued per subscriber before the bus drops (publishers never block).
        public var highWaterMark = 100_000

        /// Creates the default settings (no TCP endpoint).
        public init() {}
    }

    /// Where the file was read from (for messages), or a label.
    public var path: String
    /// The bus settings.
    public var bus = BusSettings()
    /// The plugins, in file order.
    public var plugins: [PluginSpec] = []
    /// The philosophy file (absolute; relative paths in the file are taken from the stack
    /// file's folder), passed to every plugin as `TENET_PHILOSOPHY`.
    public var philosophy: String?

    /// Creates an empty stack.
    public init(path: String) {
        self.path = path
    }

    /// Reads and validates the stack file at `path`.
    public static func load(path: String) throws(StackFileError) -> StackFile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw StackFileError(
                code: .unreadable, file: path, line: 0, column: 0, field: "",
                message: "cannot read the file (missing, unreadable or not UTF-8)")
        }
        return try parse(text, path: path)
    }

    /// Parses and validates stack-file text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(StackFileError) -> StackFile {
        var reader = StackFileReader(file: path)
        return try reader.read(text)
    }
}

/// Walks the YAML node tree, so that every error can name its line and column. The first
/// problem found is thrown.
struct StackFileReader {
    let file: String

    private static let topKeys = ["version", "philosophy", "bus", "defaults", "plugins"]
    private static let busKeys = ["tcp", "curve", "high_water_mark"]
    private static let pluginKeys = [
        "name", "command", "args", "env", "order", "heartbeat", "autostart", "restart", "backoff", "max_failures",
        "stable_after", "stop_grace", "start_timeout", "start_period", "heartbeat_timeout",
    ]
    private static let backoffKeys = ["initial", "max", "multiplier", "jitter"]

    mutating func read(_ text: String) throws(StackFileError) -> StackFile {
        let parsed: YAMLNode?
        do {
            parsed = try YAMLReader.parse(text)
        } catch {
            throw StackFileError(
                code: .syntax, file: file, line: error.position.line, column: error.position.column, field: "",
                message: error.message)
        }
        guard let root = parsed else {
            throw error(.missingKey, nil, "", "the file is empty: it needs at least `plugins:`")
        }
        var stack = StackFile(path: file)
        try mapping(root, "", allowed: Self.topKeys)
        if let version = root["version"] {
            guard version.scalar?.integerValue == 1 else {
                throw error(.invalidValue, version, "version", "'\(Self.written(version))' is not a supported stack file version (1)")
            }
        }
        if let node = root["philosophy"] {
            let path = try string(node, "philosophy")
            guard !path.isEmpty else { throw error(.invalidValue, node, "philosophy", "the philosophy path is empty") }
            stack.philosophy = Self.absolute(path, besideFile: file)
        }
        var defaults = PluginSpec(name: "", command: "")
        if let node = root["defaults"] {
            let fields = try mapping(node, "defaults", allowed: Self.pluginKeys.filter { $0 != "name" && $0 != "command" })
            try applyPluginFields(fields, to: &defaults, "defaults")
        }
        if let node = root["bus"] {
            stack.bus = try busSettings(node)
        }
        guard let pluginsNode = root["plugins"] else {
            throw error(.missingKey, root, "plugins", "the stack lists no plugins: add a `plugins:` list")
        }
        guard let list = pluginsNode.items else {
            throw error(.invalidValue, pluginsNode, "plugins", "expected a list of plugins")
        }
        var seen: [String: Int] = [:]
        for (index, item) in list.enumerated() {
            let field = "plugins[\(index)]"
            let fields = try mapping(item, field, allowed: Self.pluginKeys)
            guard let nameNode = item["name"] else {
                throw error(.missingKey, item, "\(field).name", "every plugin needs a name")
            }
            let name = try string(nameNode, "\(field).name")
            try checkName(name, nameNode, "\(field).name")
            if let previous = seen[name] {
                throw error(.duplicateName, nameNode, "\(field).name", "'\(name)' is already the name of plugins[\(previous)]")
            }
            seen[name] = index
            guard let commandNode = item["command"] else {
                throw error(.missingKey, item, "\(field).command", "plugin '\(name)' needs a command to run")
            }
            var spec = defaults
            spec.name = name
            spec.command = try string(commandNode, "\(field).command")
            guard !spec.command.isEmpty else {
                throw error(.invalidValue, commandNode, "\(field).command", "the command is empty")
            }
            try applyPluginFields(fields, to: &spec, field)
            stack.plugins.append(spec)
        }
        return stack
    }

    // MARK: Sections

    private func busSettings(_ node: YAMLNode) throws(StackFileError) -> StackFile.BusSettings {
        var settings = StackFile.BusSettings()
        try mapping(node, "bus", allowed: Self.busKeys)
        if let tcp = node["tcp"] {
            let address = try string(tcp, "bus.tcp")
            guard let colon = address.lastIndex(of: ":"), colon != address.startIndex,
                Self.isPort(address[address.index(after: colon)...])
            else {
                throw error(
                    .invalidValue, tcp, "bus.tcp",
                    "'\(address)' is not HOST:PORT (for example 127.0.0.1:5560, or 127.0.0.1:* for any free port)")
            }
            settings.tcp = address
        }
        if let curve = node["curve"] { settings.curve = try bool(curve, "bus.curve") }
        if let hwm = node["high_water_mark"] {
            settings.highWaterMark = try integer(hwm, "bus.high_water_mark", range: 1...10_000_000)
        }
        if let address = settings.tcp, !settings.curve, !Self.isLoopback(address) {
            throw error(
                .invalidValue, node["tcp"], "bus.tcp",
                "'\(address)' is not a loopback address: remote endpoints must use CurveZMQ (set `curve: true`)")
        }
        return settings
    }

    private func applyPluginFields(_ fields: [YAMLEntry], to spec: inout PluginSpec, _ path: String) throws(StackFileError) {
        for entry in fields {
            let node = entry.value
            let field = "\(path).\(entry.key)"
            switch entry.key {
            case "args":
                guard let items = node.items else {
                    throw error(.invalidValue, node, field, "expected a list of arguments")
                }
                var arguments: [String] = []
                for (index, item) in items.enumerated() {
                    arguments.append(try string(item, "\(field)[\(index)]"))
                }
                spec.arguments = arguments
            case "env":
                for variable in try mapping(node, field, allowed: nil) {
                    spec.environment[variable.key] = try string(variable.value, "\(field).\(variable.key)")
                }
            case "order": spec.order = try integer(node, field, range: -1_000_000...1_000_000)
            case "heartbeat": spec.heartbeat = try bool(node, field)
            case "autostart": spec.autostart = try bool(node, field)
            case "restart":
                let text = try string(node, field)
                guard let mode = RestartPolicy.Mode(rawValue: text) else {
                    let known = RestartPolicy.Mode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw error(.invalidValue, node, field, "'\(text)' is not one of \(known)")
                }
                spec.restart.mode = mode
            case "backoff":
                for setting in try mapping(node, field, allowed: Self.backoffKeys) {
                    let item = setting.value
                    switch setting.key {
                    case "initial": spec.restart.initialBackoff = try duration(item, "\(field).initial")
                    case "max": spec.restart.maximumBackoff = try duration(item, "\(field).max")
                    case "multiplier": spec.restart.multiplier = try number(item, "\(field).multiplier", range: 1...100)
                    case "jitter": spec.restart.jitter = try number(item, "\(field).jitter", range: 0...0.9)
                    default: break
                    }
                }
            case "max_failures": spec.restart.maximumFailures = try integer(node, field, range: 1...1_000_000)
            case "stable_after": spec.restart.stableAfter = try duration(node, field)
            case "stop_grace": spec.stopGrace = try duration(node, field)
            case "start_timeout": spec.startTimeout = try duration(node, field)
            case "start_period": spec.startPeriod = try duration(node, field)
            case "heartbeat_timeout":
                let timeout = try duration(node, field)
                guard timeout >= .seconds(2) else {
                    throw error(
                        .invalidValue, node, field,
                        "'\(Self.written(node))' is too short: plugins heartbeat every second, so allow at least 2s")
                }
                spec.heartbeatTimeout = timeout
            default: break
            }
        }
    }

    // MARK: Values
    //
    // The rules for what counts as a Boolean or a number are TenetYAML's (`YAMLScalar.boolValue`,
    // `integerValue`, `numberValue`); the wording is the stack file's own, which scripts and
    // docs quote: the first problem is thrown as a `StackFileError`.

    /// The entries of a mapping whose keys are all `allowed` (any key when `nil`) and none given
    /// twice.
    @discardableResult
    private func mapping(_ node: YAMLNode, _ path: String, allowed: [String]?) throws(StackFileError) -> [YAMLEntry] {
        guard let entries = node.entries else {
            throw error(.invalidValue, node, path, "expected a mapping of `key: value` lines")
        }
        if let problem = node.keyProblems(allowed: allowed).first {
            let key = problem.entry.key
            let field = YAMLFieldReader.join(path, key)
            switch problem.kind {
            case .repeated(let first):
                throw error(.duplicateKey, problem.entry.keyPosition, field, "'\(key)' is given twice (first at line \(first.line)); keep one")
            case .unknown:
                throw error(
                    .unknownKey, problem.entry.keyPosition, field, "unknown key '\(key)' (known: \((allowed ?? []).joined(separator: ", ")))")
            }
        }
        return entries
    }

    private func string(_ node: YAMLNode, _ field: String) throws(StackFileError) -> String {
        guard let scalar = node.scalar else { throw error(.invalidValue, node, field, "expected a text value") }
        return scalar.text
    }

    private func bool(_ node: YAMLNode, _ field: String) throws(StackFileError) -> Bool {
        guard let value = node.scalar?.boolValue else {
            throw error(.invalidValue, node, field, "'\(Self.written(node))' is not true or false")
        }
        return value
    }

    private func integer(_ node: YAMLNode, _ field: String, range: ClosedRange<Int>) throws(StackFileError) -> Int {
        guard let value = node.scalar?.integerValue else {
            throw error(.invalidValue, node, field, "'\(Self.written(node))' is not a whole number")
        }
        guard range.contains(value) else {
            throw error(.invalidValue, node, field, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    private func number(_ node: YAMLNode, _ field: String, range: ClosedRange<Double>) throws(StackFileError) -> Double {
        guard let value = node.scalar?.numberValue else {
            throw error(.invalidValue, node, field, "'\(Self.written(node))' is not a number")
        }
        guard range.contains(value) else {
            throw error(.invalidValue, node, field, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    private func duration(_ node: YAMLNode, _ field: String) throws(StackFileError) -> Duration {
        let text = try string(node, field)
        do {
            return try DurationText.read(text)
        } catch {
            throw self.error(.invalidValue, node, field, error.description)
        }
    }

    private func checkName(_ name: String, _ node: YAMLNode, _ field: String) throws(StackFileError) {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        }
        guard !name.isEmpty, name.count <= 40, allowed, name.first?.isLetter == true else {
            throw error(
                .invalidValue, node, field,
                "'\(name)' is not a plugin name: use 1–40 lowercase letters, digits, '-' or '_', starting with a letter")
        }
        guard name != "supervisor" else {
            throw error(.invalidValue, node, field, "'supervisor' is reserved for the supervisor itself")
        }
    }

    /// `path` made absolute against the folder of `file` (and the working directory).
    static func absolute(_ path: String, besideFile file: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        return folder.appendingPathComponent(path).standardizedFileURL.path
    }

    static func isPort(_ text: Substring) -> Bool {
        text == "*" || Int(text).map { (1...65535).contains($0) } == true
    }

    static func isLoopback(_ address: String) -> Bool {
        let host = address[..<(address.lastIndex(of: ":") ?? address.endIndex)]
        return host == "localhost" || host.hasPrefix("127.") || host == "[::1]"
    }

    /// A value as written, for messages (empty for a list or a mapping).
    private static func written(_ node: YAMLNode) -> String {
        node.scalar?.text ?? ""
    }

    // MARK: Errors

    private func error(_ code: StackFileError.Code, _ node: YAMLNode?, _ field: String, _ message: String) -> StackFileError {
        error(code, node?.position ?? .file, field, message)
    }

    private func error(_ code: StackFileError.Code, _ position: YAMLPosition, _ field: String, _ message: String) -> StackFileError {
        StackFileError(code: code, file: file, line: position.line, column: position.column, field: field, message: message)
    }
}
