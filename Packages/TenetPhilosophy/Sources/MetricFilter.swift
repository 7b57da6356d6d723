import TenetModels

/// A field an event can be filtered or grouped by: a dimension (`team`, `channel`, `segment`…)
/// or any attribute (`attributes.plan`).
public enum FilterField: Hashable, Sendable, CustomStringConvertible {
    /// One of Tenet's dimensions.
    case dimension(EventDimension)
    /// A free attribute, by its name inside `attributes`.
    case attribute(String)

    /// Reads `team`, `segment` or `attributes.plan`; `nil` for anything else.
    public init?(name: String) {
        if let dimension = EventDimension(rawValue: name) {
            self = .dimension(dimension)
        } else if name.hasPrefix("attributes."), name.count > "attributes.".count,
            let dimension = EventDimension(rawValue: String(name.dropFirst("attributes.".count))),
            dimension.location == .attributes
        {
            self = .dimension(dimension)
        } else if name.hasPrefix("attributes."), name.count > "attributes.".count {
            self = .attribute(String(name.dropFirst("attributes.".count)))
        } else {
            return nil
        }
    }

    /// Names a filter may use without the `attributes.` prefix.
    public static var dimensionNames: [String] { EventDimension.allCases.map(\.key) }

    /// `team`, `segment`, `attributes.plan`.
    public var description: String {
        switch self {
        case .dimension(let dimension): dimension.key
        case .attribute(let name): "attributes.\(name)"
        }
    }
}

/// Conditions on an event's dimensions: every clause must hold, and a clause holds when the
/// field has one of its values (`{ channel: [email, chat], priority: urgent }`).
public struct MetricFilter: Hashable, Sendable {
    /// One field and the values it may take.
    public struct Clause: Hashable, Sendable {
        /// The field.
        public var field: FilterField
        /// The accepted values (any of them).
        public var values: [String]

        /// Creates a clause.
        public init(field: FilterField, values: [String]) {
            self.field = field
            self.values = values
        }
    }

    /// The clauses, all of which must hold.
    public var clauses: [Clause]

    /// Creates a filter; no clauses matches everything.
    public init(_ clauses: [Clause] = []) {
        self.clauses = clauses
    }

    /// Whether the filter matches everything.
    public var isEmpty: Bool { clauses.isEmpty }

    /// The accepted values of `field`, or `nil` when the filter does not constrain it.
    public func values(of field: FilterField) -> [String]? {
        clauses.first { $0.field == field }?.values
    }

    /// Whether every event this filter matches is also matched by `other` (so `other` is
    /// broader or equal): each of `other`'s clauses is implied by a clause here.
    public func isNarrower(than other: MetricFilter) -> Bool {
        other.clauses.allSatisfy { wide in
            guard let narrow = values(of: wide.field) else { return false }
            return Set(narrow).isSubset(of: Set(wide.values))
        }
    }

    /// Whether `lookup` (a field's value for one event or conversation, `nil` when absent)
    /// satisfies every clause.
    public func matches(_ lookup: (FilterField) -> String?) -> Bool {
        clauses.allSatisfy { clause in
            guard let value = lookup(clause.field) else { return false }
            return clause.values.contains(value)
        }
    }
}
