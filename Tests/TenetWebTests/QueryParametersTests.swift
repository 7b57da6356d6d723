import Foundation
import Testing
import TenetMetricsProtocol
import TenetWeb

@Suite("Query parameters: decoding and checking")
struct QueryParametersTests {
    static func parameters(_ query: String) throws -> QueryParameters {
        QueryParameters(try QueryString.decode(query))
    }

    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as APIError {
            #expect(error.status == .badRequest)
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("A full /v1/metrics query maps onto the metrics plugin's query, several filter values at once")
    func fullQuery() throws {
        let request = try Self.parameters(
            "metric=first_response_time&stat=p90&period=week&hours=business&by=team,channel&where.team=support,sales&where.channel=chat&where.team=hr"
        ).metricQuery()
        var expected = MetricQueryRequest(
            metric: "first_response_time", stat: "p90", hours: "business", period: "week", where: ["team": ["support", "sales", "hr"], "channel": ["chat"]],
            by: ["team", "channel"])
        expected.limit = nil
        #expect(request == expected)
    }

    @Test("where[NAME] (OpenAPI's deepObject style) is read as where.NAME")
    func deepObjectFilters() throws {
        let request = try Self.parameters("metric=csat&where%5Bteam%5D=support&where.team=sales&where[channel]=chat").metricQuery()
        #expect(request.where == ["team": ["support", "sales"], "channel": ["chat"]])
        #expect(Self.message { _ = try Self.parameters("metric=csat&where[]=x").metricQuery() }
            == "query parameter 'where[]': unknown; this route takes by, from, hours, metric, period, stat, to, where.DIMENSION")
    }

    @Test("Percent escapes and + are decoded; a broken escape is refused naming the parameter")
    func decoding() throws {
        let pairs = try QueryString.decode("metric=csat&where.attributes.segment=key%20account%2Cgold+tier")
        #expect(pairs.map(\.name) == ["metric", "where.attributes.segment"])
        #expect(pairs.map(\.value) == ["csat", "key account,gold tier"])
        #expect(Self.message { _ = try QueryString.decode("metric=%zz") } == "query parameter 'metric': the value is not valid percent-encoded UTF-8")
        #expect(Self.message { _ = try QueryString.decode("metric=%ff") } == "query parameter 'metric': the value is not valid percent-encoded UTF-8")
    }

