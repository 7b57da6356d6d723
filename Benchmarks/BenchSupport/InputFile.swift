import Foundation

/// The NDJSON input of a benchmark.
public enum InputFile {
    /// The non-empty lines of the file at `path` (the file is mapped, not read into memory).
    public static func countLines(_ path: String) throws(BenchmarkError) -> Int {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw BenchmarkError(code: .failed, message: "cannot read \(path)")
        }
        var count = 0
        var previous: UInt8 = 0x0A
        for byte in data {
            if byte == 0x0A && previous != 0x0A { count += 1 }
            previous = byte
        }
        return previous == 0x0A ? count : count + 1
    }
}
