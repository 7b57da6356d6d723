import TenetPhilosophy

/// A query's filter and grouping in terms of a ``DimensionCatalog``'s ids, resolved once per
/// query: each filter value becomes an id (a value never seen matches nothing), and each set of
/// dimensions is judged once, however many measurements carry it.
struct QueryPlan {
    /// One clause: how to read its field, and the ids of its values.
    private var clauses: [(reader: DimensionCatalog.FieldReader, values: [Int32])] = []
    private var groupReaders: [DimensionCatalog.FieldReader]
    /// Whether no measurement can match (a clause without any known value, or on a field no
    /// set has).
    private(set) var matchesNothing = false
    /// The group of each set, once judged: −2 not yet, −1 filtered out.
    private var groupOfSet: [Int32]
    private var groupNumbers: [[Int32]: Int32] = [:]
    private var groupKeys: [[Int32]] = []

    /// The plan of `query` against `catalog`.
    init(_ query: MetricQuery, _ catalog: DimensionCatalog) {
        for clause in query.filter.clauses {
            let reader = catalog.reader(clause.field)
            let values = clause.values.compactMap { catalog.id(of: $0) }
            if case .absent = reader { matchesNothing = true }
            if values.isEmpty { matchesNothing = true }
            clauses.append((reader, values))
        }
        groupReaders = query.groupBy.map { catalog.reader($0) }
        groupOfSet = Array(repeating: -2, count: catalog.setCount)
    }

    /// The group a measurement with dimension set `set` falls in; −1 when the filter leaves it out.
    mutating func group(of set: Int32, _ catalog: DimensionCatalog) -> Int {
        let known = groupOfSet[Int(set)]
        if known != -2 { return Int(known) }
        var group: Int32 = -1
        if clauses.allSatisfy({ clause in
            let value = catalog.value(clause.reader, in: set)
            return value != 0 && clause.values.contains(value)
        }) {
            let key = groupReaders.map { catalog.value($0, in: set) }
            if let number = groupNumbers[key] {
                group = number
            } else {
                group = Int32(groupKeys.count)
                groupNumbers[key] = group
                groupKeys.append(key)
            }
        }
        groupOfSet[Int(set)] = group
        return Int(group)
    }

    /// The group of every set of `catalog` (−1: filtered out), judged all at once: a scan then
    /// reads a set's group from this array, with no work per measurement.
    mutating func groupsOfSets(_ catalog: DimensionCatalog) -> [Int32] {
        for set in 0..<catalog.setCount { _ = group(of: Int32(set), catalog) }
        return groupOfSet
    }

    /// How many groups the sets judged so far fall in.
    var groupCount: Int { groupKeys.count }

    /// The values of `group`'s grouping dimensions (`nil`: no value).
    func key(_ group: Int, _ catalog: DimensionCatalog) -> [String?] {
        groupKeys[group].map { catalog.string($0) }
    }
}
