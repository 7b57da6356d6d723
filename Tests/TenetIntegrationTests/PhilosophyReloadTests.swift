import Foundation
import Testing
import TenetBus

/// The reload contract's supervisor side, end to end: the stack file names the philosophy,
/// every plugin is told where it is, and `tenet reload` publishes the request only for a file
/// without errors.
@Suite("tenet reload")
struct PhilosophyReloadTests {
    @Test func reloadChecksTheFileAndPublishesTheRequest() throws {
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - name: echo
                command: tenet-echo
            """)
        let philosophy = stack.directory + "/philosophy.yaml"
        let good = try String(contentsOfFile: TestPaths.repository + "/philosophy.example.yaml", encoding: .utf8)
        try good.write(toFile: philosophy, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: TestPaths.repository + "/holidays.example.ics", toPath: stack.directory + "/holidays.example.ics")
        let echo = try stack.waitRunning("echo")

        // The path, made absolute against the stack file's folder, reaches the status report
        // and every plugin's environment.
        #expect(try stack.status()?.object("supervisor")?.string("philosophy") == philosophy)
        let pid = try #require(echo.int32("pid"))
        let environment = try String(decoding: Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ")), as: UTF8.self)
        #expect(environment.split(separator: "\0").contains("TENET_PHILOSOPHY=\(philosophy)"[...]))

        let context = try ZMQContext()
        defer { context.terminate() }
        let subscriber = try stack.busSubscriber(context)
        defer { subscriber.close() }

        // A broken file is not sent: its errors are printed and the exit code is 1.
        try good.replacingOccurrences(of: "metric: first_response_time, stat: p90", with: "metric: frst_response_time, stat: p90")
            .write(toFile: philosophy, atomically: true, encoding: .utf8)
        let refused = try stack.tenet(["reload"])
        #expect(refused.status == 1)
        #expect(refused.output.contains("\(philosophy):29:19: error: unknown metric `frst_response_time`"))
        #expect(refused.error.contains("1 error, 0 warnings: not reloaded; the plugins keep the philosophy in force"))

        // Fixed: the request goes out, once.
        try good.write(toFile: philosophy, atomically: true, encoding: .utf8)
        let accepted = try stack.tenet(["reload"])
        #expect(accepted.status == 0, "\(accepted.error)")
        #expect(accepted.output.hasPrefix("asked the plugins to re-read \(philosophy) (sha256 "))
        var reloads: [String] = []
        try waitUntil("the reload request is published") {
            guard let frames = try subscriber.receiveMultipart() else { return false }
            let message = try BusMessage(frames: frames)
            guard message.topic.hasPrefix("sys.philosophy.") else { return false }
            #expect(message.header.type == "philosophy.reload")
            reloads.append(String(decoding: message.body, as: UTF8.self))
            return true
        }
        #expect(reloads == ["{\"path\":\"\(philosophy)\"}"])
        // The supervisor logs each request it publishes: one, so the refused file never reached it.
        #expect(stack.log.components(separatedBy: "reload requested: plugins re-read \(philosophy)").count - 1 == 1)
    }

    @Test func aStackWithoutAPhilosophySaysSo() throws {
        let stack = try RunningStack(
            """
            plugins:
              - name: echo
                command: tenet-echo
            """)
        try stack.waitRunning("echo")
        let result = try stack.tenet(["reload"])
        #expect(result.status == 1)
        #expect(result.error == "tenet: the stack file names no philosophy: add `philosophy: FILE` to \(stack.stackPath)\n")
    }
}
