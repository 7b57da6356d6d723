import ArgumentParser
import Foundation
import TenetBus
import TenetControl
import TenetSupervisor

/// `tenet start NAME`: starts a stopped plugin (or revives a fatal one).
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start a stopped or fatal plugin.")

    @Argument(help: "The plugin's name in the stack file.")
    var name: String

    @OptionGroup var data: DataOptions

    func run() throws {
        try PluginCommand.send("start", name: name, dataPath: data.data)
    }
}

/// `tenet restart NAME`: stops the plugin if it runs, then starts it; clears a crash loop.
struct Restart: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restart a plugin (gracefully if it runs); revives a fatal one.")

    @Argument(help: "The plugin's name in the stack file.")
    var name: String

    @OptionGroup var data: DataOptions

    func run() throws {
        try PluginCommand.send("restart", name: name, dataPath: data.data)
    }
}

/// `tenet stop [NAME]`: stops one plugin (it stays stopped), or the whole stack.
struct Stop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stop one plugin (it stays down), or without a name the whole stack and the supervisor.")

    @Argument(help: "The plugin to stop; omit to stop everything.")
    var name: String?

    @Option(name: .long, help: "Seconds to wait for the whole stack to stop.")
    var timeout: Double = 60

    @OptionGroup var data: DataOptions

    func run() throws {
        if let name {
            try PluginCommand.send("stop", name: name, dataPath: data.data)
            return
        }
        let connection = try ControlConnection(dataPath: data.data)
        _ = try connection.request("shutdown", EmptyBody(), as: ControlReply.self)
        connection.close()
        let deadline = Date().addingTimeInterval(timeout)
        while connection.data.isLocked() {
            guard Date() < deadline else {
                throw CommandFailure(message: "the stack did not stop within \(Int(timeout))s; see `tenet status`")
            }
            usleep(50_000)
        }
        print("stopped")
    }
}

enum PluginCommand {
    static func send(_ method: String, name: String, dataPath: String?) throws {
        let connection = try ControlConnection(dataPath: dataPath)
        defer { connection.close() }
        let reply = try connection.request(method, PluginNameBody(name: name), as: ControlReply.self)
        print("\(reply.result): \(reply.state?.rawValue ?? "?")")
    }
}
