import Foundation
import Testing

@testable import TenetStaffing

/// Erlang C on the textbook example, against independent computations, and at large loads.
@Suite struct ErlangCTests {
    typealias R = StaffingReference

    /// The worked example of docs/STAFFING.md: 100 calls in 30 minutes, AHT 180 s.
    /// λ = 100 / 1800 s = 0.0556 /s; A = λ × AHT = 100 × 180 / 1800 = 10 Erlangs.
    ///
    /// Aᵏ/k! for A = 10, k = 0…13: 1, 10, 50, 166.667, 416.667, 833.333, 1388.889, 1984.127,
    /// 2480.159, 2755.732, 2755.732, 2505.211, 2087.676, 1605.904; partial sums Σₖ₌₀ᴺ⁻¹ for
    /// N = 11: 12842.305, N = 12: 15347.516, N = 13: 17435.192, N = 14: 19041.096.
    /// top = Aᴺ/N! · N/(N−A): N = 11: 2505.211 × 11/1 = 27557.319; N = 13: 1605.904 × 13/3 =
    /// 6958.919; N = 14: 1147.075 × 14/4 = 4014.761.
    /// C = top / (sum + top): N = 11: 27557.319 / 40399.624 = 0.68212; N = 13: 6958.919 /
    /// 24394.111 = 0.28527; N = 14: 4014.761 / 23055.857 = 0.17413.
    /// SL(20 s) = 1 − C·e^(−(N−A)·20/180): N = 11: 1 − 0.68212 × e^(−0.1111) = 1 − 0.68212 ×
    /// 0.89484 = 0.38961; N = 13: 1 − 0.28527 × e^(−0.3333) = 1 − 0.28527 × 0.71653 = 0.79559;
    /// N = 14: 1 − 0.17413 × e^(−0.4444) = 1 − 0.17413 × 0.64118 = 0.88835.
    /// ASA = C·AHT/(N−A): N = 11: 0.68212 × 180 / 1 = 122.78 s; N = 13: 0.28527 × 60 = 17.116 s;
    /// N = 14: 0.17413 × 45 = 7.836 s. Occupancy A/N: 0.909, 0.769, 0.714.
    @Test func textbookExample() throws {
        let n11 = try R.forecast(load: 10, aht: 180, agents: 11)
        #expect(R.close(n11.probabilityOfWaiting, 0.682_118_204_689_332, within: 1e-12))
        #expect(R.close(try n11.serviceLevel(within: 20), 0.389_613_811_729_153, within: 1e-12))
        #expect(R.close(n11.averageSpeedOfAnswer, 122.781_276_844_080, within: 1e-12))
        #expect(n11.occupancy == 10.0 / 11.0)

        let n13 = try R.forecast(load: 10, aht: 180, agents: 13)
        #expect(R.close(n13.probabilityOfWaiting, 0.285_270_453_036_493, within: 1e-12))
        #expect(R.close(try n13.serviceLevel(within: 20), 0.795_594_788_417_783, within: 1e-12))
        #expect(R.close(n13.averageSpeedOfAnswer, 17.116_227_182_189_58, within: 1e-12))

        let n14 = try R.forecast(load: 10, aht: 180, agents: 14)
        #expect(R.close(n14.probabilityOfWaiting, 0.174_131_933_595_050, within: 1e-12))
        #expect(R.close(try n14.serviceLevel(within: 20), 0.888_350_019_179_467, within: 1e-12))
        #expect(R.close(n14.averageSpeedOfAnswer, 7.835_937_011_777_24, within: 1e-12))
        #expect(n14.occupancy == 10.0 / 14.0)
        // T = 0: the share answered at once, 1 − C.
        #expect(try n14.serviceLevel(within: 0) == 1 - n14.probabilityOfWaiting)
    }

    /// Erlang B by its recursion on the example: B(1) = 10/11 = 0.90909, B(2) = 10·B(1)/(2 +
    /// 10·B(1)) = 9.0909/11.0909 = 0.81967, …, B(11) = 0.16323, B(14) = 0.056819; and
    /// C = N·B/(N − A·(1 − B)): N = 14: 14 × 0.056819 / (4 + 10 × 0.056819) = 0.79547 / 4.56819
    /// = 0.17413, the C of the definition above.
    @Test func erlangBRecursion() throws {
        #expect(try ErlangC(load: 10, aht: 180, agents: 0).erlangB == 1)
        #expect(try ErlangC(load: 10, aht: 180, agents: 1).erlangB == 10.0 / 11.0)
        #expect(R.close(try ErlangC(load: 10, aht: 180, agents: 2).erlangB, 0.819_672_131_147_541, within: 1e-14))
        #expect(R.close(try ErlangC(load: 10, aht: 180, agents: 11).erlangB, 0.163_232_333_244_434, within: 1e-12))
        #expect(R.close(try ErlangC(load: 10, aht: 180, agents: 14).erlangB, 0.056_819_143_386_521, within: 1e-12))
    }

