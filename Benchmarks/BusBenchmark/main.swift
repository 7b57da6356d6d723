// tenet-bus-bench: messages/s through the TenetBus ZeroMQ binding over ipc://, to compare
// with the C twin Benchmarks/c/zmq_throughput.c (Scripts/bench.sh runs both: `make bench`).
//
// Output: a `#` header, then for each pattern one machine-readable line and one human line:
//   pushpull_ipc impl=swift msgs_per_sec=1234567 runs=5 min=… max=… all=… messages=… size=… warmup=…
//   # swift PUSH/PULL ipc: 1,234,567 msg/s (median of 5 runs; …)
import Foundation
import TenetBus

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions.parse(CommandLine.arguments.dropFirst())
} catch {
    if !error.description.isEmpty { standardError("tenet-bus-bench: \(error.description)") }
    standardError(BenchmarkOptions.usage)
    exit(error.description.isEmpty ? 0 : 2)
}

/// A fresh, short folder for the ipc:// socket files (socket paths are limited to ~107 bytes).
func makeSocketDirectory() -> String? {
    var template = Array("/tmp/tenet-bench.XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer in
        mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
    }
}

let ownDirectory = options.ipcDirectory == nil
guard let directory = options.ipcDirectory ?? makeSocketDirectory() else {
    standardError("tenet-bus-bench: cannot create a folder under /tmp for the ipc sockets")
    exit(1)
}

let version = ZMQContext.libraryVersion
print("# impl=swift libzmq=\(version.major).\(version.minor).\(version.patch) transport=ipc"
    + " messages=\(options.messages) warmup=\(options.warmup) size=\(options.size) runs=\(options.runs)")

var failed = false
patterns: for pattern in options.patterns {
    var rates: [Double] = []
    for run in 1...options.runs {
        let socketPath = "\(directory)/\(pattern.rawValue)-\(run).sock"
        defer { unlink(socketPath) }  // libzmq 4.3 leaves the socket file behind
        let benchmark = ThroughputBenchmark(
            pattern: pattern, messages: options.messages, warmup: options.warmup, size: options.size,
            endpoint: "ipc://\(socketPath)")
        do {
            let rate = try benchmark.run()
            rates.append(rate)
            standardError("# swift \(pattern.rawValue) run \(run)/\(options.runs): \(Int(rate.rounded())) msg/s")
        } catch {
            standardError("tenet-bus-bench: \(pattern.rawValue) run \(run) failed: \(error)")
            failed = true
            continue patterns
        }
    }
    let summary = ThroughputSummary(pattern: pattern, rates: rates)
    print(summary.machineLine(options: options))
    print(summary.humanLine(options: options))
    fflush(nil)  // all C streams: print() output reaches the pipe before the next pattern
}

if ownDirectory { try? FileManager.default.removeItem(atPath: directory) }
exit(failed ? 1 : 0)
