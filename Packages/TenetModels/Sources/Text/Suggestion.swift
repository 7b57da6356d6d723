/// "Did you mean …?": the known name closest to a misspelled one.
public enum Suggestion {
    /// The name among `candidates` closest to `text` by edit distance (insertions, deletions,
    /// substitutions and swaps of neighbours, ignoring case), when it is close enough to be a
    /// plausible typo: at most a third of the longer name's length, and at least one edit allowed.
    /// Ties go to the earlier candidate.
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let word = Array(text.lowercased().unicodeScalars)
        guard !word.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            let limit = max(1, max(word.count, other.count) / 3)
            guard abs(word.count - other.count) <= limit else { continue }
            let distance = editDistance(word, other)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// `" (did you mean `x`?)"`-style hint text, or an empty string when nothing is close.
    public static func hint(for text: String, among candidates: some Sequence<String>) -> String {
        closest(to: text, among: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// Optimal string alignment distance.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
