import ArgumentParser
import Foundation
import Logging
import TenetSupervisor

/// `tenet up`: runs the stack in the foreground until SIGTERM, SIGINT or `tenet stop`.
struct Up: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the stack in the foreground: the buses, then every plugin in order.")

    @Option(name: .long, help: "The stack file (default: $TENET_STACK or ./stack.yaml).")
    var stack: String?

    @OptionGroup var data: DataOptions

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    @Flag(name: .long, help: "Once every plugin runs, print where to look, how to send and how to stop (make run does).")
    var guide = false

    func run() throws {
        // Before any thread exists, so that every thread inherits the mask (see Supervisor).
        Supervisor.blockSignals()
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let environment = ProcessInfo.processInfo.environment
        let stackPath = stack ?? environment["TENET_STACK"] ?? "stack.yaml"
        let stackFile: StackFile
        do {
            stackFile = try StackFile.load(path: stackPath)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let absolute = stackPath.hasPrefix("/") ? stackPath : FileManager.default.currentDirectoryPath + "/" + stackPath
        let options = Supervisor.Options(
            stack: stackFile, stackDirectory: ((absolute as NSString).standardizingPath as NSString).deletingLastPathComponent,
            dataDirectory: DataDirectory(path: data.data ?? DataDirectory.defaultPath()))
        if guide { UpGuide.start(dataPath: options.dataDirectory.path) }
        do {
            try Supervisor(options: options, logger: Logger(label: "tenet.supervisor")).run()
        } catch {
            throw CommandFailure(message: error.message)
        }
    }
}

/// A command that failed: the message goes to standard error, the exit code to the shell.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32 = 1
    var description: String { message }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
