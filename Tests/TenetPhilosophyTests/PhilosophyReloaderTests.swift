import Foundation
import Testing
import TenetPhilosophy

@Suite("The reload contract: a changed file is re-read, a bad one refused and the previous kept")
struct PhilosophyReloaderTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenet-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func file(_ text: String, name: String = "philosophy.yaml") throws -> String {
        let path = folder.appendingPathComponent(name).path
        // Written beside and renamed into place, as editors do: a new inode each time.
        let temporary = path + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        _ = rename(temporary, path)
        return path
    }

    static func philosophy(target: String) -> String {
        baseHeader + "values:\n  - name: Quality\n    action: x\n    metrics:\n      - { metric: csat, target: \"\(target)\" }\n"
    }

    @Test func aChangedFileIsReloadedAndABadOneRefused() throws {
        let path = try file(Self.philosophy(target: ">= 90%"))
        var reloader = PhilosophyReloader(path: path)
        guard case .loaded(let first) = reloader.reload() else {
            Issue.record("the first good file must load")
            return
        }
        #expect(reloader.current?.values.first?.metrics.first?.target?.description == ">= 90%")
        #expect(reloader.digest == first.digest)
        #expect(reloader.poll() == nil, "nothing changed on disk")

        // A broken file: refused with its errors, the previous philosophy kept.
        _ = try file(Self.philosophy(target: "90%"))
        guard case .refused(let refused)? = reloader.poll() else {
            Issue.record("a file with errors must be refused")
            return
        }
        #expect(refused.errors.map(\.position.line) == [10])
        #expect(reloader.current?.values.first?.metrics.first?.target?.description == ">= 90%")
        #expect(reloader.digest == first.digest)

        // Fixed: the new one is in force.
        _ = try file(Self.philosophy(target: ">= 85%"))
        guard case .loaded(let second)? = reloader.poll() else {
            Issue.record("the fixed file must load")
            return
        }
        #expect(second.digest != first.digest)
        #expect(reloader.current?.values.first?.metrics.first?.target?.description == ">= 85%")

        // Rewritten with the same bytes: re-read, but nothing to swap.
        _ = try file(Self.philosophy(target: ">= 85%"))
        guard case .unchanged(let digest)? = reloader.poll() else {
            Issue.record("the same content must be unchanged")
            return
        }
        #expect(digest == second.digest)
    }

    @Test func aMissingFileIsRefusedAndThePreviousKept() throws {
        let path = try file(Self.philosophy(target: ">= 90%"))
        var reloader = PhilosophyReloader(path: path)
        _ = reloader.reload()
        try FileManager.default.removeItem(atPath: path)
        guard case .refused(let check)? = reloader.poll() else {
            Issue.record("a deleted file must be refused")
            return
        }
        #expect(check.errors.map(\.code) == [.unreadable])
        #expect(reloader.current != nil)
    }

    @Test func holidayFilesAreReadRelativeToThePhilosophy() throws {
        _ = try file("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nSUMMARY:Christmas Day\nEND:VEVENT\nEND:VCALENDAR\n", name: "days.ics")
        let path = try file(
            Self.philosophy(target: ">= 90%")
                + "schedules:\n  office:\n    zone: Europe/Berlin\n    weekly: { mon-fri: [\"09:00-17:00\"] }\n    holiday_files: [days.ics]\n"
                + "coverage:\n  - { schedule: office }\n")
        let check = PhilosophyLoader.load(path: path)
        #expect(check.errors == [])
        #expect(check.philosophy?.schedule(named: "office")?.holidays.map(\.name) == ["Christmas Day"])
    }
}
