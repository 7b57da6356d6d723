/// Selection of order statistics in place, in linear expected time: what a sort would put at a
/// rank, without sorting.
enum OrderStatistics {
    /// The value a sort of `buffer` would put at `rank` (0-based); afterwards that value is at
    /// `rank`, no value before it is larger and no value after it is smaller. Quickselect with a
    /// median-of-three pivot; after too many rounds (an adversarial order) it sorts what is left,
    /// so that the worst case stays `n log n`.
    static func select(_ rank: Int, in buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(rank >= 0 && rank < buffer.count)
        var low = 0
        var high = buffer.count - 1
        var rounds = 0
        let budget = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 8
        while high - low > 16 {
            rounds += 1
            if rounds > budget {
                var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                rest.sort()
                return buffer[rank]
            }
            // Median of three as the pivot, ordered in place: buffer[low] ≤ buffer[middle] ≤ buffer[high].
            let middle = low + (high - low) / 2
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
            if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            // Hoare's partition: values equal to the pivot stop both scans, so runs of duplicates
            // are split evenly.
            var left = low
            var right = high
            while left <= right {
                while buffer[left] < pivot { left += 1 }
                while pivot < buffer[right] { right -= 1 }
                if left <= right {
                    buffer.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            // Now buffer[low...right] ≤ pivot ≤ buffer[left...high], and anything strictly between
            // right and left equals the pivot.
            if rank <= right {
                high = right
            } else if rank >= left {
                low = left
            } else {
                return buffer[rank]
            }
        }
        // A short range: insertion sort.
        if low < high {
            for index in (low + 1)...high {
                let value = buffer[index]
                var place = index
                while place > low, value < buffer[place - 1] {
                    buffer[place] = buffer[place - 1]
                    place -= 1
                }
                buffer[place] = value
            }
        }
        return buffer[rank]
    }
}
