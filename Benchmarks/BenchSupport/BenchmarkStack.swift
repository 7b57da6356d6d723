import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A stack run by `tenet up` on a data directory, driven with the `tenet` command: its status,
/// waiting for plugins, stopping it.
public struct BenchmarkStack: Sendable {
    /// The `tenet` executable.
    public var tenet: String
    /// A folder for logs and scratch files.
    public var work: String
    /// The data directory.
    public var data: String

    /// A stack in `data`, logging into `work`.
    public init(tenet: String, work: String, data: String) {
        self.tenet = tenet
        self.work = work
        self.data = data
    }

    var errors: String { work + "/stderr.log" }

    /// A fresh, short data directory (socket paths must fit in 107 bytes).
    public static func makeDirectory() throws(BenchmarkError) -> String {
        var template = Array("/tmp/tnb.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!).map { String(cString: $0) } }
        guard let made else { throw BenchmarkError(code: .failed, message: "cannot create a folder under /tmp") }
        return made
    }

    /// The stack's status, from `tenet status --json`.
    public func status() throws(BenchmarkError) -> StackStatus {
        let (ending, output) = try ChildProcess.run(tenet, ["status", "--json", "--data", data], scratch: work, errors: work + "/status.log")
        guard ending.succeeded, let status = StackStatus(json: output) else {
            throw BenchmarkError(code: .failed, message: "tenet status --json ended with \(ending.text)")
        }
        return status
    }

    /// Runs `tenet ARGUMENTS --data DATA`; throws when it fails.
    public func command(_ arguments: [String]) throws(BenchmarkError) {
        let (ending, output) = try ChildProcess.run(tenet, arguments + ["--data", data], scratch: work, errors: errors)
        guard ending.succeeded else {
            throw BenchmarkError(code: .failed, message: "tenet \(arguments.joined(separator: " ")) ended with \(ending.text): \(output.suffix(300))")
        }
    }

    /// The bus's subscribe endpoint, from `DATA/endpoints.json`.
    public func subscribeEndpoint() throws(BenchmarkError) -> String {
        guard let bytes = FileManager.default.contents(atPath: data + "/endpoints.json"),
            let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any], let subscribe = object["subscribe"] as? String
        else { throw BenchmarkError(code: .failed, message: "\(data)/endpoints.json has no subscribe endpoint") }
        return subscribe
    }

    /// Polls the status until every plugin named runs and its socket exists (60 s at most).
    public func waitUntilReady(_ plugins: [String], supervisor: ChildProcess) throws(BenchmarkError) -> StackStatus {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let ended = supervisor.poll() {
                throw BenchmarkError(code: .failed, message: "tenet up ended with \(ended.text) before the stack ran; see \(work)/up.log")
            }
            if let status = try? status(), status.ready(plugins) { return status }
            usleep(200_000)
        }
        throw BenchmarkError(code: .failed, message: "the stack did not come up within 60 s; see \(work)/up.log")
    }

    /// Polls the status until `plugin` is in `state` (60 s at most).
    public func waitFor(_ plugin: String, state: String) throws(BenchmarkError) {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let status = try? status(), status.plugins[plugin]?.state == state { return }
            usleep(20_000)
        }
        throw BenchmarkError(code: .failed, message: "\(plugin) did not reach the state \(state) within 60 s")
    }

    /// `tenet stop`, then waits for the supervisor (90 s at most, then SIGKILL).
    public func stop(_ supervisor: ChildProcess) {
        _ = try? ChildProcess.run(tenet, ["stop", "--data", data, "--timeout", "60"], scratch: work, errors: errors)
        let deadline = ContinuousClock.now + .seconds(90)
        while supervisor.poll() == nil {
            if ContinuousClock.now >= deadline {
                supervisor.send(SIGKILL)
                supervisor.wait()
                return
            }
            usleep(100_000)
        }
    }
}
