extension String {
    /// The most UTF-8 bytes of a value that an error message repeats.
    public static let excerptLimit = 64

    /// This text as an error message may repeat it: unchanged when it has at most
    /// ``excerptLimit`` UTF-8 bytes, otherwise its first ``excerptLimit`` bytes (cut at a
    /// Unicode scalar boundary) followed by `…(N bytes)`, N being the whole text's length.
    ///
    /// So a megabyte number or a key of 200,000 combining marks costs a message 80 bytes, not a
    /// megabyte.
    public var excerpt: String {
        let count = utf8.count
        guard count > Self.excerptLimit else { return self }
        var end = utf8.startIndex
        var taken = 0
        for scalar in unicodeScalars {
            let width = UTF8.width(scalar)
            if taken + width > Self.excerptLimit { break }
            taken += width
            end = utf8.index(end, offsetBy: width)
        }
        return String(self[..<end]) + "…(\(count) bytes)"
    }
}
