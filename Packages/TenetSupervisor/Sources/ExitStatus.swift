#if canImport(Glibc)
import Glibc
#endif

/// How a plugin process ended.
public enum ExitStatus: Hashable, Sendable, CustomStringConvertible {
    /// It exited with this status code.
    case exited(code: Int32)
    /// A signal ended it.
    case signaled(signal: Int32)

    /// The exit code a plugin uses for an error the operator must fix (`EX_CONFIG`); Swift
    /// plugins exit with it through `PluginMain` (docs/OPERATIONS.md, plugin exit codes).
    public static let configurationErrorCode: Int32 = 78

    /// Whether the process ended cleanly (exit code 0).
    public var isSuccess: Bool { self == .exited(code: 0) }

    public var description: String {
        switch self {
        case .exited(let code) where code == Self.configurationErrorCode: "exit code \(code) (configuration error)"
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): "killed by signal \(signal) (\(Self.signalName(signal)))"
        }
    }

    /// The conventional name of a signal number, e.g. `SIGKILL`.
    public static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        case SIGQUIT: "SIGQUIT"
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGFPE: "SIGFPE"
        case SIGKILL: "SIGKILL"
        case SIGSEGV: "SIGSEGV"
        case SIGPIPE: "SIGPIPE"
        case SIGALRM: "SIGALRM"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }
}
