import Foundation
import TenetModels

/// How the report plugin runs, from its environment (docs/REPORTS.md, "Reports on a schedule").
public struct ReportSettings: Hashable, Sendable {
    /// The periods reported (`TENET_REPORT_SCHEDULE`: `daily`, `weekly`, `daily,weekly` — the
    /// default — or `off`: only on request).
    public var periods: [ReportPeriod] = [.day, .week]
    /// The formats written (`TENET_REPORT_FORMATS`, default `html,md,csv,json`).
    public var formats: [String] = ReportSettings.allFormats
    /// When a period's report is due: minutes after midnight, in the philosophy's time zone, on
    /// the day after the period (`TENET_REPORT_AT`, `HH:MM`, default `00:10`).
    public var afterMinutes = 10
    /// The first wait before trying a report again whose inputs were not ready or that failed;
    /// it doubles at each failure (`TENET_REPORT_RETRY`, default `30s`).
    public var retryInitial: Duration = .seconds(30)
    /// The longest wait between two tries (`TENET_REPORT_RETRY_MAX`, default `15m`).
    public var retryMax: Duration = .seconds(15 * 60)
    /// How long each request to another plugin may take (`TENET_REPORT_TIMEOUT`, default `10s`).
    public var timeout: Duration = .seconds(10)
    /// When no stored event has reached a period's end yet, how long the store must have taken
    /// no new event before the period is taken as complete (`TENET_REPORT_QUIET`, default `30s`):
    /// a feed still catching up (the simulator's history, an import) keeps the report waiting; a
    /// quiet night does not.
    public var quiet: Duration = .seconds(30)
    /// How many earlier periods each key metric's trend shows (`TENET_REPORT_HISTORY`, 0–24, default 6).
    public var history = 6
    /// The most measurements fetched per key metric for the distributions and the row-level CSV
    /// (`TENET_REPORT_ROWS_LIMIT`, default 100000).
    public var rowsLimit = 100_000
    /// The service-level target the staffing table plans for (`TENET_REPORT_SERVICE_LEVEL`, default `80/20`).
    public var serviceLevel = "80/20"
    /// The plugins asked, by stack name (`TENET_REPORT_METRICS`, `TENET_REPORT_RULES`,
    /// `TENET_REPORT_STORE`; defaults `metrics`, `rules`, `store`).
    public var metricsPlugin = "metrics"
    /// The rules plugin's name in the stack.
    public var rulesPlugin = "rules"
    /// The store plugin's name in the stack (asked for its last sequence number, to tell whether
    /// the metrics plugin has caught up).
    public var storePlugin = "store"

    /// Every format, in the order they are written.
    public static let allFormats = ["html", "md", "csv", "json"]

    /// The defaults.
    public init() {}

    /// The settings the variables give.
    ///
    /// - Throws: ``ReportSettingsError`` naming the variable, its value and why it does not do.
    public init(variables: [String: String]) throws(ReportSettingsError) {
        if let text = variables["TENET_REPORT_SCHEDULE"] { periods = try Self.periods(text) }
        if let text = variables["TENET_REPORT_FORMATS"] { formats = try Self.formats(text) }
        if let text = variables["TENET_REPORT_AT"] { afterMinutes = try Self.timeOfDay(text, variable: "TENET_REPORT_AT") }
        retryInitial = try Self.duration(variables, "TENET_REPORT_RETRY", default: retryInitial)
        retryMax = max(retryInitial, try Self.duration(variables, "TENET_REPORT_RETRY_MAX", default: retryMax))
        timeout = try Self.duration(variables, "TENET_REPORT_TIMEOUT", default: timeout)
        quiet = try Self.duration(variables, "TENET_REPORT_QUIET", default: quiet)
        history = try Self.integer(variables, "TENET_REPORT_HISTORY", in: 0...24, default: history)
        rowsLimit = try Self.integer(variables, "TENET_REPORT_ROWS_LIMIT", in: 0...10_000_000, default: rowsLimit)
        if let text = variables["TENET_REPORT_SERVICE_LEVEL"] { serviceLevel = text }
        metricsPlugin = try Self.name(variables, "TENET_REPORT_METRICS", default: metricsPlugin)
        rulesPlugin = try Self.name(variables, "TENET_REPORT_RULES", default: rulesPlugin)
        storePlugin = try Self.name(variables, "TENET_REPORT_STORE", default: storePlugin)
    }

    /// `daily`, `weekly`, both (comma-separated, any order) or `off`.
    static func periods(_ text: String) throws(ReportSettingsError) -> [ReportPeriod] {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if words == ["off"] { return [] }
        var periods: Set<ReportPeriod> = []
        for word in words {
            guard let period = ReportPeriod.allCases.first(where: { $0.scheduleName == word }) else {
                throw ReportSettingsError(
                    variable: "TENET_REPORT_SCHEDULE", value: text, reason: "is not daily, weekly, daily,weekly or off (`\(word)` is none of them)")
            }
            periods.insert(period)
        }
        guard !periods.isEmpty else {
            throw ReportSettingsError(variable: "TENET_REPORT_SCHEDULE", value: text, reason: "names no period: give daily, weekly, daily,weekly or off")
        }
        return periods.sorted()
    }

    /// Formats from `html`, `md` (or `markdown`), `csv`, `json`, comma-separated.
    static func formats(_ text: String) throws(ReportSettingsError) -> [String] {
        var chosen: Set<String> = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            let format = word == "markdown" ? "md" : word
            guard allFormats.contains(format) else {
                throw ReportSettingsError(variable: "TENET_REPORT_FORMATS", value: text, reason: "names `\(word)`: use html, md, csv and json")
            }
            chosen.insert(format)
        }
        guard !chosen.isEmpty else {
            throw ReportSettingsError(variable: "TENET_REPORT_FORMATS", value: text, reason: "names no format: use html, md, csv and json")
        }
        return allFormats.filter(chosen.contains)
    }

    /// `HH:MM` as minutes after midnight.
    static func timeOfDay(_ text: String, variable: String) throws(ReportSettingsError) -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }), let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else {
            throw ReportSettingsError(variable: variable, value: text, reason: "is not a time of day HH:MM (00:00 to 23:59)")
        }
        return hour * 60 + minute
    }

    /// `00:10` for 10 minutes.
    public static func timeOfDayText(_ minutes: Int) -> String {
        let hour = minutes / 60
        let minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    private static func duration(_ variables: [String: String], _ name: String, default value: Duration) throws(ReportSettingsError) -> Duration {
        guard let text = variables[name] else { return value }
        guard let parsed = DurationText.parse(text), parsed > .zero else {
            throw ReportSettingsError(variable: name, value: text, reason: "is not a positive duration such as 30s or 5m")
        }
        return parsed
    }

    private static func integer(_ variables: [String: String], _ name: String, in range: ClosedRange<Int>, default value: Int) throws(ReportSettingsError) -> Int {
        guard let text = variables[name] else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw ReportSettingsError(variable: name, value: text, reason: "is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return parsed
    }

    private static func name(_ variables: [String: String], _ variable: String, default value: String) throws(ReportSettingsError) -> String {
        guard let text = variables[variable] else { return value }
        guard !text.isEmpty else { throw ReportSettingsError(variable: variable, value: text, reason: "is empty: name a plugin of the stack") }
        return text
    }
}
