import ArgumentParser
import Foundation
import TenetBus
import TenetControl
import TenetPhilosophy

/// `tenet reload`: checks the stack's philosophy file and, when it has no error, asks every
/// plugin that reads it to re-read it (the supervisor publishes `sys.philosophy.reload`).
struct Reload: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the stack's philosophy file and have the plugins re-read it, without a restart.",
        discussion: """
            A file with errors is not sent: its errors are printed, the plugins keep the \
            philosophy in force, and the exit code is 1. docs/PHILOSOPHY.md (Reloading) \
            describes what the plugins do.
            """)

    @OptionGroup var data: DataOptions

    func run() throws {
        let connection = try ControlConnection(dataPath: data.data)
        defer { connection.close() }
        let status = try connection.request("status", EmptyBody(), as: StatusReport.self)
        guard let path = status.supervisor.philosophy else {
            throw CommandFailure(message: "the stack file names no philosophy: add `philosophy: FILE` to \(status.supervisor.stack)")
        }
        let check = PhilosophyLoader.load(path: path)
        for diagnostic in check.diagnostics {
            print(diagnostic.description(file: path))
        }
        guard check.errors.isEmpty else {
            throw CommandFailure(
                message: "\(Check.summary(check)): not reloaded; the plugins keep the philosophy in force")
        }
        let reply = try connection.request("reload", EmptyBody(), as: ControlReply.self)
        print("\(reply.result) (sha256 \(check.digest.prefix(12)))")
    }
}
