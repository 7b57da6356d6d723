import Foundation
import TenetModels
import TenetYAML

/// Reads a philosophy file from disk, and the files it names (iCalendar holidays, relative to
/// the philosophy file's folder).
public enum PhilosophyLoader {
    /// The largest file the loader reads (1 MiB, for the philosophy and each file it names).
    public static let maximumFileBytes = 1 << 20

    /// Reads and checks the file at `path`: the philosophy when it has no error, every finding,
    /// and the SHA-256 of its bytes (so that a reload can tell a changed file).
    public static func load(path: String) -> PhilosophyCheck {
        let text: String
        switch readText(path) {
        case .failure(let failure):
            var diagnostics = Diagnostics()
            diagnostics.error(.unreadable, at: .file, field: "", failure.reason)
            return PhilosophyCheck(path: path, philosophy: nil, diagnostics: diagnostics.all, digest: "")
        case .success(let read): text = read
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let result = PhilosophyParser.parse(text) { name in
            readText(name.hasPrefix("/") ? name : folder + "/" + name).mapError { PhilosophyFileError(path: name, reason: $0.reason) }
        }
        return PhilosophyCheck(
            path: path, philosophy: result.philosophy, diagnostics: result.diagnostics,
            digest: SHA256.hash(Array(text.utf8)).hex)
    }

    /// Reads a UTF-8 file of at most ``maximumFileBytes``.
    static func readText(_ path: String) -> Result<String, PhilosophyFileError> {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return .failure(PhilosophyFileError(path: path, reason: String(cString: strerror(errno))))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(PhilosophyFileError(path: path, reason: "not a regular file"))
        }
        guard status.st_size <= maximumFileBytes else {
            return .failure(PhilosophyFileError(path: path, reason: "larger than \(maximumFileBytes >> 20) MiB"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(PhilosophyFileError(path: path, reason: "cannot be read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(PhilosophyFileError(path: path, reason: "not UTF-8 text"))
        }
        return .success(text)
    }
}

/// What checking a philosophy file found.
public struct PhilosophyCheck: Sendable {
    /// The file.
    public var path: String
    /// The philosophy, when the file has no error.
    public var philosophy: Philosophy?
    /// Every finding, sorted by position.
    public var diagnostics: [Diagnostic]
    /// The SHA-256 of the file's bytes, in hex (empty when it could not be read).
    public var digest: String

    /// The errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
