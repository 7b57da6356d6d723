import TenetModels

/// A day of the week, numbered as ISO 8601 does: Monday 1 … Sunday 7.
public enum Weekday: Int, CaseIterable, Hashable, Comparable, Sendable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of the day `dayNumber` days after 1970-01-01 (a Thursday).
    public init(dayNumber: Int) {
        let index = ((dayNumber + 3) % 7 + 7) % 7  // 0 = Monday
        self = Weekday(rawValue: index + 1)!
    }

    /// The three-letter name used in files: `mon` … `sun`.
    public var shortName: String {
        switch self {
        case .monday: "mon"
        case .tuesday: "tue"
        case .wednesday: "wed"
        case .thursday: "thu"
        case .friday: "fri"
        case .saturday: "sat"
        case .sunday: "sun"
        }
    }

    /// The weekday named by its three-letter or full English name, in any case.
    public init?(name: some StringProtocol) {
        let lowered = name.lowercased()
        guard let day = Weekday.allCases.first(where: { $0.shortName == lowered || $0.fullName == lowered }) else { return nil }
        self = day
    }

    /// The lowercase English name: `monday` … `sunday`.
    public var fullName: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }

    /// The days a file or a command line names: `daily` (or `every_day`), `weekdays`,
    /// `weekends` (or `weekend`), one day (`sat`), a range that may wrap (`mon-fri`, `fri-mon`),
    /// or a comma list of those (`sat,sun`, `mon-wed,fri`); `nil` for anything else.
    public static func days(named text: String) -> [Weekday]? {
        switch text.lowercased() {
        case "daily", "every_day": return allCases
        case "weekdays": return [.monday, .tuesday, .wednesday, .thursday, .friday]
        case "weekends", "weekend": return [.saturday, .sunday]
        default: break
        }
        var result: [Weekday] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map(\.trimmingSpaces)
            if bounds.count == 1, let day = Weekday(name: bounds[0]) {
                result.append(day)
            } else if bounds.count == 2, let first = Weekday(name: bounds[0]), let last = Weekday(name: bounds[1]) {
                var day = first
                result.append(day)
                while day != last {
                    day = day.next
                    result.append(day)
                }
            } else {
                return nil
            }
        }
        return result.isEmpty ? nil : result
    }

    /// The next day of the week.
    public var next: Weekday { Weekday(rawValue: rawValue % 7 + 1)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { shortName }
}