    @Test("Unknown, repeated, missing, empty and out-of-range parameters are 400s naming the parameter")
    func refusals() throws {
        #expect(Self.message { _ = try Self.parameters("stat=p90").metricQuery() } == "query parameter 'metric': required (for example metric=first_response_time)")
        #expect(Self.message { _ = try Self.parameters("metric=csat&colour=red").metricQuery() }
            == "query parameter 'colour': unknown; this route takes by, from, hours, metric, period, stat, to, where.DIMENSION")
        #expect(Self.message { _ = try Self.parameters("metric=csat&metric=nps").metricQuery() } == "query parameter 'metric': given more than once")
        #expect(Self.message { _ = try Self.parameters("metric=").metricQuery() } == "query parameter 'metric': is empty")
        #expect(Self.message { _ = try Self.parameters("metric=csat&hours=wall").metricQuery() } == "query parameter 'hours': 'wall' is not one of calendar, business")
        #expect(Self.message { _ = try Self.parameters("metric=csat&by=a,b,c").metricQuery() } == "query parameter 'by': at most two dimensions, not 3")
        #expect(Self.message { _ = try Self.parameters("metric=csat&where.team=a,,b").metricQuery() }
            == "query parameter 'where.team': 'a,,b' has an empty item; separate values with single commas")
        #expect(Self.message { _ = try Self.parameters("metric=csat&where.=a").metricQuery() } == "query parameter 'where.': name the dimension: where.team=support")
        #expect(Self.message { _ = try Self.parameters("metric=csat&limit=5").metricQuery() }
            == "query parameter 'limit': unknown; this route takes by, from, hours, metric, period, stat, to, where.DIMENSION")
        #expect(Self.message { _ = try Self.parameters("metric=csat&limit=0").metricQuery(allowLimit: true) }
            == "query parameter 'limit': '0' is not a whole number from 1 to 10000")
        #expect(Self.message { _ = try Self.parameters("x=1").check(known: [], filters: false) } == "query parameter 'x': this route takes no parameters")
        #expect(Self.message { _ = try Self.parameters("interval=7").staffing() } == "query parameter 'interval': 7 minutes do not divide a day")
        #expect(Self.message { _ = try Self.parameters("filter=late").sla() } == "query parameter 'filter': 'late' is not one of all, breached, at_risk")
    }

    @Test("Names are checked as docs/openapi.yaml states them: metric, stat, period, by and where dimensions, RFC 3339 bounds")
    func names() throws {
        #expect(Self.message { _ = try Self.parameters("metric=0").metricQuery() }
            == "query parameter 'metric': '0' is not a metric name (1–64 lowercase letters, digits, _ or -, starting with a letter)")
        #expect(Self.message { _ = try Self.parameters("metric=my_metric-2&stat=within_90m&period=rolling_7d&by=attributes.plan").metricQuery() } == nil)
        #expect(Self.message { _ = try Self.parameters("metric=csat&stat=0").metricQuery() }
            == "query parameter 'stat': '0' is not a statistic (mean, average, avg, median, min, max, count, sum, rate, net, last, p1…p99, within_15m)")
        #expect(Self.message { _ = try Self.parameters("metric=csat&period=0").metricQuery() }
            == "query parameter 'period': '0' is not one of hour, day, week, month, rolling_7d, rolling_28d")
        #expect(Self.message { _ = try Self.parameters("metric=csat&by=team,0").metricQuery() }
            == "query parameter 'by': '0' is not a dimension (conversation, customer, channel, team, agent, priority, segment, language) or attributes.NAME")
        #expect(Self.message { _ = try Self.parameters("metric=csat&where[x-schemathesis-additional]=00").metricQuery() }
            == "query parameter 'where.x-schemathesis-additional': 'x-schemathesis-additional' is not a dimension (conversation, customer, channel, team, agent, priority, segment, language) or attributes.NAME")
        #expect(Self.message { _ = try Self.parameters("where.attributes.=x").staffing() }
            == "query parameter 'where.attributes.': 'attributes.' is not a dimension (conversation, customer, channel, team, agent, priority, segment, language) or attributes.NAME")
        #expect(Self.message { _ = try Self.parameters("metric=csat&from=0001-01-01T00:00:00Z").metricQuery() }
            == "query parameter 'from': '0001-01-01T00:00:00Z' is not an RFC 3339 time with a zone between 1678 and 2261 (2026-11-02T09:00:00Z)")
        #expect(Self.message { _ = try Self.parameters("to=2026-02-30T00:00:00Z").staffing() }
            == "query parameter 'to': '2026-02-30T00:00:00Z' is not an RFC 3339 time with a zone between 1678 and 2261 (2026-11-02T09:00:00Z)")
        #expect(Self.message { _ = try Self.parameters("metric=csat&from=1677-12-31T23:00:00Z").metricQuery() } != nil)
        // The forms the document's pattern admits: a leap second, any number of fraction digits, t and z, an offset.
        for instant in ["2016-12-31T23:59:60Z", "2026-11-22T08:20:16.1234567891Z", "2026-11-22t08:20:16z", "2026-11-22T09:20:16.5+01:00", "2026-11-22 08:20:16Z"] {
            #expect(Self.message { _ = try Self.parameters("to=" + instant.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: " ", with: "%20")).staffing() } == nil, "\(instant)")
        }
        #expect(Self.message { _ = try Self.parameters("metric=csat&from=2261-12-31T23:00:00Z&where.attributes.segment=gold").metricQuery() } == nil)
    }

    @Test("Drill-down takes a limit; staffing, alerts and sla map their parameters")
    func otherRoutes() throws {
        #expect(try Self.parameters("metric=csat&limit=25").metricQuery(allowLimit: true).limit == 25)
        let staffing = try Self.parameters("interval=60&from=2026-11-02T00:00:00Z&where.channel=phone").staffing()
        #expect(staffing == StaffingRequest(intervalMinutes: 60, from: "2026-11-02T00:00:00Z", where: ["channel": ["phone"]]))
        #expect(try Self.parameters("recent=5").alerts().recent == 5)
        let sla = try Self.parameters("filter=breached&limit=3").sla()
        #expect(sla.filter == "breached")
        #expect(sla.limit == 3)
    }
}
