import ArgumentParser
import Foundation
import TenetBus
import TenetMetricsProtocol
import TenetModels
import TenetReporting

/// `tenet metrics`: the live scorecard, or one metric's figures, from the metrics plugin.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the live scorecard, or one metric's figures, from the metrics plugin.",
        discussion: """
            Without --metric: every standing series of the philosophy (value, metric, target, \
            actual, sample size, status). With --metric: one metric's statistic over a period or \
            span, filtered (--where team=support,billing, repeatable) and grouped (--by team,channel). \
            docs/METRICS.md defines every metric.
            """)

    @Option(name: .long, help: "The metric (first_response_time, csat, …).")
    var metric: String?

    @Option(name: .long, help: "The statistic: mean, median, p90, p95, p99, min, max, count, sum, rate, net, last, within_1h.")
    var stat: String?

    @Option(name: .long, help: "Group by one or two dimensions: team, channel, agent, priority, segment, language, attributes.NAME.")
    var by: String?

    @OptionGroup var span: QueryOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Redraw the scorecard whenever a metric event arrives (Ctrl-C to stop).")
    var watch = false

    @Flag(name: .long, help: "Print the plugin's counters as JSON: events, conversations, last_seq, anomalies, late events, checkpoint.")
    var stats = false

    @Option(name: .long, help: "The metrics plugin's name in the stack (default: metrics).")
    var plugin = "metrics"

    @Option(name: .long, help: "Seconds to wait for the metrics plugin.")
    var timeout: Double = 10

    @OptionGroup var data: DataOptions

    func run() throws {
        let client = try PluginClient(plugin: plugin, dataPath: data.data, sender: "tenet-metrics-cli", timeoutSeconds: timeout)
        defer { client.close() }
        if stats {
            let reply = try client.request("stats", body: EmptyBody())
            print(String(decoding: reply.body, as: UTF8.self))
            return
        }
        if let metric {
            let request = try span.request(metric: metric, stat: stat, by: by.map { $0.split(separator: ",").map(String.init) })
            let reply = try client.request("query", body: request)
            if json {
                print(String(decoding: reply.body, as: UTF8.self))
                return
            }
            print(MetricsTable.query(try reply.decodeBody(MetricQueryReply.self)))
            return
        }
        if watch {
            // Redrawn on each burst of metric events.
            try client.watch(topics: [BusTopic.metrics], every: .seconds(10)) {
                MetricsTable.scorecard(try client.request("scorecard", body: EmptyBody(), as: ScorecardReply.self))
            }
        }
        let reply = try client.request("scorecard", body: EmptyBody())
        if json {
            print(String(decoding: reply.body, as: UTF8.self))
            return
        }
        print(MetricsTable.scorecard(try reply.decodeBody(ScorecardReply.self)))
    }
}

/// The span, filters and clock of a metrics request, shared by `tenet metrics` and
/// `tenet conversations`.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: "The current period: hour, day, week, month, rolling_7d, rolling_28d.")
    var period: String?

    @Option(name: .long, help: "The first instant included (RFC 3339).")
    var from: String?

    @Option(name: .long, help: "The first instant excluded (RFC 3339).")
    var to: String?

    @Option(name: .long, parsing: .singleValue, help: "A filter DIM=V1,V2 (repeatable; all must hold).")
    var `where`: [String] = []

    @Option(name: .long, help: "calendar (default) or business.")
    var hours: String?

    /// `--where DIM=V1,V2` clauses as the request's filter: dimension → accepted values.
    static func filter(_ clauses: [String]) throws -> [String: [String]] {
        var filter: [String: [String]] = [:]
        for clause in clauses {
            guard let equals = clause.firstIndex(of: "="), equals != clause.startIndex else {
                throw CommandFailure(message: "--where \(clause): write DIMENSION=VALUE[,VALUE…]", exitCode: 64)
            }
            filter[String(clause[..<equals]), default: []] += clause[clause.index(after: equals)...].split(separator: ",").map(String.init)
        }
        return filter
    }

    /// The request these options describe.
    func request(metric: String, stat: String?, by: [String]?, limit: Int? = nil) throws -> MetricQueryRequest {
        let filter = try Self.filter(`where`)
        var request = MetricQueryRequest(
            metric: metric, stat: stat, hours: hours, period: period, from: from, to: to, where: filter.isEmpty ? nil : filter, by: by)
        request.limit = limit
        return request
    }
}

/// The aligned tables `tenet metrics` prints.
enum MetricsTable {
    static func scorecard(_ card: ScorecardReply) -> String {
        var rows: [[String]] = [["VALUE / TEAM", "METRIC", "STAT", "PERIOD", "TARGET", "ACTUAL", "N", "STATUS"]]
        for figure in card.series where figure.value != nil || figure.team != nil {
            let owner = figure.value ?? figure.team.map { "team \($0)" } ?? ""
            let filter = figure.filter.filter { $0.key != "team" || figure.team == nil }
                .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: ","))" }.joined(separator: " ")
            rows.append([
                owner, figure.metric + (filter.isEmpty ? "" : " (\(filter))"), figure.stat + (figure.hours == "business" ? " biz" : ""),
                figure.period, figure.target ?? "-", format(figure.figure, unit: figure.unit), "\(figure.figure.sampleSize)",
                figure.status ?? "-",
            ])
        }
        var text = TextTable.align(rows)
        let volume = card.series.filter { $0.value == nil && $0.team == nil && $0.figure.dimensions.isEmpty }
        if !volume.isEmpty {
            text += "\n" + volume.map { "\($0.metric) (\($0.period)): \(format($0.figure, unit: $0.unit))" }.joined(separator: "   ")
        }
        return text + "\nlast event seq \(card.lastSeq), \(card.at)\n"
    }

    static func query(_ reply: MetricQueryReply) -> String {
        let dimensions = reply.groups.first.map { Array($0.dimensions.keys).sorted() } ?? []
        var rows: [[String]] = [dimensions.map { $0.uppercased() } + ["VALUE", "N", "NUMERATOR", "DENOMINATOR"]]
        for group in reply.groups {
            rows.append(
                dimensions.map { (group.dimensions[$0] ?? nil) ?? "-" }
                    + [format(group, unit: reply.unit), "\(group.sampleSize)", group.numerator.map(String.init) ?? "-",
                       group.denominator.map(String.init) ?? "-"])
        }
        let span = [reply.from, reply.to].map { $0 ?? "…" }.joined(separator: " → ")
        return "\(reply.metric) \(reply.stat) (\(reply.hours) time), \(span)\n" + TextTable.align(rows) + "\nlast event seq \(reply.lastSeq)\n"
    }

    /// The figure as text: ``FigureText``, which reports use too, so both show the same digits.
    static func format(_ figure: FigureBody, unit: String) -> String {
        FigureText.value(figure.value, unit: unit, currency: figure.currency)
    }
}
