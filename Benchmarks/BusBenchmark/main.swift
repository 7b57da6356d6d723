// tenet-bus-bench: messages/s through the TenetBus ZeroMQ binding over ipc://, to set beside its
// C twin Benchmarks/c/zmq_throughput.c (Scripts/bench.sh runs both, alternating: `make bench`).
//
// Output: per run one measurement as a JSON line on stdout (TenetBenchSupport.RunMeasurement, read
// by tenet-bench-report), and one line for people on stderr.
import Foundation
import TenetBenchSupport
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
var failed = false
patterns: for pattern in options.patterns {
    for run in options.round..<(options.round + options.runs) {
        let socketPath = "\(directory)/\(pattern.rawValue)-\(run).sock"
        defer { unlink(socketPath) }  // libzmq 4.3 leaves the socket file behind
        let benchmark = ThroughputBenchmark(
            pattern: pattern, messages: options.messages, warmup: options.warmup, size: options.size,
            endpoint: "ipc://\(socketPath)")
        do {
            let (rate, seconds) = try benchmark.run()
            RunMeasurement(
                suite: Suite.bus, subject: Subject.swift, variant: pattern.rawValue, run: run, count: options.messages,
                seconds: seconds, rate: rate, unit: "msgs/s",
                check: "the receiver counted exactly \(options.messages) timed messages between the markers",
                settings: [
                    "libzmq": "\(version.major).\(version.minor).\(version.patch)", "size": String(options.size),
                    "warmup": String(options.warmup),
                ]
            ).print()
            standardError("# swift \(pattern.rawValue) run \(run): \(Statistics.grouped(rate)) msg/s")
        } catch {
            standardError("tenet-bus-bench: \(pattern.rawValue) run \(run) failed: \(error)")
            failed = true
            continue patterns
        }
    }
}

if ownDirectory { try? FileManager.default.removeItem(atPath: directory) }
exit(failed ? 1 : 0)
