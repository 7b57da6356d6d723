import TenetYAML

/// Where notifications go: a signed webhook, a command, or a log file.
public struct Notifier: Hashable, Sendable {
    /// Where the shared secret of a webhook comes from.
    public enum Secret: Hashable, Sendable {
        /// An environment variable of the rules plugin.
        case environment(String)
        /// A file (relative to the philosophy file), read when the plugin starts.
        case file(String)
        /// Written in the philosophy file itself (discouraged: the check warns).
        case inline(String)
    }

    /// How the notifier delivers.
    public enum Kind: Hashable, Sendable {
        /// POST JSON to `url`, signed with HMAC-SHA256 over timestamp and body.
        case webhook(url: String, secret: Secret?, timeout: Duration, attempts: Int)
        /// Run `command` with `arguments`, the notification as JSON on standard input.
        case command(command: String, arguments: [String], timeout: Duration)
        /// Append JSON lines to `path` (relative to the data directory).
        case log(path: String)
    }

    /// The notifier's name, as routes name it.
    public var name: String
    /// How it delivers.
    public var kind: Kind
    /// Where it is written.
    public var position: YAMLPosition

    /// Creates a notifier.
    public init(name: String, kind: Kind, position: YAMLPosition = .file) {
        self.name = name
        self.kind = kind
        self.position = position
    }

    /// The types a file may write.
    public static let types = ["webhook", "command", "log"]
}

/// Which alerts reach whom, and when: the escalation and emergency processes as data. An
/// alert goes to the first route that matches its severity and labels (and on to later ones when
/// the route says `continue`); each step notifies its notifiers once the alert has fired for the
/// step's delay and is still firing.
public struct Route: Hashable, Sendable {
    /// One step of an escalation.
    public struct Step: Hashable, Sendable {
        /// How long after the alert fires.
        public var after: Duration
        /// The notifiers to tell.
        public var notify: [String]

        /// Creates a step.
        public init(after: Duration, notify: [String]) {
            self.after = after
            self.notify = notify
        }
    }

    /// The route's name (`escalation`, `emergency`).
    public var name: String
    /// The severities it takes.
    public var severities: [Severity]
    /// Label conditions (`team: [support]`); empty matches every alert.
    public var labels: [String: [String]]
    /// The steps, by increasing delay.
    public var steps: [Step]
    /// Repeat the last step's notifications this often while the alert fires.
    public var repeatEvery: Duration?
    /// Whether notifiers hear of the resolution.
    public var sendResolved: Bool
    /// Whether later routes are tried after this one matched.
    public var continues: Bool
    /// Where it is written.
    public var position: YAMLPosition

    /// Creates a route.
    public init(
        name: String, severities: [Severity], labels: [String: [String]], steps: [Step], repeatEvery: Duration?,
        sendResolved: Bool, continues: Bool, position: YAMLPosition = .file
    ) {
        self.name = name
        self.severities = severities
        self.labels = labels
        self.steps = steps
        self.repeatEvery = repeatEvery
        self.sendResolved = sendResolved
        self.continues = continues
        self.position = position
    }
}
