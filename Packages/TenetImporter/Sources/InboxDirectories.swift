import Foundation
import TenetModels

#if canImport(Glibc)
import Glibc
#endif

/// The importer's directories and the moves between them. Everything lives inside the inbox,
/// so that every move is a `rename` on one file system (atomic):
///
/// ```text
/// INBOX/             files dropped here are watched (InboxWatcher)
/// INBOX/processing/  a file being imported; after a restart it is imported again from its first line
/// INBOX/done/        imported files, each with NAME.report.json
/// INBOX/failed/      files that could not be imported, each with NAME.report.json saying why
/// ```
public struct InboxDirectories: Sendable {
    /// The directory watched.
    public let inbox: String
    /// Files being imported.
    public var processing: String { inbox + "/processing" }
    /// Files imported.
    public var done: String { inbox + "/done" }
    /// Files that could not be imported.
    public var failed: String { inbox + "/failed" }

    /// The directories under `inbox` (an absolute path).
    public init(inbox: String) {
        self.inbox = inbox
    }

    /// Makes the directories that are missing (mode 0700: the inbox is as private as the data
    /// directory).
    public func create() throws(ImporterError) {
        for directory in [inbox, processing, done, failed] {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ImporterError(code: .directory, subject: directory, message: "cannot create the directory: \(error.localizedDescription)")
            }
        }
    }

    /// The regular files directly in `directory` (not those in its subdirectories, not symbolic links).
    public static func files(in directory: String) throws(ImporterError) -> [InboxEntry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ImporterError(code: .directory, subject: directory, message: "cannot list the directory: \(error.localizedDescription)")
        }
        return names.compactMap { name in
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return InboxEntry(
                name: name, size: Int64(info.st_size),
                modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                identity: UInt64(info.st_dev) &* 1_000_003 &+ UInt64(info.st_ino))
        }
    }

    /// Moves `name` from the inbox into `processing/`: from now on the importer owns it.
    public func claim(_ name: String) throws(ImporterError) -> String {
        let target = processing + "/" + name
        try Self.move(inbox + "/" + name, to: target)
        return target
    }

    /// Moves the file `name` from `processing/` to `done/` or `failed/` (under another name if
    /// that one is taken there) and writes its report beside it; returns the report as written.
    @discardableResult
    public func finish(_ name: String, report: FileReport) throws(ImporterError) -> FileReport {
        let directory = report.status == .done ? done : failed
        let storedAs = Self.freeName(for: name, in: directory)
        var report = report
        report.storedAs = storedAs
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(report)) + [0x0A]
        } catch {
            throw ImporterError(code: .directory, subject: name, message: "cannot encode the report: \(error)")
        }
        // The report first, then the file: a file in done/ or failed/ always has its report.
        do {
            try PrivateFile.write(bytes, to: directory + "/" + storedAs + ".report.json")
        } catch {
            throw ImporterError(code: .directory, subject: name, message: "cannot write the report: \(error)")
        }
        try Self.move(processing + "/" + name, to: directory + "/" + storedAs)
        return report
    }

    /// `name` if neither it nor its report exists in `directory`, else `stem-2.ext`, `stem-3.ext`…
    static func freeName(for name: String, in directory: String) -> String {
        func taken(_ candidate: String) -> Bool {
            FileManager.default.fileExists(atPath: directory + "/" + candidate)
                || FileManager.default.fileExists(atPath: directory + "/" + candidate + ".report.json")
        }
        guard taken(name) else { return name }
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let stem = dot.map { String(name[..<$0]) } ?? name
        let suffix = dot.map { String(name[$0...]) } ?? ""
        var number = 2
        while taken("\(stem)-\(number)\(suffix)") { number += 1 }
        return "\(stem)-\(number)\(suffix)"
    }

    private static func move(_ path: String, to target: String) throws(ImporterError) {
        guard rename(path, target) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ImporterError(code: .directory, subject: path, message: "cannot move it to \(target): \(reason)")
        }
    }
}
