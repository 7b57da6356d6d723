import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol, through `Scripts/devtools_bridge.py` (a
/// standard-library Python bridge: one JSON request per line in, one JSON answer per line out).
/// Chromium is killed in every outcome: by ``quit()``, by `deinit`, and by the kernel when the
/// bridge dies (the bridge sets PR_SET_PDEATHSIG on it).
final class DashboardBrowser {
    /// Where Debian's `chromium` package installs the browser.
    static let chromium = "/usr/bin/chromium"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()
    /// The browser's version, as it reported it.
    private(set) var version = ""

    /// Starts the bridge and the browser with a 1366×768 window.
    init() throws {
        process.executableURL = URL(fileURLWithPath: TestPaths.python)
        process.arguments = [TestPaths.repository + "/Scripts/devtools_bridge.py", "--chromium", Self.chromium]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let hello = try read()
        guard hello["ok"] as? Bool == true else { throw Failure(description: "the browser did not start: \(hello)") }
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
    func request(_ body: [String: Any]) throws -> Any? {
        var line = try JSONSerialization.data(withJSONObject: body)
        line.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: line)
        let answer = try read()
        guard answer["ok"] as? Bool == true else { throw Failure(description: "\(body["op"] ?? "?"): \(answer["error"] ?? answer)") }
        return answer["value"] ?? answer["bytes"]
    }

    /// Loads `url` and waits for its load event.
    func navigate(_ url: String) throws { try request(["op": "navigate", "url": url]) }

    /// Evaluates `expression` in the page (a promise is awaited) and returns its value.
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? { try request(["op": "eval", "expression": expression]) }

    /// Evaluates `expression`, which must give a string (use JSON.stringify), and returns it.
    func string(_ expression: String) throws -> String {
        guard let text = try evaluate(expression) as? String else { throw Failure(description: "not a string: \(expression)") }
        return text
    }

    /// Saves a PNG of the whole page at `path` and returns its size in bytes.
    func screenshot(_ path: String) throws -> Int { try request(["op": "screenshot", "path": path]) as? Int ?? 0 }

    /// Emulates a CSS media type (`print`; `""` for the screen again).
    func emulate(media: String) throws { try request(["op": "media", "media": media]) }

    /// Exceptions, console errors and violations (CSP included) the page reported so far.
    func problems() throws -> [String] { try request(["op": "problems"]) as? [String] ?? [] }

    /// Closes the browser and waits for the bridge to exit.
    func quit() throws {
        try request(["op": "quit"])
        process.waitUntilExit()
    }

    private func read() throws -> [String: Any] {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    throw Failure(description: "the bridge wrote \(String(decoding: line, as: UTF8.self))")
                }
                return object
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "the bridge exited (status \(process.isRunning ? -1 : process.terminationStatus))") }
            buffer.append(chunk)
        }
    }
}
