import Logging
import ServiceLifecycle
import TenetBus
import TenetControl

#if canImport(Glibc)
import Glibc
#endif

/// Runs a Swift plugin process under the plugin contract.
///
/// The runtime reads the contract from the environment, connects to the event bus, publishes a
/// heartbeat every interval and its lifecycle (`ready`, `stopping`, `stopped`), optionally
/// serves requests on the plugin's own endpoint, and runs the plugin's services until SIGTERM
/// or SIGINT starts a graceful shutdown (swift-service-lifecycle). On the way out it closes its
/// sockets and terminates the ZeroMQ context, so nothing queued is lost.
///
/// ```swift
/// let runtime = try PluginRuntime()
/// try await runtime.run(services: [MyService(outbox: runtime.outbox)]) { request in
///     .encode(["pong": true])
/// }
/// ```
public struct PluginRuntime: Sendable {
    /// The contract the supervisor passed in.
    public let environment: PluginEnvironment
    /// The process's ZeroMQ context: make further sockets from it.
    public let context: ZMQContext
    /// The plugin's publisher on the event bus.
    public let outbox: BusOutbox
    /// A logger labelled with the plugin's name (standard error, which the supervisor keeps).
    public let logger: Logger

    /// Reads the contract (from the process environment unless given) and connects to the bus.
    public init(environment: PluginEnvironment? = nil) throws {
        let environment = try environment ?? PluginEnvironment.fromProcess()
        self.environment = environment
        context = try ZMQContext()
        outbox = try BusOutbox(context: context, endpoint: environment.publishEndpoint, sender: environment.name)
        var logger = Logger(label: "tenet.\(environment.name)")
        logger[metadataKey: "plugin"] = .string(environment.name)
        self.logger = logger
    }

    /// The request endpoint of plugin `name` in the same stack: from `TENET_ENDPOINT_<NAME>`
    /// (the supervisor passes one per plugin), else asked of the supervisor (`status`).
    ///
    /// - Throws: ``PluginEnvironmentError`` when neither knows the plugin.
    public func endpoint(of name: String) throws(PluginEnvironmentError) -> String {
        let variable = PluginContract.endpointVariable(for: name)
        if let endpoint = environment.peerEndpoints[variable] { return endpoint }
        guard let control = environment.controlEndpoint else {
            throw PluginEnvironmentError(
                code: .missingVariable, variable: variable,
                message: "\(variable) is not set and there is no supervisor to ask (TENET_CONTROL): set it to plugin '\(name)'s endpoint")
        }
        do {
            let client = try BusRequestClient(context: context, endpoint: control, sender: environment.name)
            defer { client.close() }
            let status = try client.request("status", body: EmptyBody(), timeout: .seconds(10), as: StatusReport.self)
            if let endpoint = status.endpoints.plugins[name] { return endpoint }
        } catch {
            throw PluginEnvironmentError(
                code: .invalidValue, variable: variable, message: "\(variable) is not set and the supervisor could not be asked: \(error)")
        }
        throw PluginEnvironmentError(
            code: .invalidValue, variable: variable, message: "the stack has no plugin named '\(name)'; set \(variable)")
    }

    /// Runs the plugin until a graceful shutdown completes.
    ///
    /// - Parameters:
    ///   - services: the plugin's own long-running work.
    ///   - requests: answers requests on `TENET_PLUGIN_ENDPOINT`; `nil` for a plugin that serves none.
    public func run(services: [any Service] = [], requests: PluginRequestHandler? = nil) async throws {
        var all: [any Service] = [
            HeartbeatService(outbox: outbox, name: environment.name, interval: environment.heartbeatInterval)
        ]
        if let requests {
            guard let endpoint = environment.pluginEndpoint else {
                throw PluginEnvironmentError(
                    code: .missingVariable, variable: "TENET_PLUGIN_ENDPOINT",
                    message: "TENET_PLUGIN_ENDPOINT is not set, so this plugin has nowhere to serve requests")
            }
            all.append(RequestService.make(context: context, endpoint: endpoint, name: environment.name, handler: requests))
        }
        all.append(contentsOf: services)
        all.append(LifecycleService(outbox: outbox, name: environment.name))
        let group = ServiceGroup(
            services: all, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        do {
            try await group.run()
        } catch {
            logger.error("plugin stopped on error: \(error)")
            await finish()
            throw error
        }
        await finish()
    }

    private func finish() async {
        _ = try? await outbox.publish(
            topic: BusTopic.lifecycle(environment.name, "stopped"), type: BusMessageType.lifecycle,
            body: LifecycleBody(phase: "stopped", pid: getpid()))
        await outbox.close()
        // Ends every blocking ZeroMQ call still in progress on other threads (a request client's
        // poll), so that their sockets close and terminating the context cannot hang.
        context.shutdown()
        context.terminate()
    }
}

/// Publishes `ready` when the group starts and `stopping` when graceful shutdown begins.
struct LifecycleService: Service {
    let outbox: BusOutbox
    let name: String

    func run() async throws {
        try await outbox.publish(
            topic: BusTopic.lifecycle(name, "ready"), type: BusMessageType.lifecycle,
            body: LifecycleBody(phase: "ready", pid: getpid()))
        try? await gracefulShutdown()
        try await outbox.publish(
            topic: BusTopic.lifecycle(name, "stopping"), type: BusMessageType.lifecycle,
            body: LifecycleBody(phase: "stopping", pid: getpid()))
    }
}
