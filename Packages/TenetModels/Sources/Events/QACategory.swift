/// One scored category of a quality review (an item of `categories` in `qa.scored`).
public struct QACategory: Hashable, Sendable {
    /// The category's name, such as `tone`.
    public var name: String
    /// Its score, 0–100.
    public var score: Double
    /// Its weight, above 0, when given.
    public var weight: Double?

    /// Creates a category.
    public init(name: String, score: Double, weight: Double? = nil) {
        self.name = name
        self.score = score
        self.weight = weight
    }
}
