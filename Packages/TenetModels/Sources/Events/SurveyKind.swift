/// The kind of a satisfaction survey (`survey` of `survey.answered`), which sets its scale.
public enum SurveyKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// Customer satisfaction, 1–5.
    case csat
    /// Net promoter score, 0–10.
    case nps
    /// Customer effort score, 1–7.
    case ces

    /// The whole scores the survey allows.
    public var scale: ClosedRange<Int> {
        switch self {
        case .csat: 1...5
        case .nps: 0...10
        case .ces: 1...7
        }
    }
}
