import TenetModels

extension Timestamp {
    /// RFC 3339 in UTC that keeps every nanosecond: `2026-11-27T10:00:00.000Z` for whole
    /// milliseconds (as ``Timestamp/rfc3339``), `2026-11-27T10:00:00.000000001Z` otherwise, so
    /// that a snapshot read back holds the very instants written.
    public var exactText: String {
        let nanoseconds = nanosecondsSinceEpoch % 1_000_000_000
        let fraction = nanoseconds < 0 ? nanoseconds + 1_000_000_000 : nanoseconds
        guard fraction % 1_000_000 != 0 else { return rfc3339 }
        var digits = String(fraction)
        while digits.count < 9 { digits = "0" + digits }
        return String(rfc3339.dropLast(4)) + digits + "Z"
    }
}

extension KeyedDecodingContainer {
    /// Reads an instant written by ``Timestamp/exactText``.
    func decodeTime(forKey key: Key) throws -> Timestamp {
        let text = try decode(String.self, forKey: key)
        guard let time = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "`\(text)` is not an RFC 3339 time")
        }
        return time
    }

    /// Reads an optional instant written by ``Timestamp/exactText``.
    func decodeTimeIfPresent(forKey key: Key) throws -> Timestamp? {
        try contains(key) && !decodeNil(forKey: key) ? decodeTime(forKey: key) : nil
    }
}
