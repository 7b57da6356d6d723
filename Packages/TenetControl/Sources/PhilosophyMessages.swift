/// The body of `sys.philosophy.reload` (type `philosophy.reload`): the supervisor asks every
/// plugin that reads the philosophy file to re-read it (`tenet reload`).
public struct PhilosophyReloadBody: Codable, Hashable, Sendable {
    /// The file, as the stack file names it (absolute).
    public var path: String

    /// Creates a body.
    public init(path: String) {
        self.path = path
    }
}

/// The body of `sys.philosophy.<plugin>.<outcome>` (type `philosophy.status`): what a plugin did
/// when it re-read the philosophy file.
public struct PhilosophyStatusBody: Codable, Hashable, Sendable {
    /// What the re-read did.
    public enum Outcome: String, Codable, Hashable, Sendable {
        /// A new philosophy is in force.
        case loaded
        /// The file's content is the one already in force.
        case unchanged
        /// The file has errors or cannot be read; the previous philosophy stays in force.
        case refused
    }

    /// The plugin that re-read the file.
    public var plugin: String
    /// The file.
    public var path: String
    /// What happened.
    public var outcome: Outcome
    /// The SHA-256 of the file read (empty when it could not be read).
    public var digest: String
    /// The SHA-256 of the philosophy in force after the re-read (empty when none is).
    public var inForce: String
    /// Each error, as `tenet check` prints it (`LINE:COLUMN: error: message`).
    public var errors: [String]
    /// How many warnings the file has.
    public var warnings: Int

    enum CodingKeys: String, CodingKey {
        case plugin, path, outcome, digest, errors, warnings
        case inForce = "in_force"
    }

    /// Creates a body.
    public init(plugin: String, path: String, outcome: Outcome, digest: String, inForce: String, errors: [String], warnings: Int) {
        self.plugin = plugin
        self.path = path
        self.outcome = outcome
        self.digest = digest
        self.inForce = inForce
        self.errors = errors
        self.warnings = warnings
    }
}
