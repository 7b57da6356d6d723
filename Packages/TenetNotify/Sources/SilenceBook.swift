import TenetModels

/// The silences in force and to come (`tenet silence`): add, expire, list, and the question
/// every delivery asks, ``silence(matching:at:)``. A value (Codable): the rules plugin keeps
/// it in its state and saves it with the rest.
public struct SilenceBook: Hashable, Sendable, Codable {
    /// Every silence not yet removed by ``prune(at:)``, in the order they were added.
    public private(set) var silences: [Silence]

    /// An empty book, or one with `silences`.
    public init(silences: [Silence] = []) {
        self.silences = silences
    }

    /// Adds `silence`, or replaces the one with its id.
    public mutating func add(_ silence: Silence) {
        if let index = silences.firstIndex(where: { $0.id == silence.id }) {
            silences[index] = silence
        } else {
            silences.append(silence)
        }
    }

    /// Ends the silence `id` at `instant` (it stops matching from then on). Returns whether
    /// there was such a silence still in force or to come.
    @discardableResult
    public mutating func expire(_ id: String, at instant: Timestamp) -> Bool {
        guard let index = silences.firstIndex(where: { $0.id == id }), silences[index].endsAt > instant else { return false }
        silences[index].endsAt = instant
        if silences[index].startsAt > instant { silences[index].startsAt = instant }
        return true
    }

    /// The silences in force at `instant`, or also those that ended or are to come when
    /// `includeInactive`.
    public func list(at instant: Timestamp, includeInactive: Bool = false) -> [Silence] {
        includeInactive ? silences : silences.filter { $0.isActive(at: instant) }
    }

    /// The first silence in force at `instant` that matches `notification`, if one does.
    public func silence(matching notification: Notification, at instant: Timestamp) -> Silence? {
        silences.first { $0.isActive(at: instant) && $0.matches(notification) }
    }

    /// Forgets the silences that ended before `instant` (keep a day or so, for `list`).
    public mutating func prune(endedBefore instant: Timestamp) {
        silences.removeAll { $0.endsAt < instant }
    }
}
