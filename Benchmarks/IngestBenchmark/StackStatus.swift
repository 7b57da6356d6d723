import Foundation

/// What the benchmark needs from `tenet status --json`: each plugin's state, pid, restart count
/// and endpoint, and the supervisor's pid.
struct StackStatus: Sendable {
    struct Plugin: Sendable {
        var state: String
        var pid: Int32?
        var restarts: Int
        var endpoint: String
    }

    var supervisorPID: Int32?
    var plugins: [String: Plugin]

    /// Reads the report; `nil` when it is not the expected JSON.
    init?(json: String) {
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
    func ready(_ names: [String]) -> Bool {
        names.allSatisfy { name in
            guard let plugin = plugins[name], plugin.state == "running", plugin.pid != nil else { return false }
            guard plugin.endpoint.hasPrefix("ipc://") else { return !plugin.endpoint.isEmpty }
            return FileManager.default.fileExists(atPath: String(plugin.endpoint.dropFirst("ipc://".count)))
        }
    }

    /// Restarts of every plugin together.
    var restarts: Int { plugins.values.reduce(0) { $0 + $1.restarts } }
}
