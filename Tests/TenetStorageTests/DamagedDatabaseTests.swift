import Foundation
import Testing
import TenetModels
import TenetStorage

@Suite("A damaged database")
struct DamagedDatabaseTests {
    @Test("is refused at open with code `corrupt` and a message that says what to do")
    func corruptFileIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/tenet.sqlite"
        do {
            let store = try EventStore(path: path)
            _ = try store.append(try (0..<3000).map { try sampleEvent("e-\($0)") })
        }
        // Scribble over pages in the middle of the (checkpointed, closed) file.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        #expect(size > 200_000)
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 16_384))
        try handle.close()

        let error = #expect(throws: StorageError.self) { try EventStore(path: path) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("is damaged") == true, "\(String(describing: error))")
        #expect(error?.message.contains("restore it from a backup") == true)
    }

    @Test("a file that is not a database is refused with code `cannot_open`")
    func notADatabase() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/tenet.sqlite"
        try Data(repeating: 0x42, count: 65_536).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StorageError.self) { try EventStore(path: path) }
        #expect(error?.code == .cannotOpen)
    }
}
