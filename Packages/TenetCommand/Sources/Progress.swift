import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress report with rate and ETA, redrawn on a terminal and silent otherwise.
struct Progress {
    private let label: String
    private let total: Int?
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast

    init(label: String, total: Int?) {
        self.label = label
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// Redraws at most ten times a second.
    mutating func update(done: Int, bytes: Int? = nil) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        var text = "\(label): \(done) (\(Int(rate))/s)"
        if let total, let bytes, total > 0, bytes > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            text += String(format: ", %.0f%%, ETA %.0fs", fraction * 100, remaining)
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
