import Testing

@testable import TenetStaffing

/// Targets: parsing `80/20`, and every out-of-range value refused with its code.
@Suite struct StaffingTargetTests {
    typealias R = StaffingReference

    @Test func parsesServiceLevels() throws {
        #expect(try StaffingTarget.serviceLevel(parsing: "80/20") == .serviceLevel(fraction: 0.8, threshold: 20))
        #expect(try StaffingTarget.serviceLevel(parsing: " 90 / 15.5 ") == .serviceLevel(fraction: 0.9, threshold: 15.5))
        #expect(try StaffingTarget.serviceLevel(parsing: "99.5/0") == .serviceLevel(fraction: 0.995, threshold: 0))
        for text in ["80", "80/", "/20", "abc/20", "80/20/5", "80%/20", "", "nan/20", "80/inf"] {
            #expect(R.errorCode { _ = try StaffingTarget.serviceLevel(parsing: text) } == .invalidServiceLevel, "\(text)")
        }
        #expect(R.errorCode { _ = try StaffingTarget.serviceLevel(parsing: "100/20") } == .invalidServiceLevel)
        #expect(R.errorCode { _ = try StaffingTarget.serviceLevel(parsing: "0/20") } == .invalidServiceLevel)
        #expect(R.errorCode { _ = try StaffingTarget.serviceLevel(parsing: "80/-1") } == .invalidThreshold)
        let error = #expect(throws: StaffingError.self) { try StaffingTarget.serviceLevel(parsing: "80") }
        #expect(error?.description == "service level = 80: write the service level as PERCENT/SECONDS, for example 80/20")
    }

    @Test func refusesOutOfRangeValues() throws {
        func code(_ goal: StaffingTarget.Goal, occupancy: Double? = nil, shrinkage: Double = 0) -> StaffingError.Code? {
            R.errorCode { _ = try StaffingTarget(goal: goal, maximumOccupancy: occupancy, shrinkage: shrinkage) }
        }
        let valid = StaffingTarget.Goal.serviceLevel(fraction: 0.8, threshold: 20)
        #expect(code(valid, occupancy: 0.85, shrinkage: 0.3) == nil)
        #expect(code(valid, occupancy: 1, shrinkage: 0) == nil)
        for fraction: Double in [0, 1, 1.2, -0.1, .nan] {
            #expect(code(.serviceLevel(fraction: fraction, threshold: 20)) == .invalidServiceLevel, "\(fraction)")
        }
        for threshold: Double in [-1, -.infinity, .infinity, .nan] {
            #expect(code(.serviceLevel(fraction: 0.8, threshold: threshold)) == .invalidThreshold, "\(threshold)")
        }
        for probability: Double in [0, 1, 2, .nan] {
            #expect(code(.maximumWaitProbability(probability)) == .invalidWaitProbability, "\(probability)")
        }
        for occupancy: Double in [0, -0.5, 1.01, .nan] {
            #expect(code(valid, occupancy: occupancy) == .invalidOccupancy, "\(occupancy)")
        }
        for shrinkage: Double in [1, -0.1, 1.5, .nan] {
            #expect(code(valid, shrinkage: shrinkage) == .invalidShrinkage, "\(shrinkage)")
        }
    }

    /// The goal and the cap together: met only when both are.
    @Test func isMet() throws {
        let goal = StaffingTarget.Goal.serviceLevel(fraction: 0.8, threshold: 20)
        let n13 = try R.forecast(load: 10, aht: 180, agents: 13)  // SL 0.7956, occupancy 0.769
        let n14 = try R.forecast(load: 10, aht: 180, agents: 14)  // SL 0.8884, occupancy 0.714
        let plain = try StaffingTarget(goal: goal)
        #expect(!plain.isMet(by: n13))
        #expect(plain.isMet(by: n14))
        let capped = try StaffingTarget(goal: goal, maximumOccupancy: 0.7)
        #expect(!capped.isMet(by: n14))
        #expect(try StaffingTarget(goal: .serviceLevel(fraction: 0.79, threshold: 20)).isMet(by: n13))
        #expect(plain.serviceLevelThreshold(otherwise: 30) == 20)
        #expect(try StaffingTarget(goal: .maximumWaitProbability(0.2)).serviceLevelThreshold(otherwise: 30) == 30)
    }
}
