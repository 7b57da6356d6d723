import Foundation
import Testing
import TenetCalendar
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// A simulated week of the standard profile at full speed (seed 7), checked against the
/// distributions the profile configures. Each check states its tolerance and why; the
/// expectations are computed here from the profile's parameters, not by the simulator's code.
/// With a fixed seed the outcome is fixed; the tolerances say how surprising a failure would
/// be for a correct simulator with any seed (docs/SIMULATOR.md lists them).
@Suite struct ConfiguredDistributionTests {
    let run = Fixtures.standardWeek
    let profile = SimulationProfile.standard
    var weekEnd: Timestamp { Fixtures.at(run.start, plus: 7 * Fixtures.day) }

    /// Arrivals per local hour of day and channel: χ² against the counts the profile's rates
    /// give (rate × hour weight × day weight × month weight × week weight, with the local
    /// hour, weekday, month and ISO week of each hour read from Foundation's calendar).
    /// The week has no holiday of the profile or of the philosophy's schedules. Tolerance: the
    /// χ² critical value at α = 0.001 with one degree of freedom per cell (the expectations are
    /// fixed in advance, none fitted).
    @Test func arrivalsPerHourAndChannel() throws {
        // Calls come only while the phone line is open (outside it the caller hears that it is
        // closed); the philosophy's coverage gives calls the `phone-line` schedule.
        let phoneLine = try BusinessCalendar(try #require(Fixtures.philosophy.schedule(named: "phone-line")))
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        var expected = Array(repeating: Array(repeating: 0.0, count: 24), count: 5)
        for hour in 0..<(7 * 24) {
            let date = Date(timeIntervalSince1970: Double(run.start.nanosecondsSinceEpoch) / 1e9 + Double(hour) * 3600)
            let parts = calendar.dateComponents([.hour, .weekday, .month, .weekOfYear], from: date)
            // Foundation's weekday: Sunday 1 … Saturday 7; the profile's: Monday first.
            let dayIndex = (parts.weekday! + 5) % 7
            let open = phoneLine.isOpen(at: Fixtures.at(run.start, plus: Int64(hour) * Fixtures.hour))
            for channel in SimulatedChannel.allCases where channel != .phone || open {
                let a = profile.arrivals
                expected[channel.index][parts.hour!] += a.rates[channel.index] * a.hourWeights[channel.index][parts.hour!]
                    * a.dayWeights[dayIndex] * a.monthWeights[parts.month! - 1] * a.weekWeights[parts.weekOfYear! - 1]
            }
        }
        var observed = Array(repeating: Array(repeating: 0.0, count: 24), count: 5)
        for event in run.events where event.type == .conversationOpened && event.at < weekEnd {
            let date = Date(timeIntervalSince1970: Double(event.at.nanosecondsSinceEpoch) / 1e9)
            let channel = SimulatedChannel(rawValue: event.channel!)!
            observed[channel.index][calendar.component(.hour, from: date)] += 1
        }
        let (statistic, cells) = Statistics.chiSquare(observed: observed.flatMap { $0 }, expected: expected.flatMap { $0 })
        let total = observed.flatMap { $0 }.reduce(0, +), wanted = expected.flatMap { $0 }.reduce(0, +)
        #expect(cells > 100)
        #expect(statistic < Statistics.chiSquareCritical(df: cells), "χ² \(statistic) over \(cells) cells; \(total) arrivals, \(wanted) expected")
        // The simulator's tally counts the same arrivals.
        #expect(run.tally.conversations.reduce(0, +) >= Int(total))
    }

    /// Abandoned calls: the patience of callers is exponential with mean 3 minutes. Every
    /// queue episode is a censored observation (answered: patience longer than the wait;
    /// abandoned: patience equal to it; still waiting at the end: longer than the wait so far),
    /// so the maximum-likelihood estimate of the mean is the total time waited ÷ abandonments.
    /// Tolerance: 4 relative standard errors of that estimate (1 / √abandonments).
    @Test func patienceOfCallers() throws {
        var waited = 0.0, abandoned = 0, answered = 0
        for events in run.byConversation.values where events.first?.channel == "phone" {
            var queued: Event?
            for event in events {
                switch event.type {
                case .contactQueued: queued = event
                case .contactAnswered:
                    waited += event.seconds(since: try #require(queued))
                    answered += 1
                    queued = nil
                case .contactAbandoned:
                    waited += event.seconds(since: try #require(queued))
                    abandoned += 1
                    queued = nil
                default: break
                }
            }
            if let queued { waited += Double(run.end.nanosecondsSinceEpoch - queued.at.nanosecondsSinceEpoch) / 1e9 }
        }
        #expect(abandoned > 100)
        let estimate = waited / Double(abandoned)
        let tolerance = 4 / Double(abandoned).squareRoot()
        #expect(abs(estimate / 180 - 1) < tolerance, "mean patience \(estimate) s from \(abandoned) abandons of \(abandoned + answered)")
        // The share itself sits near the philosophy's 5% target (the standard profile's
        // calibration; docs/SIMULATOR.md): between 1% and 12%.
        let share = Double(abandoned) / Double(abandoned + answered)
        #expect(share > 0.01 && share < 0.12, "abandoned share \(share)")
    }

    /// Talk times (answered → ended) of calls and of chats: Kolmogorov–Smirnov against the
    /// configured log-normals (median 4 min, log-sd 0.75; median 9 min, log-sd 0.65).
    /// Tolerance: the KS critical value at α = 0.001, 1.95 / √n.
    @Test(arguments: [("phone", 240.0, 0.75), ("chat", 540.0, 0.65)])
    func talkTimes(channel: String, median: Double, logSD: Double) throws {
        var talks: [Double] = []
        for events in run.byConversation.values where events.first?.channel == channel {
            var answered: Event?
            for event in events {
                if event.type == .contactAnswered { answered = event }
                if event.type == .contactEnded { talks.append(event.seconds(since: try #require(answered))) }
            }
        }
        #expect(talks.count > 1000)
        let distance = Statistics.kolmogorovSmirnov(talks) { x in Statistics.normalCDF((log(x) - log(median)) / logSD) }
        #expect(distance < 1.95 / Double(talks.count).squareRoot(), "KS \(distance) over \(talks.count) \(channel) talks")
    }

    /// The experience of a conversation as the profile defines it, from its events: reopened
    /// when a solve was undone before the survey; long wait when the first wait (a queue's, or
    /// from the opening or a chat's hand-off to the first agent reply of a ticket) is longer
    /// than `surveys.long_wait`; else good.
    func experience(_ events: [Event], before sent: Timestamp) -> Experience {
        if events.contains(where: { event in
            guard event.at <= sent, case .statusChanged(status: .open, previous: .solved?) = event.payload else { return false }
            return true
        }) { return .reopened }
        var wait: Double?, live = false
        var queued: Event?, start = events.first
        for event in events {
            if event.type == .contactQueued { queued = event }
            if event.type == .contactAnswered, let queued {
                wait = event.seconds(since: queued)
                live = true
                break
            }
            if event.isHandoff { start = event }
            if event.isAgentReply, let start {
                wait = event.seconds(since: start)
                break
            }
        }
        guard let wait else { return .good }
        return wait > (live ? profile.surveys.longWaitLive : profile.surveys.longWaitTickets) ? .longWait : .good
    }

    /// Surveys sent in the first five days, with their experience and answers (up to the
    /// week's end: the profile caps every survey's delay at five days, CSAT's and CES's at two).
    func surveys(_ kind: String) -> [(experience: Experience, score: Int?)] {
        var result: [(Experience, Int?)] = []
        let cutoff = Fixtures.at(run.start, plus: (kind == "nps" ? 2 : 5) * Fixtures.day)
        for events in run.byConversation.values {
            guard let sent = events.first(where: { $0.sentSurvey == kind }), sent.at < cutoff else { continue }
            var score: Int?
            for event in events {
                if case .surveyAnswered(let survey, let value) = event.payload, survey.rawValue == kind { score = value }
            }
            result.append((experience(events, before: sent.at), score))
        }
        return result
    }

    /// CSAT, NPS and CES: for each experience, the scores (χ² against the configured shares;
    /// tolerance: the critical value at α = 0.001 with cells − 1 degrees of freedom) and the
    /// response rate (answers ~ Binomial(sent, rate); tolerance: 4 standard deviations).
    @Test(arguments: [0, 1, 2])
    func surveysByExperience(kind: Int) {
        let survey = profile.surveys.all[kind]
        let name = SimulationProfile.Surveys.kinds[kind]
        let sent = surveys(name)
        for experience in Experience.allCases {
            let mine = sent.filter { $0.experience == experience }
            let answers = mine.compactMap(\.score)
            let rate = survey.response[experience.index]
            let expectedAnswers = Double(mine.count) * rate
            let sd = (Double(mine.count) * rate * (1 - rate)).squareRoot()
            #expect(abs(Double(answers.count) - expectedAnswers) <= 4 * sd + 0.5, "\(name) \(experience): \(answers.count) answers of \(mine.count)")
            guard answers.count >= 30 else { continue }
            var observed = Array(repeating: 0.0, count: survey.scores[0].count)
            for score in answers { observed[score - survey.lowest] += 1 }
            let expected = survey.scores[experience.index].map { $0 * Double(answers.count) }
            let (statistic, cells) = Statistics.chiSquare(observed: observed, expected: expected)
            #expect(statistic < Statistics.chiSquareCritical(df: max(1, cells - 1)), "\(name) \(experience): χ² \(statistic) over \(cells) cells, \(answers.count) answers")
        }
        // Enough of each experience for the checks to mean something.
        #expect(sent.filter { $0.experience == .good }.count > (kind == 0 ? 3000 : 300))
        if kind == 0 {
            #expect(sent.filter { $0.experience == .longWait }.count > 30)
            #expect(sent.filter { $0.experience == .reopened }.count > 50)
        }
    }

    /// The bot hands 55% of the chats it finishes to a person: hand-offs ~ Binomial(chats the
    /// bot finished, 0.55). Tolerance: 4 standard deviations.
    @Test func botHandoffs() {
        var finished = 0, handedOff = 0
        for events in run.byConversation.values where events.first?.channel == "chat" {
            guard let bot = events.firstIndex(where: \.isBotMessage) else { continue }
            let after = events[(bot + 1)...]
            if after.contains(where: \.isHandoff) {
                handedOff += 1
                finished += 1
            } else if after.contains(where: \.isBotMessage) {
                finished += 1
            }
        }
        let p = profile.chat.botHandoff
        let sd = (Double(finished) * p * (1 - p)).squareRoot()
        #expect(finished > 2000)
        #expect(abs(Double(handedOff) - Double(finished) * p) < 4 * sd, "\(handedOff) hand-offs of \(finished)")
        #expect(run.tally.botHandoffs == handedOff)
    }

    /// Customers who come back: some customers write more than once in the week.
    @Test func customersComeBack() {
        var contacts: [String: Int] = [:]
        for event in run.events where event.type == .conversationOpened { contacts[event.customer!, default: 0] += 1 }
        let repeated = contacts.values.filter { $0 > 1 }.count
        #expect(Double(repeated) / Double(contacts.count) > 0.1)
    }
}
