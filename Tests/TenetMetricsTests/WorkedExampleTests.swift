import Testing
import TenetMetrics
import TenetModels
import TenetPhilosophy

/// The worked examples of docs/METRICS.md, one per metric, exactly as the document gives them.
@Suite("docs/METRICS.md worked examples")
struct WorkedExampleTests {
    let measurer = ConversationMeasurer(settings: MetricSettings())

    @Test func firstResponseTimeRestartsAtTheBotHandOff() {
        var story = Story()
        story.opened("09:00")
        story.customer("09:00:30")
        story.bot("09:00:35")
        story.add("09:03", .conversationAssigned, team: "support", agent: "ana")
        story.agent("09:04", public: false)  // a private note: never a response
        story.agent("09:10")
        #expect(measurer.measure(story.events).seconds("first_response_time") == [420])  // 09:03 → 09:10
        var settings = MetricSettings()
        settings.botHandoffRestartsFirstResponse = false
        #expect(ConversationMeasurer(settings: settings).measure(story.events).seconds("first_response_time") == [600])  // 09:00 → 09:10
    }

    @Test func firstResponseTimeInBusinessHours() {
        var story = Story()
        story.opened("2026-11-20T16:30:00Z", channel: "email")  // a Friday
        story.agent("2026-11-23T09:30:00Z")  // the Monday after
        let measured = ConversationMeasurer(settings: MetricSettings()) { _ in officeHours }.measure(story.events)
        #expect(measured.seconds("first_response_time") == [65 * 3600])  // Fri 16:30 → Mon 09:30
        #expect(measured.businessSeconds("first_response_time") == [3600])  // 30 min on Friday + 30 min on Monday
    }

    @Test func anOutboundConversationHasNoFirstResponseTime() {
        var story = Story()
        story.add("09:00", .conversationOpened, team: "support", channel: "email")
        story.events[0].dimensions.attributes["direction"] = "outbound"
        story.agent("09:00")
        story.customer("10:00")
        story.agent("10:30")
        let measured = measurer.measure(story.events)
        #expect(measured.seconds("first_response_time") == [])
        #expect(measured.seconds("next_reply_time") == [1800])  // the customer's answer waited 30 minutes
    }

    @Test func nextReplyTimeFromTheFirstWaitingMessage() {
        var story = Story()
        story.opened("09:00")
        story.customer("09:00")
        story.agent("09:10")
        story.customer("09:20")
        story.customer("09:25")
        story.agent("09:40")
        story.customer("10:00")
        story.status("10:05", .solved)  // solved while the customer waited: no reply, no measurement
        let measured = measurer.measure(story.events)
        #expect(measured.seconds("first_response_time") == [600])
        #expect(measured.seconds("next_reply_time") == [1200])  // 09:20 → 09:40
    }

    @Test func speedOfAnswerServiceLevelAndAbandonment() {
        // Three calls, each its own conversation.
        var answered = Story()
        answered.add("10:00:00", .contactQueued, channel: "phone")
        answered.add("10:00:14", .contactAnswered, agent: "ana")
        var short = Story()
        short.add("10:01:00", .contactQueued, channel: "phone")
        short.add("10:01:03", .contactAbandoned)
        var abandoned = Story()
        abandoned.add("10:02:00", .contactQueued, channel: "phone")
        abandoned.add("10:02:40", .contactAbandoned)
        let calls = [answered, short, abandoned].map { measurer.measure($0.events) }
        #expect(calls.flatMap { $0.seconds("average_speed_of_answer") } == [14])
        let serviceLevel = calls.flatMap { $0.outcomes("service_level") }
        #expect(serviceLevel == [true, false])  // the 3-second abandon is excluded
        #expect(ExactStatistics.figure(serviceLevel.map { $0 ? 1 : 0 }, .rate) == Figure(value: 50, sampleSize: 2, numerator: 1, denominator: 2))
        #expect(calls.flatMap { $0.outcomes("abandonment_rate") } == [false, true])
        #expect(calls[1].anomalies[.shortAbandon] == 1)
    }

