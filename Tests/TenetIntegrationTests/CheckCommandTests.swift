import Foundation
import Testing
import TenetModels

/// `tenet check` as a user runs it: the real binary, real files, its exit codes and output.
@Suite("tenet check: the command")
struct CheckCommandTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "tenet-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let broken = """
        purpose: "p"
        vision: "v"
        values:
          - name: Speed
            action: "Be quick."
            metrics:
              - { metric: frst_response_time, target: "<= 1h" }
              - { metric: csat, target: "90" }
          - { name: Calm, action: "Stay calm." }
        schedules:
          office: { zone: Europe/Berln, weekly: { mon-fri: ["09:00-17:00"] } }

        """

    @Test func theExampleFilePassesClean() throws {
        let result = try runTenet(["check", TestPaths.repository + "/philosophy.example.yaml"])
        #expect(result.status == 0)
        #expect(result.output.hasSuffix(
            "philosophy.example.yaml: ok, 0 errors, 0 warnings: 9 values, 25 key metrics, 7 teams, 8 custom metrics, 3 schedules, 3 SLA policies, 4 alert rules\n"))
    }

    @Test func everyErrorIsPrintedWithItsPlaceAndTheExitCodeIsOne() throws {
        let path = try write("broken.yaml", Self.broken)
        let result = try runTenet(["check", path])
        #expect(result.status == 1)
        let findings: [String] = result.output.split(separator: "\n").filter { $0.hasPrefix(path) }.map(String.init)
        #expect(findings == [
            "\(path):7:19: error: unknown metric `frst_response_time`; did you mean `first_response_time`?",
            "\(path):8:33: error: target `90` does not start with a comparison: write `<= 1h`, `>= 90%` or `>= 8.5` (one of <, <=, >, >=)",
            "\(path):11:19: error: `schedules.office.zone`: `Europe/Berln` is not an IANA time zone; did you mean `Europe/Berlin`? (for example Europe/Berlin, America/New_York, UTC)",
            "\(path): 3 errors, 0 warnings",
        ])
        // The line at fault and a caret under the column.
        #expect(result.output.contains("          - { metric: frst_response_time, target: \"<= 1h\" }\n                      ^\n"))
    }

    @Test func jsonGivesTheSameFindingsAsData() throws {
        let path = try write("broken.yaml", Self.broken)
        let result = try runTenet(["check", "--json", path])
        #expect(result.status == 1)
        let report = try JSONParser.parse(result.output).objectValue
        #expect(report?["ok"] == .bool(false))
        #expect(report?["errors"]?.int64Value == 3)
        let diagnostics = report?["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.compactMap { $0.objectValue?["line"]?.int64Value } == [7, 8, 11])
        #expect(diagnostics.compactMap { $0.objectValue?["code"]?.stringValue } == ["unknown_reference", "invalid_value", "invalid_value"])
        #expect(diagnostics.compactMap { $0.objectValue?["field"]?.stringValue } == [
            "values[0].metrics[0].metric", "values[0].metrics[1].target", "schedules.office.zone",
        ])
    }

    @Test func warningsPassUnlessStrict() throws {
        let path = try write(
            "warned.yaml",
            "purpose: p\nvision: v\nvalues:\n  - { name: Q, action: a, metrics: [{ metric: csat, target: \">= 101%\" }] }\n")
        let relaxed = try runTenet(["check", path])
        #expect(relaxed.status == 0)
        #expect(relaxed.output.contains("\(path):4:37: warning: `csat >= 101%` can never be met: csat (rate) lies in 0…100\n"))
        let strict = try runTenet(["check", "--strict", path])
        #expect(strict.status == 1)
    }

    @Test func aMissingFileIsAnErrorNotACrash() throws {
        let result = try runTenet(["check", folder + "/nothing.yaml"])
        #expect(result.status == 1)
        #expect(result.output.contains("nothing.yaml: error: No such file or directory"))
    }
}
