import ArgumentParser
import Foundation

/// `tenet`: runs and controls a Tenet stack.
@main
struct Tenet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenet",
        abstract: "Turn a support philosophy into live measurement.",
        discussion: "Run `tenet up` to start the stack in the foreground; the other commands talk to it.",
        version: "0.1.0",
        subcommands: [Up.self, Status.self, Start.self, Restart.self, Stop.self, Send.self, Import.self, Export.self])

    /// Runs the command; a ``CommandFailure`` prints `tenet: MESSAGE` and exits with its code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("tenet: \(failure.message)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}

/// Options shared by every command that finds a running stack.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: $TENET_DATA_DIR or ./tenet-data).")
    var data: String?
}
