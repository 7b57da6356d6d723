import TenetModels

/// Named shares that add up to 1: which team gets a channel's conversations, the priority or
/// segment of a conversation, a survey's score distribution. Kept in the order written, so that
/// drawing from a mix never depends on a dictionary's order.
public struct Mix: Hashable, Sendable {
    /// The names, in the order written.
    public private(set) var names: [String]
    /// Each name's share, in the same order; they add up to 1 (or the mix is empty).
    public private(set) var shares: [Double]
    /// Running sums of ``shares``, for drawing.
    private var cumulative: [Double]

    /// A mix of `weights` (any positive scale: they are divided by their sum); entries of weight
    /// 0 are kept, never drawn.
    public init(_ weights: [(String, Double)]) {
        let total = weights.reduce(0) { $0 + $1.1 }
        names = weights.map(\.0)
        shares = weights.map { total > 0 ? $0.1 / total : 0 }
        var sum = 0.0
        cumulative = shares.map { share in
            sum += share
            return sum
        }
    }

    /// The share of `name`, 0 when absent.
    public func share(of name: String) -> Double {
        names.firstIndex(of: name).map { shares[$0] } ?? 0
    }

    /// Whether it has no name with a share above 0.
    public var isEmpty: Bool { !shares.contains { $0 > 0 } }

    /// The mix with `name`'s weight multiplied by `factor`, then normalised again.
    func reweighted(_ factors: [String: Double]) -> Mix {
        Mix(zip(names, shares).map { ($0, $1 * (factors[$0] ?? 1)) })
    }

    /// The index of a drawn name.
    @inline(__always)
    func draw(_ random: inout SeededRandom) -> Int {
        let u = random.unit()
        var index = 0
        let last = cumulative.count - 1
        while index < last && u >= cumulative[index] { index += 1 }
        // Skip names of share 0 at the end (rounding may leave u ≥ the last sum below 1).
        while index > 0 && shares[index] == 0 { index -= 1 }
        return index
    }
}
