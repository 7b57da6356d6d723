import Foundation
import Testing
import TenetImport
import TenetIngestClient
import TenetModels

/// The line reader under `tenet send`, `tenet import` and the importer plugin: lines split
/// exactly across its 1 MiB reads, and a line over the limit is cut, counted and refused with
/// its number, never read whole into memory nor passed on as a shorter, valid-looking line.
@Suite("LineReader: exact lines across reads, over-long lines cut and refused")
struct LineReaderTests {
    /// A file holding `bytes`, read back through a ``LineReader`` with `limit`.
    private func reader(_ bytes: [UInt8], limit: Int = LineReader.defaultMaximumLineLength) throws -> (LineReader, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tenet-lines-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let handle = try #require(FileHandle(forReadingAtPath: path))
        return (LineReader(handle: handle, maximumLineLength: limit), path)
    }

    private func all(_ reader: LineReader) -> [(line: [UInt8], cut: Bool, length: Int)] {
        var lines: [([UInt8], Bool, Int)] = []
        while let line = reader.next() { lines.append((Array(line), reader.lastLineWasCut, reader.lastLineLength)) }
        return lines
    }

    @Test func linesOfEveryLengthComeBackExactlyAcrossReads() throws {
        // 3,000 lines of 0…2,999 bytes (about 4.5 MiB): many cross the reader's 1 MiB reads.
        let lines: [[UInt8]] = (0..<3000).map { [UInt8](repeating: UInt8(ascii: "a") + UInt8($0 % 26), count: $0) }
        let bytes: [UInt8] = lines.flatMap { $0 + [0x0A] }
        let (reader, path) = try reader(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = all(reader)
        #expect(read.map(\.line) == lines)
        #expect(read.allSatisfy { !$0.cut })
        #expect(reader.bytesRead == bytes.count)
    }

    @Test func aLineOverTheLimitIsCutAndTheNextLinesAreWhole() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)  // three reads' worth
        let bytes = Array("first\n".utf8) + long + Array("\nafter\nlast".utf8)
        let (reader, path) = try reader(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = all(reader)
        #expect(read.count == 4)
        #expect(read.map(\.cut) == [false, true, false, false])
        #expect(read[1].line.count == 1 << 20)
        #expect(read[1].length == 3 << 20)
        #expect(String(decoding: read[2].line, as: UTF8.self) == "after")
        #expect(String(decoding: read[3].line, as: UTF8.self) == "last")
    }

    @Test func aLongLineWithinOneReadAndALongLastLineAreCutToo() throws {
        let bytes = Array("0123456789abcdef\nok\n0123456789xyz".utf8)
        let (reader, path) = try reader(bytes, limit: 10)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = all(reader)
        #expect(read.map { String(decoding: $0.line, as: UTF8.self) } == ["0123456789", "ok", "0123456789"])
        #expect(read.map(\.cut) == [true, false, true])
        #expect(read.map(\.length) == [16, 2, 13])
    }

    @Test func aSenderRefusesACutLineWithItsNumber() throws {
        let event = #"{"id":"e1","type":"conversation.opened","at":"2026-11-23T09:00:00Z","conversation":"c1"}"#
        let bytes = Array((event + "\n").utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 40) + Array(("\n" + event).utf8)
        let (plain, path) = try reader(bytes, limit: 100)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines = LineBatchSource(reader: plain)
        let first = lines.next(size: 10)
        let batch = try #require(first)
        // The 40 blanks fit; nothing was cut.
        #expect(batch.rejected.isEmpty)
        #expect(batch.lines.count == 3)

        let (tight, tightPath) = try reader(Array(event.utf8) + Array(("\n" + event + "\n").utf8), limit: 50)
        defer { try? FileManager.default.removeItem(atPath: tightPath) }
        var cutLines = LineBatchSource(reader: tight)
        let cut = cutLines.next(size: 10)
        let cutBatch = try #require(cut)
        #expect(cutBatch.rejected.map(\.line) == [1, 2])
        #expect(cutBatch.rejected.first?.reason == "the line is \(event.utf8.count) bytes, longer than the 50 a line may have (an event is at most 1 MiB)")
        #expect(cutBatch.lines == ["", ""])

        let (converted, convertedPath) = try reader(Array((event + "\n" + String(repeating: "z", count: 80) + "\n" + event).utf8), limit: 100)
        defer { try? FileManager.default.removeItem(atPath: convertedPath) }
        var rows = ConvertedBatchSource(reader: converted, converter: NDJSONConverter())
        let third = rows.next(size: 10)
        let rowBatch = try #require(third)
        #expect(rowBatch.rejected.map(\.line) == [2])
        #expect(rowBatch.lineNumbers == [1, 3])
    }
}
