import Foundation
import TenetModels

/// docs/examples/python/webhook_receiver.py, run for real on a free loopback port; its record
/// file says what each request carried and what it was answered. Shared by the notifier's unit
/// tests and the rules plugin's integration tests.
public final class PythonReceiver {
    /// One request as the receiver recorded it.
    public struct Request: Equatable, Sendable {
        public var idempotencyKey: String
        public var attempt: String?
        public var verified: Bool
        public var reason: String?
        public var status: Int

        public init(idempotencyKey: String, attempt: String?, verified: Bool, reason: String?, status: Int) {
            self.idempotencyKey = idempotencyKey
            self.attempt = attempt
            self.verified = verified
            self.reason = reason
            self.status = status
        }
    }

    let process = Process()
    let directory: String
    /// The port it listens on.
    public let port: Int

    /// Its URL.
    public var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Starts the receiver with `secret` and the scripted `respond` statuses; waits (at most
    /// 20 s) until it listens.
    public init(secret: String, respond: String = "", tolerance: Int = 300) throws {
        directory = NSTemporaryDirectory() + "tenet-notify-receiver-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = Self.repositoryRoot + "/docs/examples/python/webhook_receiver.py"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            script, "--port", "0", "--port-file", directory + "/port", "--record", directory + "/requests.jsonl",
            "--respond", respond, "--tolerance", String(tolerance),
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["TENET_WEBHOOK_SECRET"] = secret
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            if let text = try? String(contentsOfFile: directory + "/port", encoding: .utf8) { found = Int(text) }
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            throw ReceiverError(description: "the Python receiver did not start")
        }
        port = found
    }

    deinit {
        // SIGKILL: the child may inherit a mask that blocks SIGTERM from the test's thread.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The requests received so far, in order.
    public var requests: [Request] {
        AppendOnlyFileLines.read(directory + "/requests.jsonl").compactMap { line in
            guard case .object(let object)? = try? JSONParser.parse(line) else { return nil }
            return Request(
                idempotencyKey: object["idempotency_key"]?.stringValue ?? "", attempt: object["attempt"]?.stringValue,
                verified: object["verified"]?.boolValue ?? false, reason: object["reason"]?.stringValue,
                status: Int(object["status"]?.int64Value ?? 0))
        }
    }

    static var repositoryRoot: String {
        "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    }
}

/// The receiver did not start.
public struct ReceiverError: Error, CustomStringConvertible {
    public var description: String
}

enum AppendOnlyFileLines {
    static func read(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}
