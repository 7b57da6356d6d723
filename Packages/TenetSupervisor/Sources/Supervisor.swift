import CTenetProcess
import Foundation
import TenetControl
import TenetModels
import Logging
import TenetBus
import TenetClock

/// The running supervisor: hosts the buses, starts the stack's plugins in order, watches their
/// heartbeats and exits, restarts them by policy, answers control requests, and stops
/// everything in reverse order on SIGTERM, SIGINT or `tenet stop`.
///
/// ``run()`` is a single-threaded reactor on the calling thread, which must be the process's
/// main thread and must have called ``blockSignals()`` before any other thread existed: the
/// loop reads SIGCHLD, SIGTERM, SIGINT and SIGHUP from a signalfd, and plugins' parent-death
/// signal is tied to this thread. All decisions are made by ``SupervisorCore``.
///
/// Each turn of the loop answers at most ``requestsPerTurn`` control requests and then reads
/// the heartbeats that arrived before judging any plugin, so a flood of requests delays
/// answers but never makes a healthy plugin look hung.
public final class Supervisor {
    /// The most control requests answered in one turn of the loop.
    public static let requestsPerTurn = 64
    /// The largest control request read, in bytes (1 MiB); a peer that sends more is disconnected.
    public static let maximumControlRequest = 1 << 20
    /// The most heartbeats read in one turn; with more waiting, deadlines wait for the next turn.
    static let heartbeatsPerTurn = 4096

    /// What the supervisor runs and where.
    public struct Options: Sendable {
        /// The stack to run.
        public var stack: StackFile
        /// The stack file's directory: relative command paths resolve against it.
        public var stackDirectory: String
        /// The data directory.
        public var dataDirectory: DataDirectory
        /// The clock for every deadline.
        public var clock: any MonotonicClock = SystemMonotonicClock()
        /// How often deadlines are checked.
        public var tickInterval: Duration = .milliseconds(100)
        /// How often the supervisor publishes its own heartbeat.
        public var heartbeatInterval: Duration = .seconds(1)

        /// Creates options with the default clock and intervals.
        public init(stack: StackFile, stackDirectory: String, dataDirectory: DataDirectory) {
            self.stack = stack
            self.stackDirectory = stackDirectory
            self.dataDirectory = dataDirectory
        }
    }

    private let options: Options
    private let logger: Logger
    private var core: SupervisorCore
    private let launcher: ProcessLauncher
    private let startedAt = Timestamp.now()
    private var endpoints: BusEndpoints
    private var publisher: BusPublisher?
    private var forceKill = false
    private var watchdog: Int32 = -1
    private var heartbeats: UInt64 = 0
    private let startedAtMonotonic: MonotonicInstant
    /// The last line each plugin's log held when its process last ended.
    private var lastOutput: [String: String] = [:]

    /// Blocks the signals the supervisor reads from its signalfd. Call first thing in `main`.
    public static func blockSignals() {
        _ = tenet_block_supervisor_signals()
    }

