// Micro-benchmarks of the hot paths, with ordo-one/benchmark: `make microbench`
// (TENET_BENCHMARKS=1 swift package benchmark --target TenetMicroBenchmarks). Not part of
// `make bench`; the target exists only when TENET_BENCHMARKS=1 (Package.swift).
import Benchmark
import Foundation
import TenetBus
import TenetModels
import TenetStorage

/// A typical event line (as `tenet-store-bench generate` writes them), 250 bytes.
let eventLine = Array(
    #"{"id":"evt-0000000130","type":"message.created","at":"2026-11-22T08:00:12.900Z","conversation":"c000001","customer":"u00001","channel":"chat","team":"billing","agent":"a01","author":"customer","public":true,"attributes":{"segment":"mid_market","language":"en"}}"#
        .utf8)

/// Event `index` of a batch: the line above with a unique id.
func event(_ index: Int) -> Event {
    var line = String(decoding: eventLine, as: UTF8.self)
    line = line.replacingOccurrences(of: "evt-0000000130", with: "evt-\(index)")
    return try! EventValidator.validate(json: Array(line.utf8))
}

let header = BusHeader(
    version: 1, id: "3f2a9c1d0b7e-42", sender: "store", instance: "3f2a9c1d0b7e", seq: 42,
    time: "2026-11-22T08:00:12.900Z", type: BusMessageType.reply, correlation: "a1b2c3d4e5f6-7")

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput], warmupIterations: 3,
        scalingFactor: .kilo, maxDuration: .seconds(2), maxIterations: 1_000)

    Benchmark("JSONParser.parse one event") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONParser.parse(eventLine))
        }
    }

    Benchmark("EventValidator.validate(json:) one event") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try EventValidator.validate(json: eventLine))
        }
    }

    let headerBytes = header.jsonBytes()
    Benchmark("BusHeader.jsonBytes") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(header.jsonBytes())
        }
    }

    Benchmark("BusHeader.init(json:)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BusHeader(json: headerBytes))
        }
    }

    // One call = one transaction of 1,000 new events into a database on /tmp (WAL, synchronous
    // FULL: a sync per call), as one group commit of the store plugin.
    Benchmark(
        "EventStore.append 1000 events",
        configuration: .init(scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 200)
    ) { benchmark in
        let directory = NSTemporaryDirectory() + "tenet-microbench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try EventStore(path: directory + "/events.sqlite")
        var next = 0
        for _ in benchmark.scaledIterations {
            let batch = (next..<next + 1000).map(event)
            next += 1000
            benchmark.startMeasurement()
            blackHole(try store.append(batch))
            benchmark.stopMeasurement()
        }
    }
}
