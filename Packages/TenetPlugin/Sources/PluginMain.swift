import Foundation

/// The top of a Swift plugin's `main`: builds the ``PluginRuntime``, runs the plugin, and turns
/// any error into a clear message and an exit code instead of a crash.
///
/// ```swift
/// @main struct MyPlugin {
///     static func main() async {
///         await PluginMain.run { runtime in try await runtime.run(services: [...]) }
///     }
/// }
/// ```
///
/// Exit codes: 0 after a graceful stop; 78 (`EX_CONFIG`) when the configuration is wrong (a
/// missing or invalid environment variable or setting); 1 for any other failure (the database
/// cannot be opened, a socket cannot be bound). The message goes to standard error as
/// `NAME: message`, so the plugin's log and `tenet status` show the cause.
public enum PluginMain {
    /// The exit code for a configuration error.
    public static let configurationExitCode: Int32 = 78
    /// The exit code for any other failure.
    public static let failureExitCode: Int32 = 1

    /// Runs `body` with a runtime read from the process environment, then exits.
    public static func run(_ body: @Sendable (PluginRuntime) async throws -> Void) async -> Never {
        let name = PluginEnvironment.processVariables()["TENET_PLUGIN_NAME"] ?? CommandLine.arguments.first.map {
            ($0 as NSString).lastPathComponent
        } ?? "plugin"
        do {
            let runtime = try PluginRuntime()
            try await body(runtime)
            exit(0)
        } catch {
            let code = error is any PluginConfigurationError ? configurationExitCode : failureExitCode
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(code)
        }
    }
}

/// An error that means the plugin's configuration is wrong (exit code 78).
public protocol PluginConfigurationError: Error {}

extension PluginEnvironmentError: PluginConfigurationError {}
