import TenetPhilosophy

/// What `GET /v1/philosophy` answers: the words of the philosophy that the scorecard's figures
/// do not carry (purpose, vision, each value's action statement, the teams' names), so that the
/// dashboard can show the scorecard as the philosophy table.
public struct PhilosophySummary: Codable, Hashable, Sendable {
    /// One value and its action statement.
    public struct Value: Codable, Hashable, Sendable {
        /// `Speed`.
        public var name: String
        /// `Treat every customer with urgency.`
        public var action: String
    }

    /// One team: its id (as events carry it) and its display name.
    public struct Team: Codable, Hashable, Sendable {
        /// `support`.
        public var id: String
        /// `Customer Support` (the id when the file gives no name).
        public var name: String
    }

    /// The purpose.
    public var purpose: String
    /// The vision.
    public var vision: String
    /// The values, in file order.
    public var values: [Value]
    /// The teams, in file order.
    public var teams: [Team]

    /// The summary of a philosophy.
    public init(_ philosophy: Philosophy) {
        purpose = philosophy.purpose
        vision = philosophy.vision
        values = philosophy.values.map { Value(name: $0.name, action: $0.action) }
        teams = philosophy.teams.map { Team(id: $0.id, name: $0.name) }
    }

    /// Reads the philosophy file at `path` (as the metrics and rules plugins do, at each call, so
    /// that an edited file shows at once).
    ///
    /// - Throws: ``APIError`` 503 `unavailable` when no file is configured or it does not pass the check.
    public static func load(path: String?) throws(APIError) -> PhilosophySummary {
        guard let path, !path.isEmpty else {
            throw APIError(.serviceUnavailable, .unavailable, "the stack names no philosophy file (TENET_PHILOSOPHY)")
        }
        let check = PhilosophyLoader.load(path: path)
        guard let philosophy = check.philosophy else {
            let first = check.errors.first.map { ": \($0)" } ?? ""
            throw APIError(.serviceUnavailable, .unavailable, "the philosophy file \(path) does not pass the check\(first)")
        }
        return PhilosophySummary(philosophy)
    }
}