    @Test func handleTimeOfACall() {
        var story = Story()
        story.add("10:00:00", .contactQueued, channel: "phone")
        story.add("10:00:14", .contactAnswered, agent: "ana")
        story.add("10:02:00", .holdStarted)
        story.add("10:03:05", .holdEnded)
        story.add("10:06:02", .contactEnded)
        story.add("10:07:30", .wrapupEnded)
        // Talk with the hold inside it, 10:00:14 → 10:06:02 = 348 s, and wrap-up 10:06:02 → 10:07:30 = 88 s.
        #expect(measurer.measure(story.events).seconds("average_handle_time") == [436])
    }

    @Test func handleTimeOfATicket() {
        var story = Story()
        story.opened("09:00", channel: "email")
        story.status("09:30", .pending)
        story.status("11:00", .open)
        story.status("11:20", .solved)
        // Open 09:00 → 09:30 and 11:00 → 11:20: 50 minutes of work.
        #expect(measurer.measure(story.events).seconds("average_handle_time") == [3000])
    }

    @Test func resolutionTimesAndReopens() {
        var story = Story()
        story.opened("09:00", channel: "email")
        story.agent("09:30")
        story.status("10:00", .solved)
        story.customer("12:00")
        story.status("12:00", .open)  // a reopen
        story.agent("12:30")
        story.status("13:00", .solved)
        let measured = measurer.measure(story.events)
        #expect(measured.seconds("first_resolution_time") == [3600])
        #expect(measured.seconds("full_resolution_time") == [4 * 3600])
        #expect(measured.outcomes("reopen_rate") == [true])
        #expect(measured.outcomes("first_contact_resolution") == [false])  // reopened within 7 days
        #expect(measured.outcomes("one_touch_rate") == [false])  // two public replies
        #expect(measured.of("volume_solved").count == 2)
    }

    @Test func firstContactResolution() {
        var simple = Story()
        simple.opened("09:00")
        simple.agent("09:05")
        simple.status("09:10", .solved)
        var moved = simple
        moved.add("09:06", .conversationTransferred(fromTeam: "support", fromAgent: "ana"), team: "billing")
        #expect(measurer.measure(simple.events).outcomes("first_contact_resolution") == [true])
        #expect(measurer.measure(simple.events).outcomes("one_touch_rate") == [true])
        #expect(measurer.measure(moved.events).outcomes("first_contact_resolution") == [false])
        #expect(measurer.measure(moved.events).outcomes("transfer_rate") == [true])
    }

    @Test func surveys() {
        var story = Story()
        for score in [5, 4, 3, 1] { story.add("11:00", .surveyAnswered(survey: .csat, score: score)) }
        for score in [10, 9, 8, 6, 0] { story.add("11:00", .surveyAnswered(survey: .nps, score: score)) }
        for score in [7, 5, 3] { story.add("11:00", .surveyAnswered(survey: .ces, score: score)) }
        let measured = measurer.measure(story.events)
        #expect(ExactStatistics.figure(measured.outcomes("csat").map { $0 ? 1 : 0 }, .rate).value == 50)
        #expect(ExactStatistics.figure(measured.scores("nps"), .net).value == 0)  // 2 promoters, 2 detractors, 1 passive
        #expect(ExactStatistics.figure(measured.scores("ces"), .mean).value == 5)
        #expect(ExactStatistics.figure(measured.outcomes("ces_easy_rate").map { $0 ? 1 : 0 }, .rate).numerator == 2)
    }

    @Test func qaScoreWeighsItsCategories() {
        var story = Story()
        story.add(
            "15:00",
            .qaScored(score: 75, categories: [QACategory(name: "accuracy", score: 90, weight: 2), QACategory(name: "tone", score: 60, weight: 1)]))
        #expect(measurer.measure(story.events).scores("qa_score") == [80])  // (2·90 + 60) ÷ 3
    }

