import Foundation
import TenetBenchSupport
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// One process's work: the simulation timed call by call (a simulated day each), the checks
/// between the calls, and the reference (the generic JSON writer on a sample of the lines).
struct SimulatorRun {
    var profile: SimulationProfile
    var philosophy: Philosophy
    var days: Int
    var seed: UInt64
    var start: Timestamp
    var round: Int
    var sample: Int

    func run() throws -> [RunMeasurement] {
        var simulator = try Simulator(profile: profile, philosophy: philosophy, setup: SimulationSetup(seed: seed, start: start))
        let day: Int64 = 86_400_000_000_000
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64 << 20)
        var seconds = 0.0
        var events = 0, bytes = 0
        var previousTime: [UInt8] = []
        var nextID = 1
        var validated = 0
        var referenceLines: [[UInt8]] = []
        // Every line is checked for its id and order; one line in `every` is validated.
        let every = max(1, Int(Double(days) * 50_000 * Double(profile.agentCount) / 60 / Double(sample)))
        let idPrefix = Array("{\"id\":\"sim-e".utf8)
        let atKey = Array("\"at\":\"".utf8)
        for index in 1...days {
            let end = Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(index) * day)
            let clock = ContinuousClock.now
            let written = simulator.run(until: end, into: &buffer)
            seconds += (ContinuousClock.now - clock).seconds
            events += written
            bytes += buffer.count
            // Checks, untimed.
            var lineStart = 0
            for position in buffer.indices where buffer[position] == UInt8(ascii: "\n") {
                let line = buffer[lineStart..<position]
                defer { lineStart = position + 1 }
                guard line.starts(with: idPrefix) else { throw BenchmarkError(code: .checkFailed, message: "line \(nextID) does not start with the id") }
                var number = 0, cursor = line.startIndex + idPrefix.count
                while cursor < line.endIndex, buffer[cursor] >= 48, buffer[cursor] <= 57 {
                    number = number * 10 + Int(buffer[cursor] - 48)
                    cursor += 1
                }
                guard number == nextID else { throw BenchmarkError(code: .checkFailed, message: "line \(nextID) has id number \(number)") }
                guard let at = Self.find(atKey, in: line) else { throw BenchmarkError(code: .checkFailed, message: "line \(nextID) has no time") }
                let time = Array(buffer[at..<(at + 24)])
                guard !time.lexicographicallyPrecedes(previousTime) else {
                    throw BenchmarkError(code: .checkFailed, message: "line \(nextID) is earlier than the line before it")
                }
                previousTime = time
                if nextID % every == 0 || referenceLines.count < sample {
                    do {
                        _ = try EventValidator.validate(json: line)
                    } catch {
                        throw BenchmarkError(code: .checkFailed, message: "line \(nextID) is refused: \(error)")
                    }
                    validated += 1
                }
                if referenceLines.count < sample { referenceLines.append(Array(line)) }
                nextID += 1
            }
            guard nextID - 1 == events else { throw BenchmarkError(code: .checkFailed, message: "\(events) events reported, \(nextID - 1) lines") }
            buffer.removeAll(keepingCapacity: true)
        }
        // The reference: the sample's lines parsed (untimed), then written by JSONWriter (timed).
        let values = try referenceLines.map { line throws -> JSONValue in try JSONParser.parse(line, maximumDepth: 128) }
        var output: [UInt8] = []
        output.reserveCapacity(referenceLines.reduce(0) { $0 + $1.count + 1 })
        let clock = ContinuousClock.now
        for value in values {
            JSONWriter.write(value, into: &output)
            output.append(UInt8(ascii: "\n"))
        }
        let referenceSeconds = (ContinuousClock.now - clock).seconds
        let agents = profile.agentCount
        let rate = Double(events) / seconds
        let yearSeconds = seconds * 365 / Double(days)
        let settings = [
            "agents": String(agents), "days": String(days), "seed": String(seed), "start": start.rfc3339, "bytes": String(bytes),
            "validated": String(validated), "year_seconds": Statistics.fixed(yearSeconds, 1),
            "bytes_per_event": Statistics.fixed(Double(bytes) / Double(max(events, 1)), 1), "summary": simulator.tally.summary,
        ]
        standardError("# simulator round \(round): \(Statistics.grouped(rate)) events/s, \(events) events in \(Statistics.fixed(seconds, 2)) s (\(days) days, \(agents) agents; a year ≈ \(Statistics.fixed(yearSeconds, 1)) s)")
        standardError("# json-writer round \(round): \(Statistics.grouped(Double(values.count) / referenceSeconds)) lines/s")
        standardError("# \(simulator.tally.summary)")
        return [
            RunMeasurement(
                suite: Suite.simulator, subject: Subject.simulator, variant: "\(agents) agents, \(days) days", run: round, count: events, seconds: seconds,
                rate: rate, unit: "events/s",
                check: "every line's id was the next number and its time not before the previous line's; \(validated) lines spread over the run passed EventValidator",
                settings: settings),
            RunMeasurement(
                suite: Suite.simulator, subject: Subject.jsonWriter, variant: "\(agents) agents, \(days) days", run: round, count: values.count,
                seconds: referenceSeconds, rate: Double(values.count) / referenceSeconds, unit: "events/s",
                check: "the first \(values.count) lines, parsed before the clock started, written again (\(output.count) bytes)", settings: settings),
        ]
    }

    static func find(_ key: [UInt8], in line: ArraySlice<UInt8>) -> Int? {
        var index = line.startIndex
        while index + key.count <= line.endIndex {
            if line[index] == key[0] && line[index..<(index + key.count)].elementsEqual(key) { return index + key.count }
            index += 1
        }
        return nil
    }
}
