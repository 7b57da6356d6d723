import ArgumentParser
import Foundation
import TenetBus

/// `tenet`: runs and controls a Tenet stack.
@main
struct Tenet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenet",
        abstract: "Turn a support philosophy into live measurement.",
        discussion: "Run `tenet up` to start the stack in the foreground; the other commands talk to it.",
        version: "0.1.0",
        subcommands: [
            Up.self, Status.self, Start.self, Restart.self, Stop.self, Send.self, Import.self, Export.self, Check.self, Reload.self, Metrics.self, Conversations.self, Staffing.self,
            Alerts.self, SLA.self, Silence.self, Simulate.self, Report.self,
        ])

    /// Runs the command; a ``CommandFailure`` prints `tenet: MESSAGE` and exits with its code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            fail(failure.message, exitCode: failure.exitCode)
        } catch let error as BusProtocolError {
            // The stack did not answer, or answered with an error: exit 2, like an undeliverable send.
            fail(error.remote.map { "\($0.code): \($0.message)" } ?? error.description, exitCode: 2)
        } catch let error as ZMQError {
            fail(error.description, exitCode: 2)
        } catch {
            // The argument parser's own errors and exit codes (64 for a wrong command line).
            exit(withError: error)
        }
    }
}

/// Options shared by every command that finds a running stack.
/// Prints `tenet: MESSAGE` on standard error and exits with `exitCode`.
private func fail(_ message: String, exitCode: Int32) -> Never {
    FileHandle.standardError.write(Data("tenet: \(message)\n".utf8))
    Foundation.exit(exitCode)
}

struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: $TENET_DATA_DIR or ./tenet-data).")
    var data: String?
}
