import TenetControl
import TenetMetricsProtocol

/// The Prometheus text exposition format (version 0.0.4) of what `/metrics` shows, pure: the
/// scorecard's figures and target statuses, each plugin's state and restarts, and the web
/// plugin's own counters.
public enum PrometheusText {
    /// The `Content-Type` of the format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// What one scrape renders.
    public struct Snapshot: Sendable {
        /// The metrics plugin's scorecard, when it answered.
        public var scorecard: ScorecardReply?
        /// The supervisor's status, when it answered.
        public var status: StatusReport?
        /// Requests served, by route pattern and status code.
        public var requests: [RequestCounters.Key: Int]
        /// Live stream clients connected now.
        public var streamClients: Int
        /// Live stream clients dropped for falling behind.
        public var streamDropped: Int
        /// Which sources answered this scrape (`metrics`, `supervisor`).
        public var sources: [String: Bool]
        /// The metrics plugin's counters (its throughput), when it answered.
        public var metricsStats: MetricsStats?
        /// Bus messages the live stream forwarded.
        public var streamEvents: Int

        /// Creates a snapshot.
        public init(
            scorecard: ScorecardReply?, status: StatusReport?, requests: [RequestCounters.Key: Int], streamClients: Int, streamDropped: Int,
            sources: [String: Bool], metricsStats: MetricsStats? = nil, streamEvents: Int = 0
        ) {
            self.metricsStats = metricsStats
            self.streamEvents = streamEvents
            self.scorecard = scorecard
            self.status = status
            self.requests = requests
            self.streamClients = streamClients
            self.streamDropped = streamDropped
            self.sources = sources
        }
    }

    /// The target statuses a series can have; each is one sample of `tenet_target_status`.
    public static let targetStatuses = ["met", "at_risk", "missed", "no_data"]

    /// Renders `snapshot`: every family has `# HELP` and `# TYPE`, samples are sorted so that the
    /// output is stable, and label values are escaped.
    public static func render(_ snapshot: Snapshot) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
            out += "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) \(type)\n"
            for sample in samples { out += name + labelText(sample.labels) + " " + number(sample.value) + "\n" }
        }
        let series = (snapshot.scorecard?.series ?? []).sorted { ($0.series, group($0)) < ($1.series, group($1)) }
        func labels(_ figure: SeriesFigure) -> [(String, String)] {
            [
                ("series", figure.series), ("value", figure.value ?? ""), ("team", figure.team ?? ""), ("metric", figure.metric),
                ("stat", figure.stat), ("period", figure.period), ("hours", figure.hours), ("unit", figure.unit), ("group", group(figure)),
            ]
        }
        family(
            "tenet_metric_value", "gauge", "A key metric's current figure (unit in the unit label; series without data are absent).",
            series.compactMap { figure in figure.figure.value.map { (labels(figure), $0) } })
        family(
            "tenet_metric_sample_size", "gauge", "How many measurements a key metric's current figure is made of.",
            series.map { (labels($0), Double($0.figure.sampleSize)) })
        family(
            "tenet_target_status", "gauge", "1 for a key metric's current target status, 0 for the others (series with a target only).",
            series.filter { $0.target != nil }.flatMap { figure in
                targetStatuses.map { status in
                    (labels(figure) + [("target", figure.target ?? ""), ("status", status)], (figure.status ?? "no_data") == status ? 1.0 : 0.0)
                }
            })
        let plugins = (snapshot.status?.plugins ?? []).sorted { $0.name < $1.name }
        family(
            "tenet_plugin_state", "gauge", "1 for each plugin's current supervisor state, 0 for the others.",
            plugins.flatMap { plugin in
                PluginState.allCases.map { state in ([("plugin", plugin.name), ("state", state.rawValue)], plugin.state == state ? 1.0 : 0.0) }
            })
        family(
            "tenet_plugin_restarts_total", "counter", "How many times the supervisor restarted each plugin since it started.",
            plugins.map { ([("plugin", $0.name)], Double($0.restarts)) })
        let stats = snapshot.metricsStats.map { [$0] } ?? []
        family(
            "tenet_metrics_events_total", "counter", "Stored events the metrics plugin has applied since it started (its throughput).",
            stats.map { ([], Double($0.events)) })
        family(
            "tenet_metrics_last_seq", "gauge", "The store sequence number of the last event the metrics plugin applied.",
            stats.map { ([], Double($0.lastSeq)) })
        family(
            "tenet_metrics_conversations", "gauge", "Conversations the metrics plugin holds.", stats.map { ([], Double($0.conversations)) })
        family(
            "tenet_web_requests_total", "counter", "HTTP requests the web plugin answered, by route and status code.",
            snapshot.requests.sorted { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }.map {
                ([("route", $0.key.route), ("code", String($0.key.status))], Double($0.value))
            })
        family("tenet_web_stream_clients", "gauge", "Live stream (server-sent events) clients connected.", [([], Double(snapshot.streamClients))])
        family(
            "tenet_web_stream_dropped_total", "counter", "Live stream clients dropped because they fell behind.",
            [([], Double(snapshot.streamDropped))])
        family(
            "tenet_web_stream_events_total", "counter", "Bus messages (metric, alert, target, sla) the live stream forwarded.",
            [([], Double(snapshot.streamEvents))])
        family(
            "tenet_web_source_up", "gauge", "1 when the source answered this scrape, 0 when it did not.",
            snapshot.sources.sorted { $0.key < $1.key }.map { ([("source", $0.key)], $0.value ? 1.0 : 0.0) })
        return out
    }

    /// A figure's group as one label value: `channel=chat,team=support` (empty without grouping).
    static func group(_ figure: SeriesFigure) -> String {
        figure.figure.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value ?? "")" }.joined(separator: ",")
    }

    /// `{a="x",b="y"}`, or nothing without labels.
    static func labelText(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// A label value: backslash, double quote and line feed escaped.
    public static func escapeLabel(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// A help text: backslash and line feed escaped.
    public static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A sample value: `NaN`, `+Inf`, `-Inf`, a whole number without a fraction, else Swift's shortest form.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
