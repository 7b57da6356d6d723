/// The last line of `tenet send`'s output: `accepted N, duplicates 0, …`.
public enum SendSummary {
    /// Checks that `output` ends with a summary reporting `accepted` `events` and every other
    /// count 0; returns that line.
    public static func check(_ output: String, events: Int) throws(BenchmarkError) -> String {
        let line = output.split(separator: "\n").last { $0.hasPrefix("accepted ") }.map(String.init) ?? ""
        var counts: [String: Int] = [:]
        for part in line.split(separator: ",") {
            let words = part.split(separator: " ")
            if words.count == 2, let number = Int(words[1]) { counts[String(words[0])] = number }
        }
        let others = counts.filter { $0.key != "accepted" && $0.value != 0 }
        guard counts["accepted"] == events, others.isEmpty else {
            throw BenchmarkError(code: .checkFailed, message: "tenet send reported '\(line)', expected accepted \(events) and nothing else")
        }
        return line
    }
}
