import TenetModels
import TenetPhilosophy

/// The values of a conversation's dimensions at one instant: the team, channel, agent,
/// priority, segment and language in force then, and its free attributes.
///
/// Stored inline (no allocation unless free attributes are present): the engine keeps one per
/// event and one per measurement.
public struct Dimensions: Hashable, Sendable {
    /// The team in force.
    public var team: String?
    /// The channel.
    public var channel: String?
    /// The agent.
    public var agent: String?
    /// The priority.
    public var priority: String?
    /// The customer segment (`attributes.segment`).
    public var segment: String?
    /// The language (`attributes.language`).
    public var language: String?
    /// String attributes other than segment and language.
    public var attributes: [String: String]

    /// The dimensions a measurement is filtered and grouped by.
    public static let fields: [EventDimension] = [.team, .channel, .agent, .priority, .segment, .language]

    /// No value known.
    public init() {
        attributes = [:]
    }

    /// The value of `dimension` (`nil` for `conversation` and `customer`, which are not kept).
    public subscript(dimension: EventDimension) -> String? {
        get {
            switch dimension {
            case .team: team
            case .channel: channel
            case .agent: agent
            case .priority: priority
            case .segment: segment
            case .language: language
            case .conversation, .customer: nil
            }
        }
        set {
            switch dimension {
            case .team: team = newValue
            case .channel: channel = newValue
            case .agent: agent = newValue
            case .priority: priority = newValue
            case .segment: segment = newValue
            case .language: language = newValue
            case .conversation, .customer: break
            }
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
        team = event.team
        channel = event.channel
        agent = event.agent
        priority = event.priority
        if case .object(let attributes)? = event.object["attributes"] {
            for entry in attributes.entries {
                guard case .string(let text) = entry.value else { continue }
                switch entry.key {
                case "segment": segment = text
                case "language": language = text
                default: self.attributes[entry.key] = text
                }
            }
        }
    }

    /// These dimensions updated by `newer`: each value it gives replaces the one in force (a
    /// value it leaves out keeps the one in force).
    public func updated(by newer: Dimensions) -> Dimensions {
        var next = self
        if let value = newer.team { next.team = value }
        if let value = newer.channel { next.channel = value }
        if let value = newer.agent { next.agent = value }
        if let value = newer.priority { next.priority = value }
        if let value = newer.segment { next.segment = value }
        if let value = newer.language { next.language = value }
        if !newer.attributes.isEmpty { next.attributes.merge(newer.attributes) { _, new in new } }
        return next
    }
}
