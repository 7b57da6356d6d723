/// The request methods of the report plugin (`tenet-report`; docs/REPORTS.md, "Reports on a
/// schedule").
public enum ReportMethod: String, CaseIterable, Sendable {
    /// The schedule, what was written last, what is due next, the failures: `{}` → ``ReportPluginStats``.
    case stats
    /// Write the report of one period now (the files of it that do not exist yet):
    /// ``ReportRunRequest`` → ``ReportWritten``.
    case run
}

/// The topic and message type the report plugin publishes when a report lands.
public enum ReportTopic {
    /// `report.written`: the body is a ``ReportWritten``.
    public static let written = "report.written"
}
