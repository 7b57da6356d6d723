import TenetBus
import TenetPlugin

/// `tenet-echo`: the smallest complete Swift plugin. It heartbeats, publishes its lifecycle and
/// answers two methods on its endpoint: `ping` (replies `{"pong": true, "plugin": NAME}`) and
/// `echo` (replies with the request body unchanged). Tests and the default stack use it; it is
/// also the model for new Swift plugins (see docs/PLUGINS.md).
@main
struct EchoPlugin {
    static func main() async {
        // A failure exits with a message and a code (78 for a bad contract), never a trap.
        await PluginMain.run {
            let runtime = try PluginRuntime()
            let name = runtime.environment.name
            runtime.logger.info("echo plugin starting")
            try await runtime.run { request in
                switch request.method {
                case "ping": .encode(PingReply(pong: true, plugin: name))
                case "echo": .body(request.message.body)
                default: .error(.unknownMethod(request.method))
                }
            }
        }
    }
}

/// The reply to `ping`.
struct PingReply: Codable, Sendable {
    var pong: Bool
    var plugin: String
}
