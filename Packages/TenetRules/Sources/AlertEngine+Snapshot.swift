import TenetModels
import TenetPhilosophy

extension AlertEngine {
    /// What a restart needs: every instance with its instants and last transition ids, the
    /// engine's clock, and the transitions not yet acknowledged. Codable (JSON with snake_case
    /// keys and RFC 3339 instants to the nanosecond).
    public struct Snapshot: Hashable, Sendable, Codable {
        /// The format's version (1).
        public var version: Int
        /// The latest instant the engine had been brought to.
        public var clock: Timestamp?
        /// The instances, by rule and labels.
        public var instances: [AlertInstance]
        /// Transitions made and not acknowledged, in order.
        public var undelivered: [AlertTransition]

        /// Creates a snapshot.
        public init(version: Int = 1, clock: Timestamp?, instances: [AlertInstance], undelivered: [AlertTransition]) {
            self.version = version
            self.clock = clock
            self.instances = instances
            self.undelivered = undelivered
        }

        enum CodingKeys: String, CodingKey {
            case version, clock, instances, undelivered
        }

        /// Reads a snapshot.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decode(Int.self, forKey: .version)
            clock = try container.decodeTimeIfPresent(forKey: .clock)
            instances = try container.decode([AlertInstance].self, forKey: .instances)
            undelivered = try container.decode([AlertTransition].self, forKey: .undelivered)
        }

        /// Writes a snapshot.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encodeIfPresent(clock?.exactText, forKey: .clock)
            try container.encode(instances, forKey: .instances)
            try container.encode(undelivered, forKey: .undelivered)
        }
    }

    /// The engine's state, to restore with ``init(philosophy:restoring:)``.
    public var snapshot: Snapshot {
        Snapshot(clock: clock, instances: instances, undelivered: undelivered)
    }

    /// An engine that goes on from `snapshot` under `philosophy` (which may have changed since):
    /// a firing instance is still firing and makes no new transition while its condition holds;
    /// the transitions that were not acknowledged are in ``undelivered`` again, to be published
    /// (their ids are those published before, if they were: receivers drop the repeat). Instances
    /// of rules the philosophy no longer has end as in ``reload(_:now:)``, their transitions
    /// added to ``undelivered``.
    public init(philosophy: Philosophy, restoring snapshot: Snapshot) throws(RulesError) {
        guard snapshot.version == 1 else {
            throw RulesError(.unsupportedSnapshot, "alert snapshot: version \(snapshot.version) is not one this build reads (1)")
        }
        // Install the rules the instances were made under, as far as they still exist, then
        // reload: rules gone end their instances with the same texts a reload gives.
        self.init(philosophy: philosophy)
        clock = snapshot.clock
        undelivered = snapshot.undelivered
        for instance in snapshot.instances where instance.state != .inactive {
            table[AlertInstance.key(rule: instance.rule, labels: instance.labels)] = instance
        }
        // Without a clock nothing was ever observed: there is no instance to carry over.
        guard let at = snapshot.clock else {
            table = [:]
            return
        }
        for (key, instance) in table.sorted(by: { $0.key < $1.key }) where rules[instance.rule] == nil {
            // The rule is gone: the instance ends now under a rule of the same name and severity
            // (its annotations are gone with it).
            let ghost = AlertRule(
                name: instance.rule, source: .target(value: "", metric: "", statuses: []), pendingFor: .zero, keepFiringFor: .zero,
                severity: instance.severity, labels: [:], annotations: [:])
            undelivered += apply(ghost, labels: instance.labels, holds: false, value: nil, at: at, ending: true)
            table[key] = nil
        }
        _ = reload(philosophy, now: at)
    }
}
