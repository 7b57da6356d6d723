import TenetMetricsProtocol
import TenetModels
import TenetPhilosophy
import TenetRulesProtocol

/// A request's query parameters, checked against what a route accepts: every unknown, repeated
/// or malformed parameter is refused with a 400 that names it. Pure: built from the decoded
/// `name=value` pairs in their order.
public struct QueryParameters: Sendable {
    /// The pairs in the order given.
    public let pairs: [(name: String, value: String)]

    /// Creates parameters from decoded pairs. A filter may also be written `where[NAME]=…`
    /// (OpenAPI's deepObject style): it is read as `where.NAME=…`.
    public init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs.map { pair in
            guard pair.name.hasPrefix("where["), pair.name.hasSuffix("]"), pair.name.count > "where[]".count else { return pair }
            return ("where." + pair.name.dropFirst("where[".count).dropLast(), pair.value)
        }
    }

    /// The most rows `/v1/conversations` returns at once.
    public static let maximumLimit = 10_000
    /// The most values one list parameter (`where.team=a,b,…`) may hold.
    public static let maximumValues = 100

    /// Refuses any parameter not in `known` (and not `where.NAME` when `filters` is true), and any
    /// single-valued parameter given twice.
    public func check(known: Set<String>, filters: Bool) throws(APIError) {
        var seen: Set<String> = []
        for (name, _) in pairs {
            if filters, name.hasPrefix("where.") {
                guard name.count > "where.".count else { throw .parameter(name, "name the dimension: where.team=support") }
                continue
            }
            guard known.contains(name) else {
                let list = (known.sorted() + (filters ? ["where.DIMENSION"] : [])).joined(separator: ", ")
                throw .parameter(name, list.isEmpty ? "this route takes no parameters" : "unknown; this route takes \(list)")
            }
            guard seen.insert(name).inserted else { throw .parameter(name, "given more than once") }
        }
    }

    /// The value of `name`, if given; an empty value is refused.
    public func single(_ name: String) throws(APIError) -> String? {
        guard let value = pairs.first(where: { $0.name == name })?.value else { return nil }
        guard !value.isEmpty else { throw .parameter(name, "is empty") }
        return value
    }

    /// The value of `name`, one of `allowed`.
    public func choice(_ name: String, _ allowed: [String]) throws(APIError) -> String? {
        guard let value = try single(name) else { return nil }
        guard allowed.contains(value) else {
            throw .parameter(name, "'\(value)' is not one of \(allowed.joined(separator: ", "))")
        }
        return value
    }

    /// The whole number `name`, within `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = try single(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw .parameter(name, "'\(value)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// The RFC 3339 time `name` (years 1678–2261, the span of ``Timestamp``), as given.
    public func instant(_ name: String) throws(APIError) -> String? {
        guard let value = try single(name) else { return nil }
        guard Timestamp(rfc3339: value) != nil, let year = Int(value.prefix(4)), (1678...2261).contains(year) else {
            throw .parameter(name, "'\(value)' is not an RFC 3339 time with a zone between 1678 and 2261 (2026-11-02T09:00:00Z)")
        }
        return value
    }

    /// The comma-separated list `name` (`a,b`), with no empty item.
    public func list(_ name: String) throws(APIError) -> [String]? {
        guard let value = try single(name) else { return nil }
        return try Self.items(of: value, parameter: name)
    }

    /// The filters: every `where.NAME=a,b` (a repeated one adds values) → `[NAME: [a, b]]`;
    /// NAME is a dimension or `attributes.NAME` (``QueryParameters/isDimension(_:)``).
    public func filters() throws(APIError) -> [String: [String]]? {
        var result: [String: [String]] = [:]
        for (name, value) in pairs where name.hasPrefix("where.") {
            let dimension = String(name.dropFirst("where.".count))
            guard Self.isDimension(dimension) else { throw .parameter(name, "'\(dimension)' is not \(Self.dimensionsText)") }
            let values = try Self.items(of: value, parameter: name)
            result[dimension, default: []].append(contentsOf: values.filter { !(result[dimension] ?? []).contains($0) })
            guard result[dimension, default: []].count <= Self.maximumValues else {
                throw .parameter(name, "more than \(Self.maximumValues) values")
            }
        }
        return result.isEmpty ? nil : result
    }

    private static func items(of value: String, parameter: String) throws(APIError) -> [String] {
        let items = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !items.contains(where: \.isEmpty) else {
            throw .parameter(parameter, "'\(value)' has an empty item; separate values with single commas")
        }
        guard items.count <= maximumValues else { throw .parameter(parameter, "more than \(maximumValues) values") }
        return items
    }

    // MARK: Names (docs/openapi.yaml's patterns and enums, checked here so that the API and its document agree)

    /// Whether `name` is well formed for a metric (built-in names and aliases and custom metric
    /// names all are: 1–64 lowercase letters, digits, `_` or `-`, starting with a letter). Whether
    /// such a metric exists is the metrics plugin's answer (404 `unknown_metric` when not).
    public static func isMetricName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.count <= 64 else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// The statistics' names without a number.
    public static let statisticNames = ["mean", "average", "avg", "median", "min", "max", "count", "sum", "rate", "net", "last"]

    /// Whether `name` is a statistic as the document writes it: one of ``statisticNames``,
    /// `p1`…`p99`, or `within_` and a threshold in one unit (`within_15m`, `within_1500ms`;
    /// at most 10, 9, 7, 5 or 4 digits of ms, s, m, h or d, so that every one is in range).
    public static func isStatistic(_ name: String) -> Bool {
        if statisticNames.contains(name) { return true }
        if name.hasPrefix("p"), let rank = Int(name.dropFirst()), (1...99).contains(rank), "p\(rank)" == name { return true }
        guard name.hasPrefix("within_") else { return false }
        let threshold = name.utf8.dropFirst("within_".count)
        let digits = threshold.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let unit = String(decoding: threshold.dropFirst(digits.count), as: UTF8.self)
        let most = ["ms": 10, "s": 9, "m": 7, "h": 5, "d": 4][unit]
        return !digits.isEmpty && most.map { digits.count <= $0 } == true
    }

    /// Whether `name` is a dimension (`team`, `segment`…) or `attributes.NAME` (NAME without a comma).
    public static func isDimension(_ name: String) -> Bool {
        if EventDimension(rawValue: name) != nil { return true }
        return name.hasPrefix("attributes.") && name.count > "attributes.".count && !name.contains(",")
    }

    static let dimensionsText = "a dimension (" + EventDimension.allCases.map(\.key).joined(separator: ", ") + ") or attributes.NAME"

    // MARK: The routes' requests

    static let queryNames: Set<String> = ["metric", "stat", "period", "from", "to", "hours", "by"]

    /// `GET /v1/metrics` → the metrics plugin's `query`; with `limit` allowed, `GET /v1/conversations`.
    public func metricQuery(allowLimit: Bool = false) throws(APIError) -> MetricQueryRequest {
        try check(known: allowLimit ? Self.queryNames.union(["limit"]) : Self.queryNames, filters: true)
        guard let metric = try single("metric") else { throw .parameter("metric", "required (for example metric=first_response_time)") }
        guard Self.isMetricName(metric) else {
            throw .parameter("metric", "'\(metric)' is not a metric name (1–64 lowercase letters, digits, _ or -, starting with a letter)")
        }
        let stat = try single("stat")
        if let stat, !Self.isStatistic(stat) {
            throw .parameter("stat", "'\(stat)' is not a statistic (\(Self.statisticNames.joined(separator: ", ")), p1…p99, within_15m)")
        }
        var request = MetricQueryRequest(
            metric: metric, stat: stat, hours: try choice("hours", ["calendar", "business"]), period: try choice("period", Period.names),
            from: try instant("from"), to: try instant("to"), where: try filters(), by: try list("by"))
        if let by = request.by, by.count > 2 { throw .parameter("by", "at most two dimensions, not \(by.count)") }
        if let wrong = request.by?.first(where: { !Self.isDimension($0) }) { throw .parameter("by", "'\(wrong)' is not \(Self.dimensionsText)") }
        if allowLimit { request.limit = try integer("limit", in: 1...Self.maximumLimit) }
        return request
    }

    /// `GET /v1/staffing` → the metrics plugin's `staffing`.
    public func staffing() throws(APIError) -> StaffingRequest {
        try check(known: ["interval", "from", "to"], filters: true)
        let interval = try integer("interval", in: 1...1440)
        if let interval, 1440 % interval != 0 { throw .parameter("interval", "\(interval) minutes do not divide a day") }
        return StaffingRequest(intervalMinutes: interval, from: try instant("from"), to: try instant("to"), where: try filters())
    }

    /// `GET /v1/alerts` → the rules plugin's `alerts`.
    public func alerts() throws(APIError) -> AlertsRequest {
        try check(known: ["recent"], filters: false)
        return AlertsRequest(recent: try integer("recent", in: 1...1000))
    }

    /// `GET /v1/sla` → the rules plugin's `sla`.
    public func sla() throws(APIError) -> SLARequest {
        try check(known: ["filter", "limit"], filters: false)
        return SLARequest(filter: try choice("filter", ["all", "breached", "at_risk"]), limit: try integer("limit", in: 1...10_000))
    }
}
