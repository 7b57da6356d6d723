import Foundation
import Testing

@testable import StoreBenchmark
@testable import TenetStorage

/// The plain-SQLite reference of BENCHMARKS.md runs with the store's own settings.
@Suite struct PlainReferenceTests {
    static func freshPath() throws -> String {
        let directory = NSTemporaryDirectory() + "tenet-bench-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/plain.sqlite"
    }

    @Test func plainReferenceHasTheStoresDurabilitySettings() throws {
        let path = try Self.freshPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let (connection, settings) = try InsertBenchmark.openPlain(path: path, normal: false)
        let store = try EventStore(path: path).durabilitySettings()
        // Before, the reference configured GRDB like an old EventStore and ran with NORMAL (1).
        #expect(settings == DurabilitySettings(journalMode: "wal", synchronous: 2))
        #expect(settings == DurabilitySettings(journalMode: store.journalMode, synchronous: store.synchronous))
        #expect(try connection.settings() == settings)
    }

    @Test func normalReferenceSaysNormal() throws {
        let path = try Self.freshPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let (_, settings) = try InsertBenchmark.openPlain(path: path, normal: true)
        #expect(settings == DurabilitySettings(journalMode: "wal", synchronous: 1))
        #expect(settings.description == "journal_mode=wal synchronous=1 (NORMAL)")
    }

    @Test func plainInsertStoresAndChecksEveryRow() throws {
        let path = try Self.freshPath()
        let directory = (path as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = (0..<250).map { EventFileGenerator.line($0) }.joined(separator: "\n") + "\n"
        try lines.write(toFile: directory + "/events.ndjson", atomically: true, encoding: .utf8)
        let events = try InsertBenchmark.loadEvents(path: directory + "/events.ndjson")
        let measurement = try InsertBenchmark.measurePlain(
            columns: InsertBenchmark.Columns(events), batch: 100, rowsPerStatement: 30, directory: directory, run: 2, normal: false)
        #expect(measurement.count == 250)
        #expect(measurement.run == 2)
        #expect(measurement.variant == "batch 100")
        #expect(measurement.settings["connection"] == "journal_mode=wal synchronous=2 (FULL)")
        #expect(measurement.check == "the database file holds exactly 250 rows, seq 1…250, no dead letter")
    }

    @Test func rowCheckRefusesAShortDatabase() throws {
        let path = try Self.freshPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try EventStore(path: path)
        #expect(throws: (any Error).self) { try InsertBenchmark.checkRows(path: path, expected: 1) }
        #expect(try InsertBenchmark.checkRows(path: path, expected: 0).hasPrefix("the database file holds exactly 0 rows"))
    }
}
