import Foundation
import Testing
import TenetMetricsProtocol
import TenetPhilosophy
import TenetReporting

@Suite struct ReportBuilderTests {
    @Test func keyMetricsCarryTheScorecardFiguresAndTheTrend() throws {
        let model = try ReportFixture.model
        #expect(model.purpose == "Strengthen human connection.")
        #expect(model.vision == "We create happiness.")
        #expect(model.values.map(\.name) == ["Speed", "Quality"])
        #expect(model.values.map(\.action) == ["Treat every customer with urgency.", "Get it right the first time."])
        let speed = try #require(model.values.first?.metrics.first)
        #expect(speed.actual == 2700)
        #expect(speed.actualText == "45m 00s")
        #expect(speed.sampleSize == 4)
        #expect(speed.target == "<= 1h")
        #expect(speed.status == "met")
        let trend = try #require(speed.trend)
        #expect(trend.previous == 3000)
        #expect(trend.previousText == "50m 00s")
        #expect(trend.previousSampleSize == 3)
        #expect(trend.change == -300)
        #expect(trend.changeText == "-5m 00s")
        #expect(trend.direction == "better")
        #expect(speed.history.map(\.value) == [3000, 2700])
        let quality = try #require(model.values.last?.metrics.first)
        #expect(quality.trend?.changeText == "-5.0 pt")
        #expect(quality.trend?.direction == "worse")
        #expect(quality.numerator == 3 && quality.denominator == 4)
    }

    @Test func aChangeTooSmallToShowIsTheSame() throws {
        var history = ReportFixture.history
        history["value:Quality:0"] = [
            ReportFixture.previous("first_contact_resolution", stat: "rate", unit: "percent", value: 75.00000000000001, n: 4)
        ]
        let model = ReportBuilder(philosophy: try ReportFixture.philosophy, period: "week", span: ReportFixture.span).build(
            ReportInputs(scorecard: ReportFixture.scorecard, history: history))
        let trend = try #require(model.values.last?.metrics.first?.trend)
        #expect(trend.direction == "same")
        #expect(trend.changeText == "0.0 pt")
    }

    @Test func aWithinStatisticsRowsAreDurationsAndEmptyRowSetsAreDropped() throws {
        var card = ReportFixture.scorecard
        card.series[0].stat = "within_15m"
        card.series[0].unit = "percent"
        card.series[0].figure = FigureBody(dimensions: [:], value: 50, sampleSize: 4, numerator: 2, denominator: 4, currency: nil)
        var conversations = ReportFixture.conversations
        conversations["team:support:0"] = ConversationsReply(metric: "csat", from: ReportFixture.from, to: ReportFixture.to, total: 0, rows: [])
        let model = ReportBuilder(philosophy: try ReportFixture.philosophy, period: "week", span: ReportFixture.span).build(
            ReportInputs(scorecard: card, conversations: conversations))
        #expect(model.rows.map(\.unit) == ["seconds", "percent"])
        #expect(CSVReport(model).rowColumns.suffix(3) == ["first_response_time", "first_response_time_business", "first_contact_resolution"])
        #expect(HTMLReport(model).render().contains("Distribution of first_response_time (calendar time), 4 measurements"))
    }

    @Test func aRatesRowsBecomeANumeratorAndADenominatorColumnThatDivideToTheFigure() throws {
        var card = ReportFixture.scorecard
        card.series[2].metric = "sla_attainment"
        var conversations = ReportFixture.conversations
        func side(_ conversation: String, _ at: String, _ part: String) -> RowBody {
            RowBody(conversation: conversation, at: at, value: 1, businessValue: 1, currency: nil, dimensions: ["team": "support"], part: part)
        }
        conversations["team:support:0"] = ConversationsReply(
            metric: "sla_attainment", from: ReportFixture.from, to: ReportFixture.to, total: 5,
            rows: [
                side("c1", "2026-11-23T14:00:00Z", "numerator"), side("c1", "2026-11-23T14:00:00Z", "denominator"),
                side("c5", "2026-11-25T09:00:00Z", "denominator"), side("c6", "2026-11-25T10:00:00Z", "numerator"),
                side("c6", "2026-11-25T10:00:00Z", "denominator"),
            ],
            lastSeq: 42, parts: ["numerator": 2, "denominator": 3])
        let model = ReportBuilder(philosophy: try ReportFixture.philosophy, period: "week", span: ReportFixture.span).build(
            ReportInputs(scorecard: card, conversations: conversations))
        #expect(model.rows.map(\.column).suffix(2) == ["sla_attainment_numerator", "sla_attainment_denominator"])
        #expect(model.rows.suffix(2).map(\.total) == [2, 3])
        let csv = CSVReport(model)
        let lines = csv.conversations().split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let numerator = try #require(header.firstIndex(of: "sla_attainment_numerator"))
        let denominator = try #require(header.firstIndex(of: "sla_attainment_denominator"))
        func sum(_ column: Int) -> Int { lines.dropFirst().compactMap { Int($0[column]) }.reduce(0, +) }
        // 2 ÷ 3 = the figure's 66.7 %.
        #expect(sum(numerator) == 2)
        #expect(sum(denominator) == 3)
    }

