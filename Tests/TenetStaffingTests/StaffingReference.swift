import Foundation
import Testing

@testable import TenetStaffing

/// Independent computations of the Erlang C figures, written another way than the library's, so
/// that the tests compare two methods rather than one method with itself.
enum StaffingReference {
    /// Erlang C from its textbook definition in exact-ish decimal arithmetic (38 significant
    /// digits), for small integer loads:
    /// C = (Aᴺ/N! · N/(N−A)) / (Σₖ₌₀ᴺ⁻¹ Aᵏ/k! + Aᴺ/N! · N/(N−A)).
    static func decimalErlangC(load: Int, agents: Int) -> Double {
        var term = Decimal(1)  // Aᵏ/k! for k = 0
        var sum = Decimal(0)
        for k in 0..<agents {
            sum += term
            term = term * Decimal(load) / Decimal(k + 1)
        }
        let top = term * Decimal(agents) / Decimal(agents - load)
        return NSDecimalNumber(decimal: top / (sum + top)).doubleValue
    }

    /// Erlang C from the same definition in log space, for large loads: log(Aᵏ/k!) =
    /// k·log A − lgamma(k+1), every term scaled by the largest before exponentiation, and the
    /// terms added with Kahan's compensated sum.
    static func logSpaceErlangC(load: Double, agents: Int) -> Double {
        let logLoad = log(load)
        let logTerms = (0...agents).map { k in Double(k) * logLoad - lgamma(Double(k) + 1) }
        let logTop = logTerms[agents] + log(Double(agents) / (Double(agents) - load))
        let largest = max(logTerms[0..<agents].max()!, logTop)
        var sum = 0.0
        var compensation = 0.0
        for logTerm in logTerms[0..<agents] {
            let y = exp(logTerm - largest) - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        let top = exp(logTop - largest)
        return top / (sum + top)
    }

    /// The service level and ASA by brute force over the states of the M/M/N queue, without the
    /// closed forms: the stationary probabilities pₖ ∝ Aᵏ/k! (k ≤ N) and p_N·(A/N)^(k−N) (k > N);
    /// a contact arriving to k ≥ N contacts in the system waits for k − N + 1 completions, which
    /// come at rate N/AHT: it is answered within T unless at most k − N of them happen in T
    /// (a Poisson count of mean N·T/AHT), and it waits (k − N + 1)·AHT/N on average.
    /// The tail is summed until its terms fall below 10⁻²⁰ of the total; plain sums, no formula
    /// of Erlang C, so an error in the closed forms would show.
    static func bruteForce(load: Double, aht: Double, agents: Int, threshold: Double) -> (waiting: Double, serviceLevel: Double, asa: Double) {
        // pₖ × a constant for k = 0...N, from logarithms scaled by the largest (no overflow).
        let logWeights = (0...agents).map { k in Double(k) * log(load) - lgamma(Double(k) + 1) }
        let largest = logWeights.max()!
        let weights = logWeights.map { exp($0 - largest) }
        let ratio = load / Double(agents)
        let completions = Double(agents) * threshold / aht
        var total = weights.reduce(0, +)
        var waiting = 0.0
        var late = 0.0  // Σ pₖ · P(at most k − N completions in T)
        var delay = 0.0
        var weight = weights[agents]
        var poissonTerm = exp(-completions)  // P(exactly j completions), j = k − N
        var poissonCDF = poissonTerm
        var j = 0
        while true {
            waiting += weight
            late += weight * poissonCDF
            delay += weight * Double(j + 1) * aht / Double(agents)
            j += 1
            weight *= ratio
            poissonTerm *= completions / Double(j)
            poissonCDF += poissonTerm
            if weight < 1e-20 * (total + waiting) { break }
        }
        total += waiting - weights[agents]  // p_N was counted in both sums
        return (waiting / total, 1 - late / total, delay / total)
    }

    /// Whether `actual` is within a relative `tolerance` of `expected`.
    static func close(_ actual: Double, _ expected: Double, within tolerance: Double) -> Bool {
        abs(actual - expected) <= tolerance * max(abs(expected), 1e-300)
    }

    /// The code of the ``StaffingError`` that `body` throws; nil when it throws none, and
    /// `not_a_staffing_error` for any other error.
    static func errorCode(_ body: () throws -> Void) -> StaffingError.Code? {
        do {
            try body()
            return nil
        } catch let error as StaffingError {
            return error.code
        } catch {
            return StaffingError.Code(rawValue: "not_a_staffing_error")
        }
    }

    /// The forecast of a stable queue; records an issue and returns nil when it is unstable.
    static func forecast(load: Double, aht: Double, agents: Int) throws -> QueueForecast {
        let queue = try ErlangC(load: load, aht: aht, agents: agents)
        return try #require(queue.outcome.forecast)
    }
}
