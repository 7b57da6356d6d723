import TenetMetricsProtocol
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

    /// The comma-separated list `name` (`a,b`), with no empty item.
    public func list(_ name: String) throws(APIError) -> [String]? {
        guard let value = try single(name) else { return nil }
        return try Self.items(of: value, parameter: name)
    }

    /// The filters: every `where.NAME=a,b` (a repeated one adds values) → `[NAME: [a, b]]`.
    public func filters() throws(APIError) -> [String: [String]]? {
        var result: [String: [String]] = [:]
        for (name, value) in pairs where name.hasPrefix("where.") {
            let dimension = String(name.dropFirst("where.".count))
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

    // MARK: The routes' requests

    static let queryNames: Set<String> = ["metric", "stat", "period", "from", "to", "hours", "by"]

    /// `GET /v1/metrics` → the metrics plugin's `query`; with `limit` allowed, `GET /v1/conversations`.
    public func metricQuery(allowLimit: Bool = false) throws(APIError) -> MetricQueryRequest {
        try check(known: allowLimit ? Self.queryNames.union(["limit"]) : Self.queryNames, filters: true)
        guard let metric = try single("metric") else { throw .parameter("metric", "required (for example metric=first_response_time)") }
        var request = MetricQueryRequest(
            metric: metric, stat: try single("stat"), hours: try choice("hours", ["calendar", "business"]), period: try single("period"),
            from: try single("from"), to: try single("to"), where: try filters(), by: try list("by"))
        if let by = request.by, by.count > 2 { throw .parameter("by", "at most two dimensions, not \(by.count)") }
        if allowLimit { request.limit = try integer("limit", in: 1...Self.maximumLimit) }
        return request
    }

    /// `GET /v1/staffing` → the metrics plugin's `staffing`.
    public func staffing() throws(APIError) -> StaffingRequest {
        try check(known: ["interval", "from", "to"], filters: true)
        let interval = try integer("interval", in: 1...1440)
        if let interval, 1440 % interval != 0 { throw .parameter("interval", "\(interval) minutes do not divide a day") }
        return StaffingRequest(intervalMinutes: interval, from: try single("from"), to: try single("to"), where: try filters())
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