    /// The closed forms against the definition in decimal arithmetic (C) and against the state
    /// probabilities of the queue summed by brute force (C, service level, ASA), over loads and
    /// agents of several sizes.
    @Test(arguments: [(1, 2), (2, 3), (5, 6), (5, 9), (10, 11), (10, 12), (10, 13), (10, 14), (10, 15), (20, 22), (50, 55)])
    func againstIndependentComputations(load: Int, agents: Int) throws {
        let forecast = try R.forecast(load: Double(load), aht: 240, agents: agents)
        #expect(R.close(forecast.probabilityOfWaiting, R.decimalErlangC(load: load, agents: agents), within: 1e-12))
        let brute = R.bruteForce(load: Double(load), aht: 240, agents: agents, threshold: 30)
        #expect(R.close(forecast.probabilityOfWaiting, brute.waiting, within: 1e-10))
        #expect(R.close(try forecast.serviceLevel(within: 30), brute.serviceLevel, within: 1e-10))
        #expect(R.close(forecast.averageSpeedOfAnswer, brute.asa, within: 1e-10))
    }

    /// More agents: higher service level, lower probability of waiting and ASA, lower occupancy,
    /// strictly, at a small and a large load.
    @Test(arguments: [(10.0, 11...30), (1000.0, 1001...1100)])
    func monotoneInAgents(load: Double, agents: ClosedRange<Int>) throws {
        var previous = try R.forecast(load: load, aht: 180, agents: agents.lowerBound)
        for n in agents.dropFirst() {
            let forecast = try R.forecast(load: load, aht: 180, agents: n)
            #expect(try forecast.serviceLevel(within: 20) > previous.serviceLevel(within: 20), "N = \(n)")
            #expect(forecast.probabilityOfWaiting < previous.probabilityOfWaiting, "N = \(n)")
            #expect(forecast.averageSpeedOfAnswer < previous.averageSpeedOfAnswer, "N = \(n)")
            #expect(forecast.occupancy < previous.occupancy, "N = \(n)")
            previous = forecast
        }
    }

    /// At N = 2,000 and more, the recursion agrees with the log-space sum and with values computed
    /// in exact rational arithmetic (Python's `fractions`, Σ Aᵏ/k! with integer A, rounded to 17
    /// digits at the end): finite, in range, and to 10⁻¹² relative.
    @Test(arguments: [
        (1950.0, 2000, 0.178_675_068_232_735_21),
        (1000.0, 1030, 0.248_908_785_843_601_99),
        (4000.0, 4060, 0.246_707_199_010_426_76),
        (4999.5, 5000, 0.991_198_841_080_507_04),
    ])
    func largeLoads(load: Double, agents: Int, exactC: Double) throws {
        let forecast = try R.forecast(load: load, aht: 180, agents: agents)
        let waiting = forecast.probabilityOfWaiting
        #expect(waiting.isFinite && waiting > 0 && waiting < 1)
        #expect(R.close(waiting, exactC, within: 1e-12))
        #expect(R.close(waiting, R.logSpaceErlangC(load: load, agents: agents), within: 1e-9))
        let serviceLevel = try forecast.serviceLevel(within: 20)
        #expect(serviceLevel.isFinite && serviceLevel > 0 && serviceLevel < 1)
        #expect(forecast.averageSpeedOfAnswer.isFinite)
        // The brute force over queue states agrees too (scaled weights: no overflow at 5,000).
        let brute = R.bruteForce(load: load, aht: 180, agents: agents, threshold: 20)
        #expect(R.close(serviceLevel, brute.serviceLevel, within: 1e-9))
        #expect(R.close(forecast.averageSpeedOfAnswer, brute.asa, within: 1e-9))
    }