    @Test func percentilesInterpolateBetweenOrderStatistics() {
        // Ten first response times in minutes: 1 2 3 4 5 6 7 8 9 30.
        let values = [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 30].map { $0 * 60 }
        #expect(ExactStatistics.figure(values, .median).value == 330)  // rank 4.5: between 5 and 6 minutes
        #expect(ExactStatistics.figure(values, .percentile(90)).value == 540 + (1800 - 540) * 0.1)  // rank 8.1
        #expect(ExactStatistics.figure(values, .within(.seconds(300))) == Figure(value: 50, sampleSize: 10, numerator: 5, denominator: 10))
    }

    @Test func retentionAndChurn() throws {
        var engine = MetricsEngine(measurer: measurer)
        let changes: [(String, String, String)] = [
            ("A", "customer.started", "2026-10-01"), ("B", "customer.started", "2026-10-05"), ("B", "customer.churned", "2026-11-10"),
            ("C", "customer.started", "2026-11-03"), ("D", "customer.started", "2026-10-20"), ("D", "customer.churned", "2026-10-25"),
        ]
        for (index, (customer, type, day)) in changes.enumerated() {
            let line = #"{"id":"l\#(index)","type":"\#(type)","at":"\#(day)T10:00:00Z","customer":"\#(customer)"}"#
            #expect(engine.apply(try EventValidator.validate(json: Array(line.utf8))))
        }
        let november = (Timestamp(rfc3339: "2026-11-01T00:00:00Z"), Timestamp(rfc3339: "2026-12-01T00:00:00Z"))
        // Active on November 1st: A and B. On December 1st: A and C, of whom C is new. Churned in November: B.
        let retention = engine.answer(MetricQuery(metric: "retention_rate", statistic: .rate, from: november.0, to: november.1))
        #expect(retention.map(\.figure) == [Figure(value: 50, sampleSize: 2, numerator: 1, denominator: 2)])
        let churn = engine.answer(MetricQuery(metric: "churn_rate", statistic: .rate, from: november.0, to: november.1))
        #expect(churn.map(\.figure) == [Figure(value: 50, sampleSize: 2, numerator: 1, denominator: 2)])

        // The drill-down: the customers behind each figure, one row per side of the division.
        func sides(_ rows: [MeasurementRow]) -> [String] {
            rows.map { "\($0.conversation) \($0.part?.rawValue ?? "-") \($0.at.rfc3339.prefix(10))" }
        }
        let retained = engine.rows(MetricQuery(metric: "retention_rate", statistic: .rate, from: november.0, to: november.1), limit: 10)
        // A and B were active on the 1st (at their last change before it); A is still active at the end.
        #expect(sides(retained.rows) == ["A numerator 2026-10-01", "A denominator 2026-10-01", "B denominator 2026-10-05"])
        #expect(retained.total == 3)
        #expect(retained.parts == [.numerator: 1, .denominator: 2])
        let churned = engine.rows(MetricQuery(metric: "churn_rate", statistic: .rate, from: november.0, to: november.1), limit: 2)
        #expect(sides(churned.rows) == ["A denominator 2026-10-01", "B denominator 2026-10-05"])
        #expect(churned.total == 3)
        #expect(churned.parts == [.numerator: 1, .denominator: 2])
        let all = engine.rows(MetricQuery(metric: "churn_rate", statistic: .rate, from: november.0, to: november.1), limit: 10)
        #expect(sides(all.rows).last == "B numerator 2026-11-10")
    }

    @Test func theOrderOfArrivalDoesNotMatter() {
        var story = Story()
        story.opened("09:00")
        story.customer("09:00")
        story.agent("09:10")
        story.customer("09:20")
        story.agent("09:40")
        story.status("10:00", .solved)
        let inOrder = measurer.measure(story.events)
        #expect(measurer.measure(story.events.reversed()) == inOrder)
        #expect(measurer.measure(story.events.shuffled()) == inOrder)
    }
}
