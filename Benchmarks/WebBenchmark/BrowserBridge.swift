import Foundation
import TenetBenchSupport

#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium through `Scripts/devtools_bridge.py` (one JSON request per line in, one JSON
/// answer per line out), for the first-paint phase. The browser dies with the bridge (the bridge
/// sets PR_SET_PDEATHSIG on it); ``quit()`` and `deinit` end the bridge in every outcome.
final class BrowserBridge {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()
    /// The browser's version, as it reported it.
    private(set) var version = ""

    /// Starts `python3 BRIDGE --chromium CHROMIUM`, the bridge's own error output going to `log`.
    init(bridge: String, chromium: String, log: String) throws(BenchmarkError) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", bridge, "--chromium", chromium]
        process.standardInput = input
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        do {
            try process.run()
        } catch {
            throw BenchmarkError(code: .failed, message: "cannot start \(bridge): \(error)")
        }
        let hello = try read()
        guard hello["ok"] as? Bool == true else { throw BenchmarkError(code: .failed, message: "the browser did not start: \(hello); see \(log)") }
        version = hello["version"] as? String ?? ""
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Sends one request and returns the answer's `value`; a failure throws with the bridge's message.
    @discardableResult
    func request(_ body: [String: Any]) throws(BenchmarkError) -> Any? {
        do {
            var line = try JSONSerialization.data(withJSONObject: body)
            line.append(0x0A)
            try input.fileHandleForWriting.write(contentsOf: line)
        } catch {
            throw BenchmarkError(code: .failed, message: "writing to the bridge: \(error)")
        }
        let answer = try read()
        guard answer["ok"] as? Bool == true else {
            throw BenchmarkError(code: .failed, message: "the browser, \(body["op"] ?? "?"): \(answer["error"] ?? answer)")
        }
        return answer["value"]
    }

    /// Loads `url` and waits for its load event.
    func navigate(_ url: String) throws(BenchmarkError) { try request(["op": "navigate", "url": url]) }

    /// Evaluates `expression` in the page (a promise is awaited) and returns its value.
    @discardableResult
    func evaluate(_ expression: String) throws(BenchmarkError) -> Any? { try request(["op": "eval", "expression": expression]) }

    /// Exceptions, console errors and violations (CSP included) the pages reported so far.
    func problems() throws(BenchmarkError) -> [String] { try request(["op": "problems"]) as? [String] ?? [] }

    /// Closes the browser and waits for the bridge to exit.
    func quit() throws(BenchmarkError) {
        try request(["op": "quit"])
        process.waitUntilExit()
    }

    private func read() throws(BenchmarkError) -> [String: Any] {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
                    throw BenchmarkError(code: .failed, message: "the bridge wrote \(String(decoding: line, as: UTF8.self))")
                }
                return object
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                throw BenchmarkError(code: .failed, message: "the bridge exited (status \(process.isRunning ? -1 : process.terminationStatus))")
            }
            buffer.append(chunk)
        }
    }
}
