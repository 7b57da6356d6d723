/// How the importer reads a file, decided by its name.
///
/// - `.ndjson` and `.jsonl`: one event per line, sent as written (as `tenet send` does).
/// - `.csv`: rows turned into events through a column mapping (as `tenet import --format csv`),
///   chosen among the mapping files `mappings/NAME.yaml`: the longest `NAME` such that the
///   file's name without `.csv` is `NAME` or starts with `NAME` followed by `-`, `_` or `.`;
///   else `default.yaml`. `tickets-2026-11.csv` uses `tickets.yaml`.
///
/// Extensions are compared without regard to case.
public enum ImportFormat: Hashable, Sendable {
    /// NDJSON lines.
    case ndjson
    /// CSV through the mapping of this name (`mappings/NAME.yaml`).
    case csv(mapping: String)

    /// The name of the mapping used when no other matches.
    public static let defaultMapping = "default"

    /// The format of the file `fileName`, given the names of the mapping files there are
    /// (without `.yaml`).
    public static func of(fileName: String, mappings: [String]) throws(ImporterError) -> ImportFormat {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") { return .ndjson }
        guard lowered.hasSuffix(".csv") else {
            throw ImporterError(
                code: .unknownFormat, subject: fileName,
                message: "the importer reads .ndjson, .jsonl and .csv files; rename the file or convert it")
        }
        let stem = String(fileName.dropLast(4))
        let matching = mappings.filter { name in
            guard !name.isEmpty, stem.hasPrefix(name) else { return false }
            let rest = stem.dropFirst(name.count)
            return rest.isEmpty || rest.first == "-" || rest.first == "_" || rest.first == "."
        }
        if let best = matching.max(by: { $0.count < $1.count }) { return .csv(mapping: best) }
        if mappings.contains(defaultMapping) { return .csv(mapping: defaultMapping) }
        let prefix = stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).first.map(String.init) ?? stem
        throw ImporterError(
            code: .noMapping, subject: fileName,
            message: "no column mapping for this CSV file: add mappings/\(prefix).yaml (or mappings/\(defaultMapping).yaml) "
                + "and drop the file again (docs/INGEST.md, \"The mapping file\")")
    }

    /// `ndjson` or `csv`, for reports.
    public var name: String {
        switch self {
        case .ndjson: "ndjson"
        case .csv: "csv"
        }
    }
}
