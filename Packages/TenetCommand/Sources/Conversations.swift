import ArgumentParser
import Foundation
import TenetBus
import TenetMetricsProtocol
import TenetModels

/// `tenet conversations`: the conversations behind a figure, with their measurements.
struct Conversations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the conversations behind a metric's figure, with their measurements (drill-down).",
        discussion: """
            One row per measurement of --metric in the span that passes the filters, in time order: \
            the conversation, when it belongs to, its value (seconds for durations, 1 or 0 for \
            rates, the score) in calendar and business time, and its dimensions. --format csv for \
            a spreadsheet.
            """)

    @Option(name: .long, help: "The metric (first_response_time, csat, …).")
    var metric: String

    @OptionGroup var span: QueryOptions

    @Option(name: .long, help: "The most rows (1–100000).")
    var limit: Int = 1000

    @Option(name: .long, help: "table (default), csv or json.")
    var format: String = "table"

    @Option(name: .long, help: "The metrics plugin's name in the stack (default: metrics).")
    var plugin = "metrics"

    @Option(name: .long, help: "Seconds to wait for the metrics plugin.")
    var timeout: Double = 10

    @OptionGroup var data: DataOptions

    func run() throws {
        guard ["table", "csv", "json"].contains(format) else {
            throw CommandFailure(message: "--format \(format): use table, csv or json", exitCode: 64)
        }
        let client = try PluginClient(plugin: plugin, dataPath: data.data, sender: "tenet-conversations", timeoutSeconds: timeout)
        defer { client.close() }
        let request = try span.request(metric: metric, stat: nil, by: nil, limit: limit)
        let reply = try client.request("conversations", body: request)
        if format == "json" {
            print(String(decoding: reply.body, as: UTF8.self))
            return
        }
        let rows = try reply.decodeBody(ConversationsReply.self)
        let dimensions = ["team", "channel", "agent", "priority", "segment", "language"]
        // A rate's rows (sla_attainment, a custom rate, retention, churn) say which side they count on.
        let parted = rows.rows.contains { $0.part != nil }
        let header = ["conversation", "at", "value", "business_value", "currency"] + (parted ? ["part"] : []) + dimensions
        let lines = rows.rows.map { row in
            [row.conversation, row.at, Self.number(row.value), Self.number(row.businessValue), row.currency ?? ""]
                + (parted ? [row.part ?? ""] : []) + dimensions.map { row.dimensions[$0] ?? "" }
        }
        if format == "csv" {
            print(([header] + lines).map { $0.map(Export.quote).joined(separator: ",") }.joined(separator: "\r\n"), terminator: "\r\n")
            return
        }
        print(TextTable.align([header.map { $0.uppercased() }] + lines))
        print("\(rows.rows.count) of \(rows.total) measurements of \(rows.metric)")
        if let parts = rows.parts {
            print("numerator \(parts["numerator"] ?? 0) ÷ denominator \(parts["denominator"] ?? 0)")
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
