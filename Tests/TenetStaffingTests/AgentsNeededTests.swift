import Testing

@testable import TenetStaffing

/// The smallest staffing meeting a target.
@Suite struct AgentsNeededTests {
    typealias R = StaffingReference

    static func target(_ goal: StaffingTarget.Goal, occupancy: Double? = nil, shrinkage: Double = 0) throws -> StaffingTarget {
        try StaffingTarget(goal: goal, maximumOccupancy: occupancy, shrinkage: shrinkage)
    }

    /// The worked example: A = 10, AHT 180 s, 80/20. 13 agents reach 79.56 % (short of 80 %),
    /// 14 reach 88.84 %: 14 agents. With 30 % shrinkage: 14 / 0.7 = 20 scheduled.
    @Test func workedExample() throws {
        let target = try Self.target(.serviceLevel(fraction: 0.8, threshold: 20), shrinkage: 0.3)
        let requirement = try ErlangC.agentsNeeded(load: 10, aht: 180, target: target)
        #expect(requirement.agents == 14)
        #expect(requirement.scheduledAgents == 20)
        #expect(requirement.queue.agents == 14)
        #expect(requirement.queue.load == 10)
        #expect(R.close(try requirement.forecast.serviceLevel(within: 20), 0.888_350_019_179_467, within: 1e-12))
        #expect(R.close(requirement.forecast.averageSpeedOfAnswer, 7.835_937_011_777_24, within: 1e-12))
        #expect(requirement.forecast.occupancy == 10.0 / 14.0)
    }

    /// A maximum probability of waiting of 0.2: C(13) = 0.285 > 0.2, C(14) = 0.174 ≤ 0.2: 14.
    /// At 0.3: C(12) = 0.449, C(13) = 0.285: 13.
    @Test func maximumWaitProbability() throws {
        #expect(try ErlangC.agentsNeeded(load: 10, aht: 180, target: Self.target(.maximumWaitProbability(0.2))).agents == 14)
        #expect(try ErlangC.agentsNeeded(load: 10, aht: 180, target: Self.target(.maximumWaitProbability(0.3))).agents == 13)
    }

    /// The answer meets the target and one agent fewer does not (or is unstable), over loads
    /// from a fraction of an Erlang to thousands, for both kinds of goal and with caps.
    @Test(arguments: [0.05, 0.5, 1, 2.7, 9.99, 10, 10.01, 55.5, 230, 999.9, 1000, 2500.25])
    func smallestAgents(load: Double) throws {
        let targets = [
            try Self.target(.serviceLevel(fraction: 0.8, threshold: 20)),
            try Self.target(.serviceLevel(fraction: 0.95, threshold: 10)),
            try Self.target(.serviceLevel(fraction: 0.5, threshold: 0)),
            try Self.target(.maximumWaitProbability(0.1)),
            try Self.target(.serviceLevel(fraction: 0.8, threshold: 20), occupancy: 0.85),
            try Self.target(.maximumWaitProbability(0.5), occupancy: 0.9),
        ]
        for target in targets {
            let requirement = try ErlangC.agentsNeeded(load: load, aht: 240, target: target)
            let n = requirement.agents
            let atN = try ErlangC(load: load, aht: 240, agents: n)
            #expect(atN.outcome == .stable(requirement.forecast), "load \(load), \(target)")
            #expect(target.isMet(by: requirement.forecast), "load \(load), \(target)")
            let below = try ErlangC(load: load, aht: 240, agents: n - 1).outcome
            if let forecast = below.forecast {
                #expect(!target.isMet(by: forecast), "load \(load), N − 1 = \(n - 1), \(target)")
            }
        }
    }

    /// The occupancy cap binds where the goal alone needs fewer agents: A = 10 meets 80/20 with
    /// 14 agents at occupancy 10/14 = 0.714; a cap of 0.7 needs 10/0.7 = 14.3 → 15 (10/15 =
    /// 0.667). A cap met exactly counts as met: A = 8.5 with cap 0.85 allows 8.5/10 = 0.85.
    @Test func occupancyCapBinds() throws {
        let capped = try Self.target(.serviceLevel(fraction: 0.8, threshold: 20), occupancy: 0.7)
        let requirement = try ErlangC.agentsNeeded(load: 10, aht: 180, target: capped)
        #expect(requirement.agents == 15)
        #expect(requirement.forecast.occupancy == 10.0 / 15.0)
        // A loose service level, so that only the cap decides.
        let loose = try Self.target(.serviceLevel(fraction: 0.1, threshold: 0), occupancy: 0.85)
        #expect(try ErlangC.agentsNeeded(load: 8.5, aht: 180, target: loose).agents == 10)
        // Without the cap the loose goal is met at the first stable N, 9.
        #expect(try ErlangC.agentsNeeded(load: 8.5, aht: 180, target: Self.target(.serviceLevel(fraction: 0.1, threshold: 0))).agents == 9)
        // Large: A = 4,000 with cap 0.85 needs ⌈4000/0.85⌉ = ⌈4705.88⌉ = 4706 (80/20 alone: 4013).
        let large = try Self.target(.serviceLevel(fraction: 0.8, threshold: 20), occupancy: 0.85)
        #expect(try ErlangC.agentsNeeded(load: 4000, aht: 180, target: large).agents == 4706)
        // A cap of 1 never binds.
        let full = try Self.target(.serviceLevel(fraction: 0.8, threshold: 20), occupancy: 1)
        #expect(try ErlangC.agentsNeeded(load: 10, aht: 180, target: full).agents == 14)
    }

