import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

import TenetIngest
import TenetIngestProtocol
import TenetModels

#if canImport(Glibc)
import Glibc
#endif

@Suite("Ingest fuzzing with real processes", .serialized)
struct IngestFuzzTests {
    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line
        while let last = line.last, [0x20, 0x09, 0x0D].contains(last) { line.removeLast() }
        while let first = line.first, [0x20, 0x09].contains(first) { line.removeFirst() }
        return line
    }

    @Test("100,000 random and mutated payloads over ZeroMQ and HTTP: every one answered, nothing crashes")
    func fuzz() async throws {
        let stack = try RunningStack(ingestStack())
        try stack.waitRunning("ingest")
        var random = TestRandom(state: 99)
        let seeds = [eventLine("s1"), eventLine("s2", conversation: "c2"),
                     #"{"id":"s3","type":"survey.answered","at":"2026-11-22T08:00:00Z","survey":"csat","score":4}"#]

        func mutated() -> [UInt8] {
            var bytes = Array(seeds.randomElement(using: &random)!.utf8)
            if Int.random(in: 0..<10, using: &random) == 0 {
                bytes = (0..<Int.random(in: 1..<300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            for _ in 0..<Int.random(in: 0...4, using: &random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(Array(#"{}[]",:"#.utf8).randomElement(using: &random)!, at: index)
                default: bytes = Array(bytes.prefix(index))
                }
            }
            // One payload per line: newlines inside would split it.
            return bytes.map { $0 == 0x0A ? 0x20 : $0 }
        }

        // 98,000 lines through tenet send (ZeroMQ).
        var file: [UInt8] = []
        var nonBlank = 0
        for _ in 0..<98_000 {
            let line = mutated()
            if line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) { nonBlank += 1 }
            file += line + [0x0A]
        }
        let path = stack.directory + "/fuzz.ndjson"
        _ = FileManager.default.createFile(atPath: path, contents: Data(file))
        let send = try stack.tenet(["send", path, "--batch", "500"])
        #expect(send.status == 0 || send.status == 1, "\(send.error)")
        let summary = try #require(send.output.split(separator: "\n").last)
        let counts = summary.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }
        #expect(counts.count == 4 && counts.reduce(0, +) == nonBlank, "\(summary) for \(nonBlank) lines")
        // The rejected lines are exactly the ones the validator refuses.
        let fileLines = file.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        var invalid = Set<Int>()
        for (index, line) in fileLines.enumerated()
        where line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) && (try? EventValidator.validate(json: Self.trimmed(line))) == nil {
            invalid.insert(index + 1)
        }
        let reported = Set(send.output.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("line "), !line.contains(": conflict: ") else { return nil }
            return Int(line.dropFirst(5).prefix { $0 != ":" })
        })
        let differing = reported.symmetricDifference(invalid).sorted().prefix(5).map { number in
            "\(number): \(Array(fileLines[fileLines.startIndex + number - 1]))"
        }
        #expect(reported == invalid, "lines judged differently: \(differing)")
        #expect(counts.last == invalid.count, "\(summary): \(invalid.count) lines are invalid")

        // 2,000 request bodies over HTTP.
        let (url, token) = try stack.httpIngest()
        var answered = 0
        for index in 0..<2000 {
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let body = index % 3 == 0 ? mutated() : (0..<3).flatMap { _ in mutated() + [0x0A] }
            request.httpBody = Data(body)
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            // What ingest will see: the lines as it splits them, and which of them are events.
            let lines = IngestBatch.split(body: body).filter { $0.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) }
            let invalid = lines.filter { (try? EventValidator.validate(json: $0)) == nil }.count
            if lines.isEmpty {
                #expect(status == 400 && String(decoding: data, as: UTF8.self).contains(#""code":"empty""#), "body \(index)")
            } else if let report = try? JSONDecoder().decode(IngestReport.self, from: data) {
                #expect(report.accepted + report.duplicates + report.conflicts + report.rejected == lines.count, "body \(index)")
                #expect(report.rejected == invalid, "body \(index): \(report.rejected) rejected, \(invalid) invalid")
                let expected = report.rejected > 0 ? 400 : report.conflicts > 0 ? 409 : 202
                #expect(status == expected, "body \(index) got \(status)")
                answered += 1
            } else {
                Issue.record("body \(index): status \(status) without a report: \(String(decoding: data, as: UTF8.self))")
            }
        }
        #expect(answered > 0)
        // Neither plugin fell over.
        #expect(try stack.plugin("store")?["restarts"] as? Int == 0)
        #expect(try stack.plugin("ingest")?["restarts"] as? Int == 0)
    }
}
