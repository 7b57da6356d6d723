import Foundation
import Testing
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

@Suite("tenet send: exit codes and retries", .serialized)
struct SendCommandTests {
    @Test("a wrong command line exits 64")
    func usageErrors() throws {
        for arguments in [["send", "--batch", "0", "-"], ["send", "--no-such-option"], ["send", "--timeout", "-1", "-"]] {
            let result = try runTenet(arguments)
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.error)")
        }
    }

    @Test("an unreadable file exits 2; no ingest answering within --retry-for exits 2 after retrying")
    func undeliverable() throws {
        let missing = try runTenet(["send", "/nonexistent/events.ndjson", "--endpoint", "ipc:///tmp/unused.sock"])
        #expect(missing.status == 2, "\(missing.error)")
        #expect(missing.error.contains("cannot read /nonexistent/events.ndjson"))

        let directory = NSTemporaryDirectory() + "tenet-send-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try eventLine("e-1").write(toFile: directory + "/one.ndjson", atomically: true, encoding: .utf8)
        let started = monotonicSeconds()
        let result = try runTenet([
            "send", directory + "/one.ndjson", "--endpoint", "ipc://\(directory)/nobody.sock", "--timeout", "0.3", "--retry-for", "2",
        ])
        let elapsed = monotonicSeconds() - started
        #expect(result.status == 2, "\(result.error)")
        #expect(result.error.contains("gave up on the batch from line 1 after 2s"), "\(result.error)")
        // It kept retrying for the whole window rather than giving up at the first timeout.
        #expect(elapsed >= 2, "gave up after \(elapsed) s")
    }

    @Test("the generated ingest token and ingest.json are the owner's alone (0600)")
    func tokenFileMode() throws {
        let running = try RunningStack(ingestStack())
        try running.waitRunning("ingest")
        for name in ["ingest.token", "ingest.json"] {
            let path = running.data + "/" + name
            try waitUntil("\(name) exists", timeout: 30) { FileManager.default.fileExists(atPath: path) }
            var info = stat()
            #expect(stat(path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600, "\(name) has mode \(String(info.st_mode & 0o777, radix: 8))")
        }
    }
}

@Suite("tenet export when the store does not answer")
struct ExportFailureTests {
    @Test("one request, one timeout: exit 2 and `tenet: timed_out: …` on standard error")
    func storeDoesNotAnswer() throws {
        let directory = NSTemporaryDirectory() + "tenet-export-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let context = try ZMQContext()
        defer { context.terminate() }
        // A store that takes requests and never answers.
        let silent = try ZMQSocket(context: context, type: .router)
        defer { silent.close() }
        try silent.set(.linger(.zero))
        try silent.bind("ipc://\(directory)/store.sock")
        let result = try runTenet(["export", "--endpoint", "ipc://\(directory)/store.sock", "--timeout", "1"])
        #expect(result.status == 2, "\(result.error)")
        #expect(result.error.hasPrefix("tenet: timed_out: no reply to 'stats'"), "\(result.error)")
        var requests: [String] = []
        while let frames = try silent.receiveMultipart(dontWait: true) {
            requests.append(String(decoding: frames[1], as: UTF8.self))
        }
        #expect(requests == ["stats"], "the store was asked \(requests)")
    }
}