    /// Scheduled agents = ⌈N / (1 − shrinkage)⌉, with quotients that floating point puts just
    /// above a whole number counted as that number: 21 / 0.7 is 30.000000000000004 in binary
    /// floating point, and 21 agents at 30 % shrinkage schedule 30, not 31.
    @Test func shrinkageRounding() throws {
        let thirty = try Self.target(.maximumWaitProbability(0.2), shrinkage: 0.3)
        #expect(Double(21) / 0.7 > 30)  // the trap this guards against
        #expect(try thirty.scheduledAgents(for: 21) == 30)
        #expect(try thirty.scheduledAgents(for: 42) == 60)  // 60.00000000000001
        #expect(try thirty.scheduledAgents(for: 14) == 20)
        #expect(try thirty.scheduledAgents(for: 13) == 19)  // 18.57 → 19
        #expect(try thirty.scheduledAgents(for: 15) == 22)  // 21.43 → 22
        #expect(try thirty.scheduledAgents(for: 0) == 0)
        let none = try Self.target(.maximumWaitProbability(0.2))
        #expect(try none.scheduledAgents(for: 14) == 14)
        let quarter = try Self.target(.maximumWaitProbability(0.2), shrinkage: 0.25)
        #expect(try quarter.scheduledAgents(for: 1) == 2)  // 1.33 → 2
        #expect(try quarter.scheduledAgents(for: 3) == 4)  // exactly 4
        #expect(R.errorCode { _ = try quarter.scheduledAgents(for: -1) } == .invalidAgents)
        let extreme = try Self.target(.maximumWaitProbability(0.2), shrinkage: 0.999_999_999)
        #expect(R.errorCode { _ = try extreme.scheduledAgents(for: 1000) } == .beyondLimits)
    }

    /// A = 1,000 and 4,000 Erlangs at AHT 180 s, 80/20: 1011 agents (SL 0.8138; 1010 give
    /// 0.7826) and 4013 agents (SL 0.8192; 4012 give 0.7936), finite figures throughout.
    @Test(arguments: [(1000.0, 1011, 0.813_796_548_392_463_6), (4000.0, 4013, 0.819_163_453_567_688_7)])
    func largeLoads(load: Double, agents: Int, serviceLevel: Double) throws {
        let target = try Self.target(.serviceLevel(fraction: 0.8, threshold: 20), shrinkage: 0.3)
        let requirement = try ErlangC.agentsNeeded(load: load, aht: 180, target: target)
        #expect(requirement.agents == agents)
        #expect(R.close(try requirement.forecast.serviceLevel(within: 20), serviceLevel, within: 1e-9))
        #expect(requirement.forecast.averageSpeedOfAnswer.isFinite)
        #expect(requirement.scheduledAgents == Int((Double(agents) / 0.7).rounded(.up)))
        // The carried-forward Erlang B equals the one recomputed from 0.
        #expect(requirement.queue.erlangB == (try ErlangC(load: load, aht: 180, agents: agents)).erlangB)
    }

    /// No load needs no agents; an invalid load or AHT is refused.
    @Test func noLoadAndInvalidInput() throws {
        let target = try Self.target(.serviceLevel(fraction: 0.8, threshold: 20), shrinkage: 0.3)
        let none = try ErlangC.agentsNeeded(load: 0, aht: 180, target: target)
        #expect(none.agents == 0)
        #expect(none.scheduledAgents == 0)
        #expect(none.forecast == .idle)
        #expect(R.errorCode { _ = try ErlangC.agentsNeeded(load: -3, aht: 180, target: target) } == .invalidLoad)
        #expect(R.errorCode { _ = try ErlangC.agentsNeeded(load: 3, aht: 0, target: target) } == .invalidHandleTime)
        #expect(R.errorCode { _ = try ErlangC.agentsNeeded(load: 3e6, aht: 180, target: target) } == .beyondLimits)
    }
}
