import Foundation
import TenetModels
import TenetReporting

#if canImport(Glibc)
import Glibc
#endif

/// Lays a report out in its formats and writes the files into `DIRECTORY/<period>/<start>.<ext>`
/// (`reports/day/2026-11-25.html`; CSV adds `<start>-conversations.csv`, the row-level table):
/// directories 0700, files 0600 written atomically (``PrivateFile``: a reader sees no file or
/// the whole one). A file that exists is never replaced.
public struct ReportWriter: Sendable {
    /// The reports' directory (`DATA/reports`).
    public var directory: String

    /// Creates a writer into `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The file of `format` for the period of kind `period` starting on `start`.
    public func path(_ period: ReportPeriod, start: String, format: String, suffix: String = "") -> String {
        "\(directory)/\(period.rawValue)/\(start)\(suffix).\(format)"
    }

    /// The formats whose file exists for the period (CSV: its scorecard file, written last).
    public func existing(_ period: ReportPeriod, start: String) -> Set<String> {
        Set(ReportSettings.allFormats.filter { access(path(period, start: start, format: $0), F_OK) == 0 })
    }

    /// Writes `model` in each of `formats` whose file does not exist yet.
    ///
    /// - Returns: the paths written and the paths that already existed.
    /// - Throws: ``ReportWriteError`` naming the file when a directory or a file cannot be made;
    ///   the files written before it stay (they are complete).
    public func write(_ model: ReportModel, period: ReportPeriod, start: String, formats: [String]) throws(ReportWriteError)
        -> (written: [String], existing: [String])
    {
        try makeDirectory(directory)
        try makeDirectory("\(directory)/\(period.rawValue)")
        var written: [String] = []
        var existing: [String] = []
        // JSON and Markdown carry no rows (docs/REPORTS.md); the row-level CSV does.
        var withoutRows = model
        withoutRows.rows = []
        for format in formats {
            let main = path(period, start: start, format: format)
            if access(main, F_OK) == 0 {
                existing.append(main)
                continue
            }
            var files: [(String, String)]
            switch format {
            case "md": files = [(main, MarkdownReport(withoutRows).render())]
            case "json": files = [(main, JSONReport(withoutRows).render())]
            // The scorecard last: its presence says the CSV pair is complete.
            case "csv":
                files = [(path(period, start: start, format: format, suffix: "-conversations"), CSVReport(model).conversations()), (main, CSVReport(model).scorecard())]
            default: files = [(main, HTMLReport(model).render())]
            }
            for (path, text) in files {
                do {
                    try PrivateFile.write(Array(text.utf8), to: path)
                } catch {
                    throw ReportWriteError(code: .cannotWrite, path: path, reason: error.description)
                }
                written.append(path)
            }
        }
        return (written, existing)
    }

    /// Creates `path` with mode 0700 if it is not there; tightens an existing one to 0700.
    func makeDirectory(_ path: String) throws(ReportWriteError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw ReportWriteError(code: .cannotWrite, path: path, reason: "mkdir failed: \(String(cString: strerror(errno)))")
        }
        // The umask may have removed bits, and an older directory may be more open.
        if chmod(path, 0o700) != 0 {
            throw ReportWriteError(code: .cannotWrite, path: path, reason: "chmod 0700 failed: \(String(cString: strerror(errno)))")
        }
    }
}
