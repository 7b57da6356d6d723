extension ReportPluginStats {
    /// What `tenet report --schedule-status` prints: the schedule, the last report written, the
    /// failures and what is due next, one fact a line.
    ///
    /// ```text
    /// schedule  daily, weekly at 00:10 UTC; html, md, csv, json into /srv/tenet/reports
    /// written   2 since the plugin started; last: day 2026-11-26 (5 files) at 2026-11-27T00:10:02Z
    /// failures  0
    /// next      day 2026-11-27 at 2026-11-28T00:10:00Z
    ///           week 2026-11-23 at 2026-11-30T00:10:00Z
    /// ```
    public var text: String {
        let names = ["day": "daily", "week": "weekly"]
        let periods = schedule.isEmpty ? "off (reports only on request)" : schedule.map { names[$0] ?? $0 }.joined(separator: ", ") + " at \(after) \(zone)"
        var lines = ["schedule  \(periods); \(formats.joined(separator: ", ")) into \(directory)"]
        var written = "written   \(self.written) since the plugin started"
        if let last = lastWritten {
            written += "; last: \(last.period) \(last.start) (\(last.files.count) files) at \(last.at)" + (last.late ? ", a catch-up" : "")
        }
        lines.append(written)
        var failed = "failures  \(failures)"
        if let last = lastFailure { failed += "; last: \(last.period) \(last.start) at \(last.at): \(last.reason)" }
        lines.append(failed)
        for (index, due) in next.enumerated() {
            let retry = due.attempts > 0 ? " (try \(due.attempts + 1), after \(due.attempts) failed)" : ""
            lines.append((index == 0 ? "next      " : "          ") + "\(due.period) \(due.start) at \(due.at)\(retry)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
