import ArgumentParser
import Foundation
import TenetModels
import TenetPhilosophy
import TenetYAML

/// `tenet check FILE`: every error and warning of a philosophy file, with its line and column.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a philosophy file: every error and warning with its line and column.",
        discussion: """
            Exits 0 when the file has no error (warnings are printed but do not fail the check, \
            unless --strict), 1 when it has errors. --json prints the same findings as data for \
            editors and CI.
            """)

    @Argument(help: "The philosophy file (default: $TENET_PHILOSOPHY or philosophy.yaml).")
    var file: String?

    @Flag(name: .long, help: "Print the findings as JSON.")
    var json = false

    @Flag(name: .long, help: "Fail (exit 1) on warnings too.")
    var strict = false

    func run() throws {
        let path = file ?? ProcessInfo.processInfo.environment["TENET_PHILOSOPHY"] ?? "philosophy.yaml"
        let check = PhilosophyLoader.load(path: path)
        let failed = !check.errors.isEmpty || (strict && !check.warnings.isEmpty)
        if json {
            print(JSONWriter.string(Self.report(check, failed: failed)))
        } else {
            let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false)
            for diagnostic in check.diagnostics {
                print(diagnostic.description(file: path))
                if let lines, diagnostic.position.line > 0, diagnostic.position.line <= lines.count {
                    let source = lines[diagnostic.position.line - 1]
                    print("    \(source)")
                    if diagnostic.position.column > 0 {
                        print("    " + String(repeating: " ", count: diagnostic.position.column - 1) + "^")
                    }
                }
            }
            print(Self.summary(check))
        }
        if failed { throw ExitCode(1) }
    }

    static func summary(_ check: PhilosophyCheck) -> String {
        let errors = check.errors.count
        let warnings = check.warnings.count
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        guard let philosophy = check.philosophy else { return "\(check.path): \(counts)" }
        let keyMetrics = philosophy.values.reduce(0) { $0 + $1.metrics.count }
        return "\(check.path): ok, \(counts): \(philosophy.values.count) values, \(keyMetrics) key metrics, "
            + "\(philosophy.teams.count) teams, \(philosophy.customMetrics.count) custom metrics, "
            + "\(philosophy.schedules.count) schedules, \(philosophy.slaPolicies.count) SLA policies, "
            + "\(philosophy.alerts.count) alert rules"
    }

    static func report(_ check: PhilosophyCheck, failed: Bool) -> JSONValue {
        let findings: [JSONValue] = check.diagnostics.map { diagnostic in
            .object(
                JSONObject([
                    ("severity", .string(diagnostic.severity.rawValue)),
                    ("code", .string(diagnostic.code.rawValue)),
                    ("line", .number(JSONNumber(diagnostic.position.line))),
                    ("column", .number(JSONNumber(diagnostic.position.column))),
                    ("field", .string(diagnostic.field)),
                    ("message", .string(diagnostic.message)),
                ]))
        }
        return .object(
            JSONObject([
                ("file", .string(check.path)),
                ("ok", .bool(!failed)),
                ("errors", .number(JSONNumber(check.errors.count))),
                ("warnings", .number(JSONNumber(check.warnings.count))),
                ("digest", .string(check.digest)),
                ("diagnostics", .array(findings)),
            ]))
    }
}
