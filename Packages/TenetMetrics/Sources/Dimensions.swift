import TenetModels
import TenetPhilosophy

/// The values of a conversation's dimensions at one instant: the team, channel, agent,
/// priority, segment and language in force then, and its free attributes.
public struct Dimensions: Hashable, Sendable {
    /// One value per ``EventDimension`` except `conversation` and `customer`, in
    /// ``Dimensions/fields`` order; `nil` when never given.
    public var values: [String?]
    /// String attributes other than segment and language.
    public var attributes: [String: String]

    /// The dimensions a measurement is filtered and grouped by.
    public static let fields: [EventDimension] = [.team, .channel, .agent, .priority, .segment, .language]

    /// No value known.
    public init() {
        values = Array(repeating: nil, count: Self.fields.count)
        attributes = [:]
    }

    /// The value of `dimension`.
    public subscript(dimension: EventDimension) -> String? {
        get { Self.fields.firstIndex(of: dimension).flatMap { values[$0] } }
        set {
            guard let index = Self.fields.firstIndex(of: dimension) else { return }
            values[index] = newValue
        }
    }

    /// The value of a filter field: a dimension, or any attribute.
    public func value(of field: FilterField) -> String? {
        switch field {
        case .dimension(let dimension): self[dimension]
        case .attribute(let name): attributes[name]
        }
    }

    /// The dimensions `event` itself gives (its own fields and string attributes).
    public init(of event: Event) {
        self.init()
        for dimension in Self.fields {
            self[dimension] = event.value(of: dimension)
        }
        if case .object(let attributes)? = event.object["attributes"] {
            for entry in attributes.entries {
                if case .string(let text) = entry.value, EventDimension(rawValue: entry.key) == nil {
                    self.attributes[entry.key] = text
                }
            }
        }
    }

    /// These dimensions updated by `newer`: each value it gives replaces the one in force (a
    /// value it leaves out keeps the one in force).
    public func updated(by newer: Dimensions) -> Dimensions {
        var next = self
        for (index, value) in newer.values.enumerated() where value != nil { next.values[index] = value }
        next.attributes.merge(newer.attributes) { _, new in new }
        return next
    }
}
