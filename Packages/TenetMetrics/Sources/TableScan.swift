import TenetPhilosophy

/// What one pass over a ``MeasurementTable`` gathers for one query, group by group: only what
/// the query's statistic needs (a count, the outcomes that hit, the values within a threshold,
/// or the values themselves).
struct TableScan {
    /// What a statistic needs of each measurement.
    enum Need: Equatable {
        /// How many there are (`count`).
        case count
        /// How many have a value other than 0 (`rate`).
        case hits
        /// How many are at most the limit, in seconds (`within`).
        case within(Double)
        /// The values themselves (every other statistic).
        case values
    }

    /// What the query needs.
    let need: Need
    /// The group of each dimension set (−1: left out), from ``QueryPlan/groupsOfSets(_:)``.
    let groupOfSet: [Int32]
    /// Whether it reads business seconds rather than the values.
    let business: Bool
    /// How many measurements fell in each group.
    var counts: [Int]
    /// For ``Need/hits`` and ``Need/within(_:)``: how many of them count in the numerator.
    var hits: [Int]
    /// For ``Need/values``: the values of each group, in slot order.
    var values: [[Double]]

    /// An empty scan for `groupCount` groups.
    init(need: Need, groupOfSet: [Int32], groupCount: Int, business: Bool) {
        self.need = need
        self.groupOfSet = groupOfSet
        self.business = business
        counts = Array(repeating: 0, count: groupCount)
        hits = need == .count || need == .values ? [] : Array(repeating: 0, count: groupCount)
        values = need == .values ? Array(repeating: [], count: groupCount) : []
    }

    /// What `statistic` needs.
    static func need(of statistic: Statistic) -> Need {
        switch statistic {
        case .count: .count
        case .rate: .hits
        case .within(let threshold): .within(Double(nanoseconds(threshold)) / 1e9)
        default: .values
        }
    }

    /// Takes one measurement of `group`.
    @inline(__always)
    mutating func take(_ value: Double, group: Int) {
        counts[group] += 1
        switch need {
        case .count: break
        case .hits: if value != 0 { hits[group] += 1 }
        case .within(let limit): if value <= limit { hits[group] += 1 }
        case .values: values[group].append(value)
        }
    }

    /// The figure of `group` for `statistic` (the statistic the scan was made for), exactly as
    /// ``ExactStatistics/figure(_:_:)`` gives it for the group's values; the group's values are
    /// reordered.
    mutating func figure(_ group: Int, _ statistic: Statistic) -> Figure {
        let count = counts[group]
        switch need {
        case .count: return Figure(value: count > 0 ? Double(count) : nil, sampleSize: count)
        case .hits: return ExactStatistics.rate(hits[group], count)
        case .within: return ExactStatistics.within(hits[group], count)
        case .values: return ExactStatistics.figure(selecting: &values[group], statistic)
        }
    }
}
