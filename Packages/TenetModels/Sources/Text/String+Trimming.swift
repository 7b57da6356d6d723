extension StringProtocol {
    /// The text without its leading and trailing spaces (only U+0020: tabs and line breaks stay,
    /// for formats where they mean something).
    public var trimmingSpaces: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { $0 != " " }) else { return text[text.endIndex...] }
        let last = text.lastIndex(where: { $0 != " " })!
        return text[first...last]
    }
}
