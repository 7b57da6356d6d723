import Foundation
import TenetModels
import Yams

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

/// Walks the YAML node tree, so that every error can name its line and column.
struct StackFileReader {
    let file: String

    private static let topKeys = ["version", "bus", "defaults", "plugins"]
    private static let busKeys = ["tcp", "curve", "high_water_mark"]
    private static let pluginKeys = [
        "name", "command", "args", "env", "order", "heartbeat", "autostart", "restart", "backoff", "max_failures",
        "stable_after", "stop_grace", "start_timeout", "start_period", "heartbeat_timeout",
    ]
    private static let backoffKeys = ["initial", "max", "multiplier", "jitter"]

    mutating func read(_ text: String) throws(StackFileError) -> StackFile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw error(.missingKey, nil, "", "the file is empty: it needs at least `plugins:`")
            }
            root = node
        } catch let failure as StackFileError {
            throw failure
        } catch let failure as YamlError {
            throw syntaxError(failure)
        } catch {
            throw self.error(.syntax, nil, "", "\(error)")
        }
        var stack = StackFile(path: file)
        let top = try mapping(root, "")
        try checkKeys(top, allowed: Self.topKeys, "")
        if let version = top.first(where: { $0.key.string == "version" })?.value {
            guard version.int == 1 else { throw error(.invalidValue, version, "version", "'\(version.string ?? "")' is not a supported stack file version (1)") }
        }
        var defaults = PluginSpec(name: "", command: "")
        if let node = value(top, "defaults") {
            let fields = try mapping(node, "defaults")
            try checkKeys(fields, allowed: Self.pluginKeys.filter { $0 != "name" && $0 != "command" }, "defaults")
            try applyPluginFields(fields, to: &defaults, "defaults")
        }
        if let node = value(top, "bus") {
            stack.bus = try busSettings(node)
        }
        guard let pluginsNode = value(top, "plugins") else {
            throw error(.missingKey, root, "plugins", "the stack lists no plugins: add a `plugins:` list")
        }
        guard case .sequence(let list) = pluginsNode else {
            throw error(.invalidValue, pluginsNode, "plugins", "expected a list of plugins")
        }
        var seen: [String: Int] = [:]
        for (index, item) in list.enumerated() {
            let field = "plugins[\(index)]"
            let fields = try mapping(item, field)
            try checkKeys(fields, allowed: Self.pluginKeys, field)
            guard let nameNode = value(fields, "name") else {
                throw error(.missingKey, item, "\(field).name", "every plugin needs a name")
            }
            let name = try string(nameNode, "\(field).name")
            try checkName(name, nameNode, "\(field).name")
            if let previous = seen[name] {
                throw error(.duplicateName, nameNode, "\(field).name", "'\(name)' is already the name of plugins[\(previous)]")
            }
            seen[name] = index
            guard let commandNode = value(fields, "command") else {
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

    private func busSettings(_ node: Node) throws(StackFileError) -> StackFile.BusSettings {
        var settings = StackFile.BusSettings()
        let fields = try mapping(node, "bus")
        try checkKeys(fields, allowed: Self.busKeys, "bus")
        if let tcp = value(fields, "tcp") {
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
        if let curve = value(fields, "curve") { settings.curve = try bool(curve, "bus.curve") }
        if let hwm = value(fields, "high_water_mark") {
            settings.highWaterMark = try integer(hwm, "bus.high_water_mark", range: 1...10_000_000)
        }
        if let address = settings.tcp, !settings.curve, !Self.isLoopback(address) {
            throw error(
                .invalidValue, value(fields, "tcp"), "bus.tcp",
                "'\(address)' is not a loopback address: remote endpoints must use CurveZMQ (set `curve: true`)")
        }
        return settings
    }

    private func applyPluginFields(_ fields: Node.Mapping, to spec: inout PluginSpec, _ path: String) throws(StackFileError) {
        for (keyNode, node) in fields {
            let key = keyNode.string ?? ""
            let field = "\(path).\(key)"
            switch key {
            case "args":
                guard case .sequence(let items) = node else {
                    throw error(.invalidValue, node, field, "expected a list of arguments")
                }
                var arguments: [String] = []
                for (index, item) in items.enumerated() {
                    arguments.append(try string(item, "\(field)[\(index)]"))
                }
                spec.arguments = arguments
            case "env":
                let entries = try mapping(node, field)
                for (name, value) in entries {
                    spec.environment[try string(name, field)] = try string(value, "\(field).\(name.string ?? "")")
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
                let backoff = try mapping(node, field)
                try checkKeys(backoff, allowed: Self.backoffKeys, field)
                for (nameNode, item) in backoff {
                    let name = nameNode.string ?? ""
                    switch name {
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
                        "'\(node.string ?? "")' is too short: plugins heartbeat every second, so allow at least 2s")
                }
                spec.heartbeatTimeout = timeout
            default: break
            }
        }
    }

    // MARK: Values

    private func value(_ fields: Node.Mapping, _ key: String) -> Node? {
        fields.first { $0.key.string == key }?.value
    }

    private func mapping(_ node: Node, _ field: String) throws(StackFileError) -> Node.Mapping {
        guard case .mapping(let fields) = node else {
            throw error(.invalidValue, node, field, "expected a mapping of `key: value` lines")
        }
        return fields
    }

    private func checkKeys(_ fields: Node.Mapping, allowed: [String], _ path: String) throws(StackFileError) {
        for (keyNode, _) in fields {
            let key = keyNode.string ?? ""
            if !allowed.contains(key) {
                let field = path.isEmpty ? key : "\(path).\(key)"
                throw error(.unknownKey, keyNode, field, "unknown key '\(key)' (known: \(allowed.joined(separator: ", ")))")
            }
        }
    }

    private func string(_ node: Node, _ field: String) throws(StackFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error(.invalidValue, node, field, "expected a text value") }
        return scalar.string
    }

    private func bool(_ node: Node, _ field: String) throws(StackFileError) -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw error(.invalidValue, node, field, "'\(node.string ?? "")' is not true or false")
        }
        return value
    }

    private func integer(_ node: Node, _ field: String, range: ClosedRange<Int>) throws(StackFileError) -> Int {
        guard case .scalar = node, let value = node.int else {
            throw error(.invalidValue, node, field, "'\(node.string ?? "")' is not a whole number")
        }
        guard range.contains(value) else {
            throw error(.invalidValue, node, field, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    private func number(_ node: Node, _ field: String, range: ClosedRange<Double>) throws(StackFileError) -> Double {
        guard case .scalar = node, let value = node.float else {
            throw error(.invalidValue, node, field, "'\(node.string ?? "")' is not a number")
        }
        guard range.contains(value) else {
            throw error(.invalidValue, node, field, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    private func duration(_ node: Node, _ field: String) throws(StackFileError) -> Duration {
        let text = try string(node, field)
        do {
            return try DurationText.read(text)
        } catch {
            throw self.error(.invalidValue, node, field, error.description)
        }
    }

    private func checkName(_ name: String, _ node: Node, _ field: String) throws(StackFileError) {
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

    static func isPort(_ text: Substring) -> Bool {
        text == "*" || Int(text).map { (1...65535).contains($0) } == true
    }

    static func isLoopback(_ address: String) -> Bool {
        let host = address[..<(address.lastIndex(of: ":") ?? address.endIndex)]
        return host == "localhost" || host.hasPrefix("127.") || host == "[::1]"
    }

    // MARK: Errors

    private func error(_ code: StackFileError.Code, _ node: Node?, _ field: String, _ message: String) -> StackFileError {
        StackFileError(
            code: code, file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, field: field,
            message: message)
    }

    private func syntaxError(_ failure: YamlError) -> StackFileError {
        switch failure {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return StackFileError(code: .syntax, file: file, line: mark.line, column: mark.column, field: "", message: problem)
        default:
            return StackFileError(code: .syntax, file: file, line: 0, column: 0, field: "", message: "\(failure)")
        }
    }
}
