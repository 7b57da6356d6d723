import Foundation

/// The resident memory of a running process, from `/proc/PID/status`.
public struct ProcessMemory: Hashable, Sendable {
    /// `VmRSS`: resident now, in bytes.
    public var resident: Int
    /// `VmHWM`: the most it was ever resident, in bytes.
    public var peak: Int

    /// Reads process `pid`'s; `nil` when it cannot be read (the process ended, or no /proc).
    public init?(pid: Int32) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") || line.hasPrefix("VmHWM:") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            // "VmRSS:	  123456 kB"
            let words = parts.flatMap { $0.split(separator: "\t") }
            guard words.count >= 2, let kib = Int(words[1]) else { return nil }
            values[String(words[0].dropLast())] = kib * 1024
        }
        guard let resident = values["VmRSS"], let peak = values["VmHWM"] else { return nil }
        self.resident = resident
        self.peak = peak
    }
}
