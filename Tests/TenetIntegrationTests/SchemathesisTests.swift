import Foundation
import Testing

/// The web API against its own document: store, ingest, metrics, rules and web run as real
/// processes with a few conversations stored, and schemathesis (PyPI, pinned in
/// Scripts/schemathesis.sh, installed into a private venv on first use) generates requests for
/// every operation of the document the server serves at /v1/openapi.yaml — POST /v1/events
/// included — with the token, and runs every check (no server error, status codes, content
/// types, headers and bodies as documented, schema-valid data accepted and invalid data refused).
/// Any finding fails the test with schemathesis' report; so does an install that fails.
@Suite("The web API against its OpenAPI document (schemathesis)", .serialized)
struct SchemathesisTests {
    /// The longest the run may take, the first install (about a minute) included.
    static let timeout: TimeInterval = 900

    @Test func liveServerAgreesWithItsDocument() throws {
        let stack = try RunningStack(WebPluginTests.stack, files: ["philosophy.yaml": MetricsPluginTests.philosophy])
        for name in ["store", "ingest", "metrics", "rules", "web"] { try stack.waitRunning(name) }
        var base = ""
        try waitUntil("the web plugin writes DATA/web.json") {
            guard let data = FileManager.default.contents(atPath: stack.data + "/web.json"),
                let info = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let url = info["http"] as? String
            else { return false }
            base = String(url.dropLast())
            return true
        }
        let token = try String(contentsOfFile: stack.data + "/web.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

        // A few conversations, so that queries find measurements and drill-down finds rows.
        let lines = MetricsPluginTests.conversation("s1", minutesAgo: 30, reply: 5, csat: 5)
            + MetricsPluginTests.conversation("s2", minutesAgo: 20, reply: 15, csat: 2)
        let sent = try WebPluginTests.http(
            base + "/v1/events", token: token, method: "POST", body: lines.joined(separator: "\n") + "\n", in: stack.directory)
        #expect(sent.status == 202, "\(sent.body)")
        try waitUntil("the metrics plugin counts both CSAT answers", timeout: 30) {
            let rows = try WebPluginTests.http(base + "/v1/conversations?metric=csat", token: token, in: stack.directory)
            return (rows.json as? [String: Any])?["total"] as? Int == 2
        }

        // The answers schemathesis is told to allow (Scripts/schemathesis.toml: 400 for /v1/metrics and
        // /v1/conversations, where a statistic must apply to the metric), pinned here: an unknown but
        // well-formed metric is a 404, a malformed one a 400 naming the parameter, a statistic that
        // does not apply a 400 from the metrics plugin.
        let unknown = try WebPluginTests.http(base + "/v1/metrics?metric=no_such_metric", token: token, in: stack.directory)
        #expect(unknown.status == 404, "\(unknown.body)")
        #expect(unknown.errorCode == "unknown_metric", "\(unknown.body)")
        let malformed = try WebPluginTests.http(base + "/v1/conversations?metric=0", token: token, in: stack.directory)
        #expect(malformed.status == 400, "\(malformed.body)")
        #expect(malformed.errorCode == "bad_parameter", "\(malformed.body)")
        let inapplicable = try WebPluginTests.http(base + "/v1/metrics?metric=csat&stat=p90", token: token, in: stack.directory)
        #expect(inapplicable.status == 400, "\(inapplicable.body)")
        #expect(inapplicable.errorCode == "bad_request", "\(inapplicable.body)")
        let wellFormed = try WebPluginTests.http(
            base + "/v1/metrics?metric=frt&stat=within_15m&period=rolling_28d&by=team,attributes.plan&where%5Bchannel%5D=chat,email",
            token: token, in: stack.directory)
        #expect(wellFormed.status == 200, "\(wellFormed.body)")

        var environment = ProcessInfo.processInfo.environment
        environment["TENET_WEB_TOKEN"] = token
        let started = Date()
        let run = try runBounded(
            "/bin/bash", [TestPaths.repository + "/Scripts/schemathesis.sh", base], environment: environment, timeout: Self.timeout)
        let seconds = Int(Date().timeIntervalSince(started))
        let report = run.output + run.error
        #expect(!run.timedOut, "schemathesis did not finish within \(Int(Self.timeout)) s:\n\(report)")
        #expect(run.status == 0, "schemathesis found problems (exit \(run.status), \(seconds) s):\n\(report)\nsupervisor log:\n\(stack.log)")
        // Every operation of the document was tried, by both generating phases, but the document's
        // own (schemathesis leaves out the route it loaded the document from).
        let document = try WebPluginTests.http(base + "/v1/openapi.yaml", token: nil, in: stack.directory).body
        let operations = document.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("operationId:") }.count - 1
        #expect(operations >= 15)
        #expect(report.contains("Operations:       \(operations) selected / \(operations) total"), "\(report)")
        #expect(report.contains("Coverage (in") && report.contains("Fuzzing (in"), "\(report)")
        // The stack is still whole afterwards: no plugin crashed under the generated requests.
        for name in ["store", "ingest", "metrics", "rules", "web"] {
            #expect(try stack.plugin(name)?["restarts"] as? Int == 0, "\(name) restarted:\n\(stack.log)")
        }
    }
}
