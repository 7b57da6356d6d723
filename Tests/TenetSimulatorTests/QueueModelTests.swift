import Foundation
import Testing
import TenetModels
import TenetSimulator

/// The queue against queueing theory: with constant arrivals, exponential talk times, no
/// wrap-up, six agents always on and exponentially impatient callers, the phone queue is the
/// Erlang-A (M/M/n+M) queue, whose share of abandoned calls is known exactly (Garnett,
/// Mandelbaum and Reiman 2002). The simulated share must match it.
@Suite struct QueueModelTests {
    static let profileText = """
        zone: UTC
        arrivals:
          rates: { email: 0, chat: 0, phone: 60, social: 0, web_form: 0 }
          hour_weights: { all: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }
          day_weights: { mon: 1, tue: 1, wed: 1, thu: 1, fri: 1, sat: 1, sun: 1 }
          month_weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
          week_weights: {}
          holidays: []
          routing: { phone: { support: 100% } }
        customers: { initial: 1000, new_per_day: 0, monthly_churn: 0%, orders_per_month: 0 }
        teams:
          support:
            phone: { agents: 6 }
        shifts:
          length: 24h
          days_per_week: 7
          breaks: []
          hours: { phone: { daily: ["00:00-24:00"] } }
        phone:
          patience: { mean: 4m }
          talk: { mean: 5m }
          hold: { share: 0%, length: 0s }
          wrapup: 0s
        flow: { transfer: 0%, escalation: { urgent: 0%, high: 0%, normal: 0%, low: 0% }, reopen: 0% }
        extra_events: []
        employees: { other_staff: 0, monthly_attrition: 0% }
        """

    /// The Erlang-A share of abandoned calls: the birth–death chain of the number of callers
    /// in the system (arrivals λ; departures min(k, n)·μ + max(k − n, 0)·γ), solved for its
    /// stationary distribution π; abandonments per unit time are Σ π_k·max(k − n, 0)·γ.
    static func erlangAAbandonment(lambda: Double, mu: Double, gamma: Double, agents n: Int) -> Double {
        var weights = [1.0]
        for k in 1...(n + 400) {
            let departures = Double(min(k, n)) * mu + Double(max(k - n, 0)) * gamma
            weights.append(weights[k - 1] * lambda / departures)
        }
        let total = weights.reduce(0, +)
        let abandonments = weights.enumerated().reduce(0.0) { $0 + $1.element / total * Double(max($1.offset - n, 0)) * gamma }
        return abandonments / lambda
    }

    /// Seven days, the first hour left out (the queue starts empty). Tolerance: 4 standard
    /// errors by the method of batch means (the week in 27 batches of 6 hours: successive calls
    /// are correlated through the queue, batches of hundreds of calls nearly independent).
    @Test func abandonmentMatchesErlangA() throws {
        let profile = try SimulationProfile.parse(Self.profileText, file: "erlang-a.yaml")
        let start = Fixtures.monday
        let run = try SimulatedRun(
            profile: profile, philosophy: nil, setup: SimulationSetup(seed: 5, start: start, announcesInitialCustomers: false), days: 7)
        let expected = Self.erlangAAbandonment(lambda: 1, mu: 1.0 / 5, gamma: 1.0 / 4, agents: 6)
        var queued: [String: Timestamp] = [:]
        var batches = Array(repeating: (calls: 0, abandoned: 0), count: 28)
        for event in run.events {
            switch event.type {
            case .contactQueued: queued[event.conversation!] = event.at
            case .contactAnswered, .contactAbandoned:
                let removed = queued.removeValue(forKey: event.conversation!)
                let at = try #require(removed)
                let batch = Int((at.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch - Fixtures.hour) / (6 * Fixtures.hour))
                guard at.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch >= Fixtures.hour, batch < 27 else { continue }
                batches[batch].calls += 1
                if event.type == .contactAbandoned { batches[batch].abandoned += 1 }
            default: break
            }
        }
        let shares = batches.prefix(27).map { Double($0.abandoned) / Double($0.calls) }
        let calls = batches.reduce(0) { $0 + $1.calls }, abandoned = batches.reduce(0) { $0 + $1.abandoned }
        let share = Double(abandoned) / Double(calls)
        let mean = shares.reduce(0, +) / Double(shares.count)
        let sd = (shares.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(shares.count - 1)).squareRoot()
        let standardError = sd / Double(shares.count).squareRoot()
        #expect(calls > 9000)
        #expect(abs(share - expected) < 4 * standardError, "abandoned \(share) of \(calls) calls; Erlang-A \(expected); standard error \(standardError)")
        // The agents were all on, all week: every call was answered or abandoned within the run
        // but the last few.
        #expect(queued.count < 20)
    }
}
