#if canImport(Glibc)
import Glibc
#endif

/// Runs a plugin's `main` so that a failure ends the process with one clear line on standard
/// error and an exit code, never a trap and a backtrace.
///
/// An error thrown out of `static func main() async throws` makes Swift trap (SIGILL), so the
/// supervisor could only report `killed by signal 4`. Wrap the body instead:
///
/// ```swift
/// @main
/// struct EchoPlugin {
///     static func main() async {
///         await PluginMain.run {
///             let runtime = try PluginRuntime()
///             try await runtime.run { request in … }
///         }
///     }
/// }
/// ```
///
/// Exit codes (docs/PLUGINS.md lists them):
/// - 0: the body returned (a graceful stop);
/// - 78 (`EX_CONFIG`): a ``PluginConfigurationError``, something the operator must fix (a
///   wrong variable, setting or file), which restarting will not cure;
/// - 1: any other error.
///
/// The line is `PROGRAM: MESSAGE`, for example `tenet-echo: TENET_HEARTBEAT_INTERVAL_MS: 'abc'
/// is not a positive whole number of milliseconds`; it lands in the plugin's log, and the
/// supervisor shows a log's last line in `tenet status`.
public enum PluginMain {
    /// The exit code for a configuration error (`EX_CONFIG` from sysexits.h).
    public static let configurationExitCode: Int32 = 78
    /// The exit code for any other error.
    public static let failureExitCode: Int32 = 1

    /// Runs `body` (in the caller's isolation), then exits: 0 when it returns, 78 or 1 when it
    /// throws (after printing the error on standard error).
    public static func run(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void
    ) async -> Never {
        do {
            try await body()
        } catch {
            let line = "\(programName()): \(error)\n"
            _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
            exit(exitCode(for: error))
        }
        exit(0)
    }

    /// Builds the ``PluginRuntime`` from the process environment and runs `body` with it, then
    /// exits as ``run(isolation:_:)`` does: the usual top of a plugin's `main`.
    public static func run(
        isolation: isolated (any Actor)? = #isolation, _ body: (PluginRuntime) async throws -> Void
    ) async -> Never {
        await run(isolation: isolation) {
            try await body(try PluginRuntime())
        }
    }

    /// The exit code for `error`: 78 for a ``PluginConfigurationError``, else 1.
    public static func exitCode(for error: any Error) -> Int32 {
        error is any PluginConfigurationError ? configurationExitCode : failureExitCode
    }

    /// The running program's file name (`tenet-echo`).
    static func programName() -> String {
        let path = CommandLine.arguments.first ?? "tenet-plugin"
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
