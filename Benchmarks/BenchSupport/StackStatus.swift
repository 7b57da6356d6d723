import Foundation

/// What the benchmark needs from `tenet status --json`: each plugin's state, pid, restart count
/// and endpoint, and the supervisor's pid.
public struct StackStatus: Sendable {
    /// One plugin's line of the report.
    public struct Plugin: Sendable {
        /// `running`, `stopped`, `fatal`…
        public var state: String
        /// Its process, while it runs.
        public var pid: Int32?
        /// How often the supervisor restarted it.
        public var restarts: Int
        /// Its request endpoint.
        public var endpoint: String
    }

    /// The supervisor's process.
    public var supervisorPID: Int32?
    /// Each plugin by name.
    public var plugins: [String: Plugin]

    /// Reads the report; `nil` when it is not the expected JSON.
    public init?(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let list = object["plugins"] as? [[String: Any]]
        else { return nil }
        supervisorPID = ((object["supervisor"] as? [String: Any])?["pid"] as? NSNumber)?.int32Value
        var plugins: [String: Plugin] = [:]
        for entry in list {
            guard let name = entry["name"] as? String else { return nil }
            plugins[name] = Plugin(
                state: entry["state"] as? String ?? "", pid: (entry["pid"] as? NSNumber)?.int32Value,
                restarts: (entry["restarts"] as? NSNumber)?.intValue ?? 0, endpoint: entry["endpoint"] as? String ?? "")
        }
        self.plugins = plugins
    }

    /// Whether every plugin named is running and, for an `ipc://` endpoint, its socket exists.
    public func ready(_ names: [String]) -> Bool {
        names.allSatisfy { name in
            guard let plugin = plugins[name], plugin.state == "running", plugin.pid != nil else { return false }
            guard plugin.endpoint.hasPrefix("ipc://") else { return !plugin.endpoint.isEmpty }
            return FileManager.default.fileExists(atPath: String(plugin.endpoint.dropFirst("ipc://".count)))
        }
    }

    /// Restarts of every plugin together.
    public var restarts: Int { plugins.values.reduce(0) { $0 + $1.restarts } }
}
