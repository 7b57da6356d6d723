/// The log notifier: appends each notification as one JSON line to a file (mode 0600, synced
/// after each line). A relative path is taken from the data directory the caller names.
public struct LogSender: NotificationSender {
    /// The notifier's name.
    public var name: String
    /// The file's absolute path.
    public let path: String
    /// One try, then a dead letter: a disk that refuses a line will not take it a second later.
    public var attempts: Int { 1 }
    private let file: AppendOnlyFile

    /// Opens (or creates) the log at `path`, relative to `dataDirectory` unless absolute.
    ///
    /// - Throws: ``NotifyError`` with ``NotifyError/Code/file`` when it cannot be opened.
    public init(name: String, path: String, dataDirectory: String) throws(NotifyError) {
        self.name = name
        self.path = path.hasPrefix("/") ? path : (dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/") + path
        file = try AppendOnlyFile(path: self.path)
    }

    /// Appends the notification's line.
    public func send(_ notification: Notification, attempt: Int) async -> AttemptResult {
        do {
            try file.append(line: notification.jsonBytes)
            return .delivered(detail: "appended to \(path)")
        } catch {
            return .permanent(NotifyError(.file, "log \(name): \(error.message)"))
        }
    }
}
