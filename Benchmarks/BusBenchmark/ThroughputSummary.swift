/// The runs of one pattern and their median, printed as one machine-readable line.
struct ThroughputSummary: Sendable {
    var pattern: BusPattern
    /// Messages per second of each run, in run order.
    var rates: [Double]

    var median: Double {
        let sorted = rates.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `pushpull_ipc impl=swift msgs_per_sec=… runs=5 min=… max=… all=…,…`
    func machineLine(options: BenchmarkOptions) -> String {
        let all = rates.map { String(Int($0.rounded())) }.joined(separator: ",")
        return "\(pattern.key) impl=swift msgs_per_sec=\(Int(median.rounded())) runs=\(rates.count)"
            + " min=\(Int(rates.min()!.rounded())) max=\(Int(rates.max()!.rounded())) all=\(all)"
            + " messages=\(options.messages) size=\(options.size) warmup=\(options.warmup)"
    }

    /// `# swift PUSH/PULL ipc: 1,234,567 msg/s (median of 5 runs, …)`
    func humanLine(options: BenchmarkOptions) -> String {
        "# swift \(pattern.title) ipc: \(Self.grouped(median)) msg/s (median of \(rates.count) runs;"
            + " \(options.messages) x \(options.size)-byte messages per run;"
            + " min \(Self.grouped(rates.min()!)), max \(Self.grouped(rates.max()!)))"
    }

    /// A whole number with thousands separators: 1,234,567.
    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
