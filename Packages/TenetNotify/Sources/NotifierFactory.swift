import TenetPhilosophy

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the senders the philosophy's `notifiers` describe.
public enum NotifierFactory {
    /// How many runs a command notifier gets (the philosophy has no `attempts` for commands).
    public static let commandAttempts = 3

    /// The sender for `notifier`.
    ///
    /// - Parameters:
    ///   - dataDirectory: where relative log paths start.
    ///   - philosophyDirectory: where relative `secret_file` paths start.
    ///   - environment: where `secret_env` is looked up (the process's environment by default).
    /// - Throws: ``NotifyError`` with ``NotifyError/Code/configuration`` when the secret's
    ///   variable is unset or empty or its file unreadable, or ``NotifyError/Code/file`` when
    ///   a log cannot be opened.
    public static func sender(
        for notifier: Notifier, dataDirectory: String, philosophyDirectory: String,
        environment: [String: String]? = nil
    ) throws(NotifyError) -> any NotificationSender {
        switch notifier.kind {
        case .webhook(let url, let secret, let timeout, let attempts):
            let key = try secret.map { (secret) throws(NotifyError) in
                try resolve(secret, notifier: notifier.name, philosophyDirectory: philosophyDirectory, environment: environment)
            }
            return WebhookSender(name: notifier.name, url: url, secret: key, timeout: timeout, attempts: attempts)
        case .command(let command, let arguments, let timeout):
            return CommandSender(name: notifier.name, command: command, arguments: arguments, timeout: timeout, attempts: commandAttempts)
        case .log(let path):
            return try LogSender(name: notifier.name, path: path, dataDirectory: dataDirectory)
        }
    }

    /// The bytes of a webhook's shared secret. A secret file's trailing line break is dropped.
    public static func resolve(
        _ secret: Notifier.Secret, notifier: String, philosophyDirectory: String, environment: [String: String]? = nil
    ) throws(NotifyError) -> [UInt8] {
        switch secret {
        case .inline(let text):
            return Array(text.utf8)
        case .environment(let variable):
            let value = environment.map { $0[variable] } ?? getenv(variable).map { String(cString: $0) }
            guard let value, !value.isEmpty else {
                throw NotifyError(.configuration, "notifier `\(notifier)`: secret_env `\(variable)` is not set (or empty)")
            }
            return Array(value.utf8)
        case .file(let path):
            let full = path.hasPrefix("/") ? path : philosophyDirectory + "/" + path
            let lines = AppendOnlyFile.contents(at: full)
            guard var bytes = lines, !bytes.isEmpty else {
                throw NotifyError(.configuration, "notifier `\(notifier)`: secret_file `\(full)` cannot be read or is empty")
            }
            while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
            return bytes
        }
    }
}
