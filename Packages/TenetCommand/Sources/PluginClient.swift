import Foundation
import TenetBus
import TenetClock
import TenetControl

/// A request client to one plugin of the running stack: the one way the commands that ask a
/// plugin something (`metrics`, `conversations`, `staffing`, `alerts`, `sla`, `silence`) find it
/// and talk to it.
///
/// Finding it asks the supervisor for its status: no supervisor exits 3, a stack without the
/// plugin or with the plugin down (stopped, fatal, in backoff) exits 2 with a sentence that says
/// so and what to do, before any request is sent; a plugin that does not answer in time exits 2
/// naming the plugin, the method and the wait.
final class PluginClient {
    /// The plugin's name in the stack.
    let name: String
    /// The stack's status when the client was made (endpoints, the philosophy file).
    let report: StatusReport
    /// How long each request waits for its answer.
    let timeout: Duration
    private let context: ZMQContext
    private let client: BusRequestClient

    /// Connects to plugin `name` of the stack on `dataPath`, stamping requests as `sender`.
    init(plugin name: String, dataPath: String?, sender: String, timeout: Duration) throws {
        let connection = try ControlConnection(dataPath: dataPath)
        defer { connection.close() }
        report = try connection.request("status", EmptyBody(), as: StatusReport.self)
        let endpoint = try Self.endpoint(of: name, in: report)
        if let plugin = report.plugin(name), let reason = Self.down(plugin, data: report.supervisor.dataDirectory) {
            throw CommandFailure(message: reason, exitCode: 2)
        }
        self.name = name
        self.timeout = timeout
        let context = try ZMQContext()
        do {
            client = try BusRequestClient(context: context, endpoint: endpoint, sender: sender)
        } catch {
            context.terminate()
            throw error
        }
        self.context = context
    }

    /// A client whose timeout is `seconds` as the `--timeout` options give it.
    convenience init(plugin name: String, dataPath: String?, sender: String, timeoutSeconds seconds: Double) throws {
        try self.init(plugin: name, dataPath: dataPath, sender: sender, timeout: .milliseconds(Int64((seconds * 1000).rounded())))
    }

    /// The request endpoint of plugin `name` in `report`, or a failure (exit 2) when the stack has none.
    static func endpoint(of name: String, in report: StatusReport) throws -> String {
        guard let endpoint = report.endpoints.plugins[name] else {
            throw CommandFailure(message: "the running stack has no plugin named '\(name)'", exitCode: 2)
        }
        return endpoint
    }

    /// Why `plugin` cannot answer now, or `nil` when it runs (or is starting).
    static func down(_ plugin: StatusReport.Plugin, data: String) -> String? {
        let name = plugin.name
        let log = (data as NSString).appendingPathComponent("logs/\(name).log")
        switch plugin.state {
        case .running, .starting:
            return nil
        case .stopped:
            return "the \(name) plugin is not running (stopped): start it with `tenet start \(name)`"
        case .fatal:
            return "the \(name) plugin is not running (fatal: it failed too many times in a row; \(log) and `tenet status` say why): "
                + "`tenet restart \(name)` once the cause is fixed"
        case .backoff:
            return "the \(name) plugin is not running (backoff: it exited and restarts soon; \(log) and `tenet status` say why)"
        case .stopping:
            return "the \(name) plugin is not running (stopping)"
        }
    }

    /// Sends `method` with `body` and returns the reply. An error reply is thrown as is (the
    /// command prints `tenet: CODE: MESSAGE`, exit 2); no reply within ``timeout`` says which plugin
    /// was silent.
    func request<Body: Encodable>(_ method: String, body: Body) throws -> BusMessage {
        do {
            return try client.request(method, body: body, timeout: timeout)
        } catch {
            // (Not `catch where`: with the typed error of a generic call it crashes Swift 6.3's SIL passes.)
            guard error.code == .timedOut else { throw error }
            throw CommandFailure(
                message: "the \(name) plugin did not answer '\(method)' within \(Self.seconds(timeout.totalSeconds)) (busy, or hung: see `tenet status`)",
                exitCode: 2)
        }
    }

    /// Sends `method` with `body` and decodes the reply as `Reply`.
    func request<Body: Encodable, Reply: Decodable>(_ method: String, body: Body, as reply: Reply.Type) throws -> Reply {
        try request(method, body: body).decodeBody(Reply.self)
    }

    /// Prints `draw()` on a cleared terminal at once, then again after each burst of bus messages
    /// whose topic starts with one of `topics`, and at least every `every`, until interrupted.
    func watch(topics: [String], every: Duration, draw: () throws -> String) throws -> Never {
        let subscriber = try ZMQSocket(context: context, type: .sub)
        defer { subscriber.close() }
        for topic in topics { try subscriber.set(.subscribe(topic)) }
        try subscriber.connect(report.endpoints.subscribe)
        while true {
            let text = try draw()
            FileHandle.standardOutput.write(Data(("\u{1B}[H\u{1B}[2J" + text + (text.hasSuffix("\n") ? "" : "\n")).utf8))
            var poller = ZMQPoller()
            poller.addReadable(subscriber)
            _ = try poller.poll(timeout: every)
            while (try? subscriber.receiveMultipart(dontWait: true)) ?? nil != nil {}
        }
    }

    /// `10s`, `2.5s`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int64(value))s" : String(format: "%.1fs", value)
    }

    /// Closes the socket and the context.
    func close() {
        client.close()
        context.terminate()
    }
}
