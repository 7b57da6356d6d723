/// Something wrong with one key of a mapping: given again, or not a key the reader knows.
/// Every reader of Tenet's YAML files finds these the same way (``YAMLNode/keyProblems(allowed:)``)
/// and words them its own way.
public struct YAMLKeyProblem: Hashable, Sendable {
    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// The key was given before, at `first`.
        case repeated(first: YAMLPosition)
        /// The key is not among the allowed ones.
        case unknown
    }

    /// What is wrong.
    public var kind: Kind
    /// The entry at fault.
    public var entry: YAMLEntry
    /// The entry's index in the mapping.
    public var index: Int

    /// Creates a finding.
    public init(_ kind: Kind, entry: YAMLEntry, index: Int) {
        self.kind = kind
        self.entry = entry
        self.index = index
    }
}

extension YAMLNode {
    /// The problems with this mapping's keys, in file order: every entry whose key came before
    /// (only that, even when the key is also unknown), and, when `allowed` is given, every
    /// other entry whose key is not in it. Empty when the node is not a mapping.
    public func keyProblems(allowed: [String]?) -> [YAMLKeyProblem] {
        var seen: [String: YAMLPosition] = [:]
        var problems: [YAMLKeyProblem] = []
        for (index, entry) in (entries ?? []).enumerated() {
            if let first = seen[entry.key] {
                problems.append(YAMLKeyProblem(.repeated(first: first), entry: entry, index: index))
                continue
            }
            seen[entry.key] = entry.keyPosition
            if let allowed, !allowed.contains(entry.key) {
                problems.append(YAMLKeyProblem(.unknown, entry: entry, index: index))
            }
        }
        return problems
    }
}