    /// Prepares a supervisor for `options`.
    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
        startedAtMonotonic = options.clock.now()
        core = SupervisorCore(specs: options.stack.plugins)
        launcher = ProcessLauncher(
            toolDirectory: ProcessLauncher.executableDirectory(), stackDirectory: options.stackDirectory)
        let data = options.dataDirectory
        endpoints = BusEndpoints(
            publish: data.publishEndpoint, subscribe: data.subscribeEndpoint, subscribeTCP: nil, curveServerKey: nil,
            control: data.controlEndpoint,
            plugins: Dictionary(uniqueKeysWithValues: options.stack.plugins.map { ($0.name, data.pluginEndpoint($0.name)) }))
    }

    /// Runs until the stack has stopped. Blocks the calling (main) thread.
    ///
    /// Sets the process's umask to 077 first, so that everything the supervisor and its
    /// plugins create (the data directory, sockets, logs, the database, tokens) is private to
    /// the user running the stack.
    public func run() throws(SupervisorError) {
        umask(0o077)
        let data = options.dataDirectory
        for warning in try data.prepare(pluginNames: options.stack.plugins.map(\.name)) {
            logger.warning("\(warning)")
        }
        let lock = try data.lock()
        defer {
            unlink(data.pidPath)
            close(lock)
        }
        let signals = tenet_signal_fd()
        guard signals >= 0 else {
            throw SupervisorError(code: .signals, message: "signalfd failed: \(String(cString: strerror(errno)))")
        }
        defer { close(signals) }
        watchdog = tenet_start_watchdog()
        if watchdog < 0 {
            logger.warning("no group watchdog (\(String(cString: strerror(errno)))): processes a plugin starts itself may outlive a killed supervisor")
        }
        defer { if watchdog >= 0 { close(watchdog) } }

        let context: ZMQContext
        do { context = try ZMQContext() } catch {
            throw SupervisorError(code: .bus, message: "\(error)")
        }
        defer { context.terminate() }
        let curve = try curveKeys()
        let host = try BusHost(
            context: context, publish: data.publishEndpoint, subscribe: data.subscribeEndpoint,
            tcp: options.stack.bus.tcp, curve: curve, highWaterMark: options.stack.bus.highWaterMark)
        defer { host.stop() }
        endpoints.subscribeTCP = host.tcpEndpoint
        endpoints.curveServerKey = curve?.publicKey

        let control: BusReplier
        let heartbeats: ZMQSocket
        do {
            // Control requests are small; a larger one is refused by ZeroMQ before it is read.
            control = try BusReplier(
                context: context, endpoint: data.controlEndpoint, sender: "supervisor", maximumMessageSize: Self.maximumControlRequest)
            heartbeats = try ZMQSocket(context: context, type: .sub)
            try heartbeats.set(.subscribe(BusTopic.heartbeats))
            try heartbeats.connect(data.subscribeEndpoint)
            publisher = try BusPublisher(context: context, endpoint: data.publishEndpoint, sender: "supervisor")
        } catch {
            throw SupervisorError(code: .bus, message: "cannot open the control endpoint or the bus: \(error)")
        }
        defer {
            control.close()
            heartbeats.close()
            publisher?.close()
            removeRuntimeFiles()
        }
        writeEndpointsFile()
        logger.info("supervisor up", metadata: ["data": "\(data.path)", "plugins": "\(options.stack.plugins.count)"])

        let clock = options.clock
        carryOut(core.start(at: clock.now()))
        var poller = ZMQPoller()
        let controlIndex = poller.addReadable(control.socket)
        // Registered so that a heartbeat wakes the loop; they are read every turn regardless.
        _ = poller.addReadable(heartbeats)
        let signalIndex = poller.addReadable(fileDescriptor: signals)
        var nextHeartbeat = clock.now()
        var nextTick = clock.now()

        while core.phase != .finished {
            let ready: [Int]
            do { ready = try poller.poll(timeout: options.tickInterval) } catch {
                logger.error("poll failed: \(error)")
                break
            }
            if ready.contains(signalIndex) { readSignals(signals) }
            if ready.contains(controlIndex) { answerRequests(control, limit: Self.requestsPerTurn) }
            // Every turn, after the requests and before any judgement: what arrived meanwhile counts.
            let heartbeatsCaughtUp = readHeartbeats(heartbeats, limit: Self.heartbeatsPerTurn)
            let now = clock.now()
            if now >= nextTick && heartbeatsCaughtUp {
                reapChildren()
                carryOut(core.tick(at: clock.now()))
                nextTick = now + options.tickInterval
            }
            if now >= nextHeartbeat && core.phase != .shuttingDown {
                publishHeartbeat()
                nextHeartbeat = now + options.heartbeatInterval
            }
        }
        logger.info("supervisor stopped: every plugin is down")
    }

    // MARK: Inputs

    private func readSignals(_ descriptor: Int32) {
        while true {
            let signal = tenet_read_signal(descriptor)
            guard signal > 0 else { return }
            switch signal {
            case SIGCHLD:
                reapChildren()
            case SIGTERM, SIGINT, SIGHUP:
                if core.phase == .shuttingDown {
                    logger.warning("second stop signal: killing every plugin now")
                    forceKill = true
                    for plugin in core.plugins { if let pid = plugin.pid { launcher.signalGroup(pid, SIGKILL) } }
                } else {
                    logger.info("\(ExitStatus.signalName(signal)) received: stopping the stack")
                    carryOut(core.shutdown(at: options.clock.now()))
                }
            default:
                break
            }
        }
    }

    private func reapChildren() {
        for plugin in core.plugins {
            guard let pid = plugin.pid, let status = launcher.reap(pid) else { continue }
            lastOutput[plugin.spec.name] = LogTail.lastLine(ofFile: options.dataDirectory.logPath(plugin.spec.name))
            // Whatever the leader left behind in its group goes with it.
            launcher.signalGroup(pid, SIGKILL)
            if watchdog >= 0 { _ = tenet_watchdog_note(watchdog, -pid) }
            carryOut(core.handle(.exited(status), for: plugin.spec.name, at: options.clock.now()))
        }
    }

    /// Reads up to `limit` waiting heartbeats; returns whether the queue is now empty.
    private func readHeartbeats(_ socket: ZMQSocket, limit: Int) -> Bool {
        for _ in 0..<limit {
            guard let frames = try? socket.receiveMultipart(dontWait: true) else { return true }
            guard let message = try? BusMessage(frames: frames), message.header.type == BusMessageType.heartbeat else {
                continue
            }
            carryOut(core.handle(.heartbeat, for: message.header.sender, at: options.clock.now()))
        }
        return false
    }

    /// Answers up to `limit` waiting requests; the rest wait for the next turn.
    private func answerRequests(_ control: BusReplier, limit: Int) {
        for _ in 0..<limit {
            guard let request = try? control.nextRequest() else { return }
            do {
                try answer(request, control)
            } catch {
                logger.warning("could not answer '\(request.method)': \(error)")
            }
        }
    }

    private func answer(_ request: BusReplier.Request, _ control: BusReplier) throws(ZMQError) {
        let now = options.clock.now()
        switch request.method {
        case "ping":
            try control.reply(to: request, body: ["pong": true])
        case "status":
            try control.reply(to: request, body: status())
        case "shutdown":
            logger.info("shutdown requested: stopping the stack")
            carryOut(core.shutdown(at: now))
            try control.reply(to: request, body: ControlReply(result: "stopping the stack", state: nil))
        case "reload":
            guard let path = options.stack.philosophy else {
                try control.fail(
                    request,
                    with: BusErrorBody(
                        code: .noPhilosophy, message: "the stack file names no philosophy: add `philosophy: FILE` to \(options.stack.path)"))
                return
            }
            logger.info("reload requested: plugins re-read \(path)")
            _ = try? publisher?.publish(
                topic: BusTopic.philosophyReload, type: BusMessageType.philosophyReload, body: PhilosophyReloadBody(path: path))
            try control.reply(to: request, body: ControlReply(result: "asked the plugins to re-read \(path)", state: nil))
        case "start", "restart", "stop":
            guard let name = (try? request.message.decodeBody(PluginNameBody.self))?.name, !name.isEmpty else {
                try control.fail(
                    request,
                    with: .badRequest("`\(request.method)` needs a body {\"name\": PLUGIN} (to stop everything, use `shutdown`)"))
                return
            }
            guard core.plugin(named: name) != nil else {
                let known = core.plugins.map(\.spec.name).joined(separator: ", ")
                try control.fail(
                    request, with: BusErrorBody(code: "unknown_plugin", message: "no plugin named '\(name)' (plugins: \(known))"))
                return
            }
            guard core.phase != .shuttingDown else {
                try control.fail(request, with: BusErrorBody(code: "shutting_down", message: "the stack is stopping"))
                return
            }
            let input: PluginSupervision.Input = switch request.method {
            case "start": .start
            case "restart": .restart
            default: .stop
            }
            carryOut(core.handle(input, for: name, at: now))
            let state = core.plugin(named: name)?.state
            try control.reply(to: request, body: ControlReply(result: "\(request.method) \(name)", state: state))
        default:
            try control.fail(request, with: .unknownMethod(request.method))
        }
    }

    // MARK: Effects

    private func carryOut(_ effects: [SupervisorCore.Effect]) {
        var queue = effects[...]
        while let next = queue.popFirst() {
            guard let spec = core.plugin(named: next.plugin)?.spec else { continue }
            let now = options.clock.now()
            switch next.effect {
            case .spawn:
                let result = launcher.spawn(spec, contract: contract(for: spec), logPath: options.dataDirectory.logPath(spec.name))
                switch result {
                case .success(let pid):
                    logger.info("started \(spec.name)", metadata: ["pid": "\(pid)"])
                    if watchdog >= 0 { _ = tenet_watchdog_note(watchdog, pid) }
                    queue.append(contentsOf: core.handle(.spawned(pid: pid), for: spec.name, at: now))
                    if forceKill { launcher.signalGroup(pid, SIGKILL) }
                case .failure(let failure):
                    lastOutput[spec.name] = nil
                    logger.error("cannot start \(spec.name): \(failure.reason)")
                    queue.append(contentsOf: core.handle(.spawnFailed(reason: failure.reason), for: spec.name, at: now))
                }
            case .terminate(let pid):
                launcher.signalGroup(pid, SIGTERM)
            case .kill(let pid):
                launcher.signalGroup(pid, SIGKILL)
            case .changed(let from, let to, let reason):
                let plugin = core.plugin(named: spec.name)
                logger.info("\(spec.name): \(from.rawValue) → \(to.rawValue) (\(reason))")
                let body = PluginStateBody(
                    plugin: spec.name, from: from, to: to, reason: reason, pid: plugin?.pid,
                    restarts: plugin?.restarts ?? 0,
                    backoffSeconds: to == .backoff ? plugin?.nextStartAt.map { ($0 - now).totalSeconds } : nil)
                _ = try? publisher?.publish(
                    topic: BusTopic.pluginState(spec.name, to.rawValue), type: BusMessageType.pluginState, body: body)
            }
        }
    }

    private func contract(for spec: PluginSpec) -> [String: String] {
        let data = options.dataDirectory
        var variables = [
            PluginContract.name: spec.name,
            PluginContract.publish: data.publishEndpoint,
            PluginContract.subscribe: data.subscribeEndpoint,
            PluginContract.control: data.controlEndpoint,
            PluginContract.pluginEndpoint: data.pluginEndpoint(spec.name),
            PluginContract.dataDirectory: data.path,
            PluginContract.heartbeatInterval: "1000",
            PluginContract.protocolVersion: "\(BusProtocol.version)",
            PluginContract.supervisorPID: "\(getpid())",
        ]
        if let philosophy = options.stack.philosophy { variables[PluginContract.philosophy] = philosophy }
        // Every plugin's endpoint, so that a plugin finds another without asking.
        for plugin in core.plugins {
            variables[PluginContract.endpointVariable(for: plugin.spec.name)] = data.pluginEndpoint(plugin.spec.name)
        }
        return variables
    }

    private func publishHeartbeat() {
        heartbeats += 1
        let uptime = options.clock.now() - startedAtMonotonic
        _ = try? publisher?.publish(
            topic: BusTopic.heartbeat("supervisor"), type: BusMessageType.heartbeat,
            body: HeartbeatBody(pid: getpid(), uptimeSeconds: uptime.totalSeconds, count: heartbeats))
    }

    // MARK: Status and files

    /// The current status report.
    func status() -> StatusReport {
        let data = options.dataDirectory
        let plugins = core.plugins.map { plugin -> StatusReport.Plugin in
            let exit = plugin.lastExit.map { record -> StatusReport.Exit in
                var code: Int32?
                var signal: Int32?
                switch record.status {
                case .exited(let value): code = value
                case .signaled(let value): signal = value
                case nil: break
                }
                return StatusReport.Exit(
                    reason: record.reason, exitCode: code, signal: signal, atMonotonic: record.at.seconds,
                    ranForSeconds: record.ranFor.totalSeconds,
                    lastOutput: record.status == nil ? nil : lastOutput[plugin.spec.name])
            }
            return StatusReport.Plugin(
                name: plugin.spec.name, state: plugin.state, pid: plugin.pid, restarts: plugin.restarts,
                consecutiveFailures: plugin.consecutiveFailures, command: plugin.spec.command, order: plugin.spec.order,
                heartbeat: plugin.spec.heartbeat, endpoint: data.pluginEndpoint(plugin.spec.name),
                log: data.logPath(plugin.spec.name), stateSinceMonotonic: plugin.stateSince?.seconds,
                startedAtMonotonic: plugin.startedAt?.seconds, lastHeartbeatMonotonic: plugin.lastHeartbeatAt?.seconds,
                nextStartMonotonic: plugin.nextStartAt?.seconds, lastExit: exit)
        }
        let supervisor = StatusReport.Supervisor(
            pid: getpid(), phase: core.phase.rawValue, stack: options.stack.path, dataDirectory: data.path,
            startedAt: startedAt.rfc3339, nowMonotonic: options.clock.now().seconds, protocolVersion: BusProtocol.version,
            philosophy: options.stack.philosophy)
        return StatusReport(supervisor: supervisor, endpoints: endpoints, plugins: plugins)
    }

    private func writeEndpointsFile() {
        do {
            try PrivateFile.write(BusMessage.encodeJSON(endpoints), to: options.dataDirectory.endpointsPath)
        } catch {
            logger.error("cannot write the endpoint file: \(error)")
        }
    }

    private func removeRuntimeFiles() {
        let data = options.dataDirectory
        try? FileManager.default.removeItem(atPath: data.endpointsPath)
        let plugins = options.stack.plugins.map { data.pluginEndpoint($0.name) }
        for endpoint in [data.publishEndpoint, data.subscribeEndpoint, data.controlEndpoint] + plugins {
            try? FileManager.default.removeItem(atPath: String(endpoint.dropFirst("ipc://".count)))
        }
    }

    /// The TCP endpoint's CURVE keys: made once and kept in the data directory (mode 0600).
    private func curveKeys() throws(SupervisorError) -> CurveKeyPair? {
        guard options.stack.bus.tcp != nil, options.stack.bus.curve else { return nil }
        let path = options.dataDirectory.curveKeyPath
        if let data = FileManager.default.contents(atPath: path),
            let keys = try? JSONDecoder().decode(CurveKeyPair.self, from: data)
        {
            return keys
        }
        let keys: CurveKeyPair
        do { keys = try CurveKeyPair.generate() } catch {
            throw SupervisorError(code: .bus, message: "cannot make CURVE keys: \(error)")
        }
        do {
            try PrivateFile.write(BusMessage.encodeJSON(keys), to: path)
        } catch {
            throw SupervisorError(code: .dataDirectory, message: "cannot keep the CURVE keys: \(error)")
        }
        return keys
    }
}
