import Foundation
import Logging
import Synchronization
import TenetBus
import TenetReportServer
import TenetReporting
import TenetTestSupport

/// The report plugin's handler served in-process between a fake metrics plugin and a fake store
/// (``FakePeers``), its wall clock in the test's hands and its data directory the metrics fake's.
final class ReportRig {
    /// The wall clock the handler reads.
    final class Clock: Sendable {
        private let now: Mutex<Date>

        init(_ text: String) { now = Mutex(ReportSpan.instant(text)!) }

        /// Moves the clock to an RFC 3339 instant.
        func set(_ text: String) { now.withLock { $0 = ReportSpan.instant(text)! } }

        var date: Date { now.withLock { $0 } }
    }

    let metricsPeers = FakePeers()
    let storePeers = FakePeers(isStore: true)
    let clock: Clock
    /// The data directory (reports go in `reports/`).
    let data: String
    /// Where the philosophy file is, when one was given.
    let philosophyPath: String?
    let client: BusRequestClient
    private let servers: [ServedRequestHandler]

    /// Serves the fakes, writes `philosophy` (when given) and starts the handler at `start`.
    init(
        philosophy: String?, variables: [String: String], applied: Int64 = 10, feedBehind: Bool = false, nothingBefore: Bool = false,
        start: String = "2026-11-26T00:10:00Z"
    ) throws {
        metricsPeers.applied.withLock { $0 = applied }
        storePeers.feedBehind.withLock { $0 = feedBehind }
        storePeers.nothingBefore.withLock { $0 = nothingBefore }
        let metricsPeers = metricsPeers, storePeers = storePeers
        let metrics = try ServedRequestHandler(name: "metrics") { _, _ in metricsPeers }
        let store = try ServedRequestHandler(name: "store") { _, _ in storePeers }
        let data = metrics.directory
        let path = philosophy.map { _ in data + "/philosophy.yaml" }
        if let philosophy, let path { try philosophy.write(toFile: path, atomically: true, encoding: .utf8) }
        let settings = try ReportSettings(variables: variables)
        let clock = Clock(start)
        let (metricsEndpoint, storeEndpoint) = (metrics.endpoint, store.endpoint)
        let report = try ServedRequestHandler(name: "report") { context, directory in
            try ReportRequestHandler(
                context: context, publishEndpoint: "ipc://\(directory)/publish.sock", metricsEndpoint: metricsEndpoint, rulesEndpoint: nil,
                storeEndpoint: storeEndpoint, name: "report", philosophyPath: path, dataDirectory: data, settings: settings,
                logger: Logger(label: "test"), wall: { clock.date })
        }
        self.clock = clock
        self.data = data
        philosophyPath = path
        servers = [report, store, metrics]
        client = try report.client()
    }

    /// Closes the client and stops the three servers.
    func close() {
        client.close()
        for server in servers { server.close() }
    }

    /// The handler's `stats`.
    func stats() throws -> ReportPluginStats {
        try client.request(ReportMethod.stats.rawValue, body: EmptyBody(), timeout: .seconds(10), as: ReportPluginStats.self)
    }
}