    /// Far more agents than load: Erlang B underflows to 0 and the figures are exactly those of
    /// a queue where nobody waits, never NaN.
    @Test func farMoreAgentsThanLoad() throws {
        let queue = try ErlangC(load: 5, aht: 300, agents: 2_000_000)
        #expect(queue.erlangB == 0)
        let forecast = try #require(queue.outcome.forecast)
        #expect(forecast.probabilityOfWaiting == 0)
        #expect(forecast.averageSpeedOfAnswer == 0)
        #expect(try forecast.serviceLevel(within: 20) == 1)
        #expect(forecast.occupancy == 5.0 / 2_000_000)
    }

    /// N ≤ A is unstable, said as such, whatever the size; N just above A is stable.
    @Test func unstableQueues() throws {
        #expect(try ErlangC(load: 10, aht: 180, agents: 10).outcome == .unstable)
        #expect(try ErlangC(load: 10, aht: 180, agents: 3).outcome == .unstable)
        #expect(try ErlangC(load: 0.5, aht: 180, agents: 0).outcome == .unstable)
        #expect(try ErlangC(load: 4000, aht: 180, agents: 4000).outcome == .unstable)
        #expect(try ErlangC(load: 10, aht: 180, agents: 10).outcome.forecast == nil)
        // 10.5 Erlangs on 11 agents: stable, almost everyone waits.
        let forecast = try R.forecast(load: 10.5, aht: 180, agents: 11)
        #expect(forecast.probabilityOfWaiting > 0.8 && forecast.probabilityOfWaiting < 1)
        #expect(forecast.averageSpeedOfAnswer.isFinite)
    }

    /// No load: nobody waits, with or without agents.
    @Test func noLoad() throws {
        #expect(try ErlangC(load: 0, aht: 180, agents: 0).outcome == .stable(.idle))
        let forecast = try R.forecast(load: 0, aht: 180, agents: 3)
        #expect(forecast.probabilityOfWaiting == 0)
        #expect(forecast.occupancy == 0)
        #expect(try forecast.serviceLevel(within: 20) == 1)
    }

    /// From an arrival rate: 100 contacts per 1,800 s at 180 s each is the example's 10 Erlangs.
    @Test func fromArrivalRate() throws {
        let queue = try ErlangC(arrivalRate: 100.0 / 1800, aht: 180, agents: 14)
        #expect(R.close(queue.load, 10, within: 1e-15))
        #expect(R.close(try #require(queue.outcome.forecast).probabilityOfWaiting, 0.174_131_933_595_050, within: 1e-12))
    }

    /// Invalid inputs are refused with the code and the field; none divides by zero.
    @Test func invalidInputs() throws {
        #expect(R.errorCode { _ = try ErlangC(load: -1, aht: 180, agents: 3) } == .invalidLoad)
        #expect(R.errorCode { _ = try ErlangC(load: .nan, aht: 180, agents: 3) } == .invalidLoad)
        #expect(R.errorCode { _ = try ErlangC(load: .infinity, aht: 180, agents: 3) } == .invalidLoad)
        #expect(R.errorCode { _ = try ErlangC(load: 2_000_000, aht: 180, agents: 3) } == .beyondLimits)
        #expect(R.errorCode { _ = try ErlangC(load: 10, aht: 0, agents: 11) } == .invalidHandleTime)
        #expect(R.errorCode { _ = try ErlangC(load: 10, aht: -180, agents: 11) } == .invalidHandleTime)
        #expect(R.errorCode { _ = try ErlangC(load: 10, aht: .nan, agents: 11) } == .invalidHandleTime)
        #expect(R.errorCode { _ = try ErlangC(load: 10, aht: 180, agents: -1) } == .invalidAgents)
        #expect(R.errorCode { _ = try ErlangC(arrivalRate: -0.1, aht: 180, agents: 3) } == .invalidLoad)
        #expect(R.errorCode { _ = try ErlangC(arrivalRate: 0.1, aht: 0, agents: 3) } == .invalidHandleTime)
        let forecast = try R.forecast(load: 10, aht: 180, agents: 14)
        #expect(R.errorCode { _ = try forecast.serviceLevel(within: -1) } == .invalidThreshold)

        let error = #expect(throws: StaffingError.self) { try ErlangC(load: 10, aht: 0, agents: 11) }
        #expect(error?.description == "aht = 0.0: the average handle time must be a finite number of seconds greater than 0")
        let rate = #expect(throws: StaffingError.self) { try ErlangC(arrivalRate: -0.5, aht: 180, agents: 11) }
        #expect(rate?.field == "arrival rate")
        #expect(rate?.value == "-0.5")
    }
}
