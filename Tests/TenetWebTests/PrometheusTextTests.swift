import Testing
import TenetControl
import TenetMetricsProtocol
import TenetWeb

@Suite("Prometheus text exposition")
struct PrometheusTextTests {
    static func figure(
        series: String, metric: String, stat: String, hours: String, unit: String, dimensions: [String: String?], value: Double?, sampleSize: Int,
        target: String?, status: String?, valueName: String?, team: String?
    ) -> SeriesFigure {
        SeriesFigure(
            series: series, metric: metric, stat: stat, hours: hours, period: "week", from: "2026-11-02T00:00:00Z", to: "2026-11-09T00:00:00Z",
            filter: [:], figure: FigureBody(dimensions: dimensions, value: value, sampleSize: sampleSize, numerator: nil, denominator: nil, currency: nil),
            unit: unit, target: target, status: status, value: valueName, team: team, lastSeq: 40)
    }

    static let snapshot = PrometheusText.Snapshot(
        scorecard: ScorecardReply(
            at: "2026-11-05T10:00:00Z",
            series: [
                figure(
                    series: "value:Speed:0", metric: "first_response_time", stat: "p90", hours: "business", unit: "seconds", dimensions: [:], value: 1800.5,
                    sampleSize: 12, target: "<= 1h", status: "met", valueName: "Speed", team: nil),
                figure(
                    series: "team:support:0", metric: "csat", stat: "rate", hours: "calendar", unit: "percent", dimensions: ["channel": "chat"], value: nil,
                    sampleSize: 0, target: nil, status: nil, valueName: nil, team: "support"),
            ], lastSeq: 40),
        status: StatusReport(
            supervisor: .init(pid: 1, phase: "running", stack: "stack.yaml", dataDirectory: "/d", startedAt: "", nowMonotonic: 0, protocolVersion: 1),
            endpoints: BusEndpoints(publish: "ipc://p", subscribe: "ipc://s", control: "ipc://c", plugins: [:]),
            plugins: [
                .init(name: "metrics", state: .running, restarts: 2, consecutiveFailures: 0, command: "tenet-metrics", order: 25, heartbeat: true, endpoint: "", log: "")
            ]),
        requests: [RequestCounters.Key(route: "/v1/scorecard", status: 200): 3], streamClients: 1, streamDropped: 0,
        sources: ["metrics": true, "supervisor": false],
        metricsStats: MetricsStats(events: 120, conversations: 14, lastSeq: 40, anomalies: [:], lateEvents: 0), streamEvents: 9)

    @Test("Every figure is a labelled gauge, the target status a one-hot gauge, plugins and counters follow; samples are exact")
    func samples() {
        let text = PrometheusText.render(Self.snapshot)
        let speed = #"series="value:Speed:0",value="Speed",team="",metric="first_response_time",stat="p90",period="week",hours="business",unit="seconds",group="""#
        let csat = #"series="team:support:0",value="",team="support",metric="csat",stat="rate",period="week",hours="calendar",unit="percent",group="channel=chat""#
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(samples == [
            "tenet_metric_value{\(speed)} 1800.5",
            "tenet_metric_sample_size{\(csat)} 0",
            "tenet_metric_sample_size{\(speed)} 12",
            "tenet_target_status{\(speed),target=\"<= 1h\",status=\"met\"} 1",
            "tenet_target_status{\(speed),target=\"<= 1h\",status=\"at_risk\"} 0",
            "tenet_target_status{\(speed),target=\"<= 1h\",status=\"missed\"} 0",
            "tenet_target_status{\(speed),target=\"<= 1h\",status=\"no_data\"} 0",
            #"tenet_plugin_state{plugin="metrics",state="starting"} 0"#,
            #"tenet_plugin_state{plugin="metrics",state="running"} 1"#,
            #"tenet_plugin_state{plugin="metrics",state="backoff"} 0"#,
            #"tenet_plugin_state{plugin="metrics",state="stopping"} 0"#,
            #"tenet_plugin_state{plugin="metrics",state="stopped"} 0"#,
            #"tenet_plugin_state{plugin="metrics",state="fatal"} 0"#,
            #"tenet_plugin_restarts_total{plugin="metrics"} 2"#,
            "tenet_metrics_events_total 120",
            "tenet_metrics_last_seq 40",
            "tenet_metrics_conversations 14",
            #"tenet_web_requests_total{route="/v1/scorecard",code="200"} 3"#,
            "tenet_web_stream_clients 1",
            "tenet_web_stream_dropped_total 0",
            "tenet_web_stream_events_total 9",
            #"tenet_web_source_up{source="metrics"} 1"#,
            #"tenet_web_source_up{source="supervisor"} 0"#,
        ])
    }

    @Test("Each family is announced once with HELP then TYPE, before its samples")
    func families() {
        let lines = PrometheusText.render(Self.snapshot).split(separator: "\n").map(String.init)
        let types = lines.filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2...3].joined(separator: " ") }
        #expect(types == [
            "tenet_metric_value gauge", "tenet_metric_sample_size gauge", "tenet_target_status gauge", "tenet_plugin_state gauge",
            "tenet_plugin_restarts_total counter", "tenet_metrics_events_total counter", "tenet_metrics_last_seq gauge",
            "tenet_metrics_conversations gauge", "tenet_web_requests_total counter", "tenet_web_stream_clients gauge",
            "tenet_web_stream_dropped_total counter", "tenet_web_stream_events_total counter", "tenet_web_source_up gauge",
        ])
        for (index, line) in lines.enumerated() where line.hasPrefix("# TYPE ") {
            let name = line.split(separator: " ")[2]
            #expect(lines[index - 1].hasPrefix("# HELP \(name) "))
        }
    }

    @Test("Label values escape backslash, quote and line feed; numbers print as Prometheus reads them")
    func escaping() {
        #expect(PrometheusText.escapeLabel(#"a\b"c"# + "\nd") == #"a\\b\"c\nd"#)
        #expect(PrometheusText.escapeHelp("x\\y\nz") == #"x\\y\nz"#)
        #expect(PrometheusText.number(.nan) == "NaN")
        #expect(PrometheusText.number(.infinity) == "+Inf")
        #expect(PrometheusText.number(-.infinity) == "-Inf")
        #expect(PrometheusText.number(42) == "42")
        #expect(PrometheusText.number(0.25) == "0.25")
        #expect(PrometheusText.number(1e20) == "1e+20")
    }

    @Test("Without the scorecard and the status, the families are still announced and the sources say why")
    func emptySources() {
        let text = PrometheusText.render(.init(scorecard: nil, status: nil, requests: [:], streamClients: 0, streamDropped: 0, sources: ["metrics": false]))
        #expect(text.contains("# TYPE tenet_metric_value gauge\n# HELP tenet_metric_sample_size"))
        #expect(text.hasSuffix("tenet_web_source_up{source=\"metrics\"} 0\n"))
    }
}
