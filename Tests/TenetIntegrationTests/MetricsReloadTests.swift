import Foundation
import Testing
import TenetBus

/// The reload contract, carried out by the metrics plugin: `tenet reload` and a changed file make
/// it re-read the philosophy; a file with errors is refused and the previous one kept.
@Suite("Metrics plugin reloads the philosophy")
struct MetricsReloadTests {
    static func philosophy(target: String) -> String {
        """
        purpose: "p"
        vision: "v"
        values:
          - name: Quality
            action: "Get it right."
            metrics:
              - { metric: csat, target: "\(target)", period: rolling_28d }

        """
    }

    @Test func reloadedOnRequestAndOnChangeABrokenFileRefused() throws {
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: metrics, command: tenet-metrics, order: 30 }
            """)
        let path = stack.directory + "/philosophy.yaml"
        try Self.philosophy(target: ">= 90%").write(toFile: path, atomically: true, encoding: .utf8)
        try stack.waitRunning("metrics")
        let context = try ZMQContext()
        defer { context.terminate() }
        let subscriber = try stack.busSubscriber(context)
        defer { subscriber.close() }

        func target() throws -> String? {
            let result = try stack.tenet(["metrics", "--json"])
            guard result.status == 0,
                let card = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
                let series = card["series"] as? [[String: Any]]
            else { return nil }
            return series.first { $0["series"] as? String == "value:Quality:0" }?["target"] as? String
        }
        /// Waits for the plugin's next philosophy outcome and returns it with its body.
        func outcome() throws -> (String, [String: Any]) {
            var found: (String, [String: Any])?
            try waitUntil("the metrics plugin reports a philosophy outcome") {
                guard let frames = try subscriber.receiveMultipart() else { return false }
                let message = try BusMessage(frames: frames)
                guard message.topic.hasPrefix("sys.philosophy.metrics.") else { return false }
                let body = try JSONSerialization.jsonObject(with: Data(message.body)) as? [String: Any] ?? [:]
                found = (String(message.topic.dropFirst("sys.philosophy.metrics.".count)), body)
                return true
            }
            return try #require(found)
        }
        #expect(try target() == ">= 90%")

        // Changed, then `tenet reload`: loaded (by the request or by the watch on the file,
        // whichever comes first), and the new target is in force.
        try Self.philosophy(target: ">= 85%").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try stack.tenet(["reload"]).status == 0)
        let (loaded, body) = try outcome()
        #expect(loaded == "loaded")
        #expect(body["errors"] as? [String] == [])
        try waitUntil("the new target is in force") { try target() == ">= 85%" }

        // A broken file (tenet reload would refuse to send it): the plugin sees the change on
        // disk, refuses it with its errors, and keeps the philosophy in force.
        try Self.philosophy(target: "85%").write(toFile: path, atomically: true, encoding: .utf8)
        var refused: (String, [String: Any]) = ("", [:])
        try waitUntil("the broken file is refused") {
            refused = try outcome()
            return refused.0 == "refused"
        }
        let errors = refused.1["errors"] as? [String] ?? []
        #expect(errors.count == 1)
        #expect(errors.first?.contains("target `85%` does not start with a comparison") == true)
        #expect(refused.1["in_force"] as? String == body["digest"] as? String)
        #expect(try target() == ">= 85%")
    }
}