    @Test func teamTablesDropTheTeamFilterAndOthersHoldVolume() throws {
        let model = try ReportFixture.model
        #expect(model.teams.map(\.id) == ["support"])
        #expect(model.teams.map(\.name) == ["Customer Support"])
        let csat = try #require(model.teams.first?.metrics.first)
        #expect(csat.filter == "")
        #expect(csat.actualText == "66.7%")
        #expect(csat.trend == nil)
        #expect(csat.history.isEmpty)
        #expect(model.others.map(\.metric) == ["conversations_opened"])
    }

    @Test func slaAndAlertsListOnlyThePeriod() throws {
        let model = try ReportFixture.model
        #expect(model.sla.available)
        #expect(model.sla.attainment.map(\.percentText) == ["75.0%"])
        #expect(model.sla.breaches.map(\.conversation) == ["c3"])
        #expect(model.sla.breaches.first?.elapsedText == "15m 00s")
        #expect(model.alerts.transitions.map(\.at) == ["2026-11-24T09:00:00Z"])
        #expect(model.alerts.transitions.first?.labels == "team=support")
    }

    @Test func staffingPlansEachSlotWithErlangC() throws {
        let model = try ReportFixture.model
        // 20 contacts over 2 Mondays in one hour, 300 s each: 0.833 Erlang; 2 agents reach 77.3%
        // within 20 s, 3 reach 95.0%.
        let slot = try #require(model.staffing.slots.first)
        #expect(model.staffing.slots.count == 1)
        #expect(slot.slot == "mon 09:00")
        #expect(slot.contactsPerDay == 10)
        #expect(slot.aht == 300)
        #expect(slot.agents == 3)
        #expect((slot.serviceLevel * 1000).rounded() == 950)
    }

    @Test func withoutTheRulesPluginTheSectionsSaySo() throws {
        let note = "the running stack has no plugin named 'rules'"
        let model = ReportBuilder(philosophy: try ReportFixture.philosophy, period: "week", span: ReportFixture.span).build(
            ReportInputs(scorecard: ReportFixture.scorecard, rulesNote: note))
        #expect(!model.sla.available && model.sla.note == note)
        #expect(!model.alerts.available && model.alerts.note == note)
        #expect(!model.staffing.available)
        #expect(MarkdownReport(model).render().contains("Not available: the running stack has no plugin named 'rules'."))
    }

    @Test func rowSetsFollowTheKeyMetrics() throws {
        let model = try ReportFixture.model
        #expect(model.rows.map(\.column) == ["first_response_time", "first_contact_resolution", "csat"])
        #expect(model.rows.first?.values == [600, 1200, 2000, 3000])
    }
}

@Suite struct ReportSpanTests {
    let zone = "Europe/Berlin"

    @Test func weeksStartOnMondayInTheZone() throws {
        let instant = try #require(ReportSpan.instant("2026-11-25T12:00:00Z"))
        let week = try #require(ReportSpan.containing(instant, period: "week", zone: zone))
        #expect(week.fromText == "2026-11-22T23:00:00Z")
        #expect(week.toText == "2026-11-29T23:00:00Z")
        #expect(week.previous(period: "week", zone: zone)?.fromText == "2026-11-15T23:00:00Z")
    }

    @Test func previousDayAcrossTheClockChangeIsTwentyFiveHours() throws {
        let instant = try #require(ReportSpan.instant("2026-10-26T12:00:00Z"))
        let day = try #require(ReportSpan.containing(instant, period: "day", zone: zone))
        #expect(day.fromText == "2026-10-25T23:00:00Z")
        let previous = try #require(day.previous(period: "day", zone: zone))
        #expect(previous.fromText == "2026-10-24T22:00:00Z")
        #expect(previous.to.timeIntervalSince(previous.from) == 25 * 3600)
    }

    @Test func previousMonthsAndRollingWindows() throws {
        let march = ReportSpan(from: try #require(ReportSpan.instant("2026-03-01T00:00:00Z")), to: try #require(ReportSpan.instant("2026-04-01T00:00:00Z")))
        #expect(march.earlier(2, period: "month", zone: "UTC").map(\.fromText) == ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"])
        let rolling = ReportSpan(from: try #require(ReportSpan.instant("2026-03-08T10:30:00Z")), to: try #require(ReportSpan.instant("2026-03-15T10:30:00Z")))
        #expect(rolling.previous(period: "rolling_7d", zone: "UTC")?.fromText == "2026-03-01T10:30:00Z")
        #expect(rolling.previous(period: "fortnight", zone: "UTC") == nil)
    }

    @Test func labelsAreDatesInTheOrganisationsZone() throws {
        // November in Berlin starts at 23:00 UTC on 31 October (a chart once said 2026-10-31).
        let start = try #require(ReportSpan.instant("2026-10-31T23:00:00Z"))
        #expect(ReportSpan.localText(start, zone: zone) == "2026-11-01")
        #expect(ReportSpan.localText(start, zone: zone, withHour: true) == "2026-11-01 00:00")
        #expect(ReportSpan.localText(start, zone: "UTC") == "2026-10-31")
    }

    @Test func instantsKeepNanosecondFractions() throws {
        let instant = try #require(ReportSpan.instant("2026-11-24T10:15:00.5Z"))
        #expect(ReportSpan.text(instant) == "2026-11-24T10:15:00Z")
        #expect(instant.timeIntervalSince(try #require(ReportSpan.instant("2026-11-24T10:15:00Z"))) == 0.5)
        #expect(ReportFixture.span.contains("2026-11-29T23:59:59.999999999Z"))
        #expect(!ReportFixture.span.contains("2026-11-30T00:00:00Z"))
    }
}
