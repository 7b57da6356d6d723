import TenetModels
import TenetYAML

/// A scenario at a time: something that pushes the center off target so that alerts can be
/// seen firing. The profile's `scenarios` section says how strong each one is.
///
/// - `staff_shortage`: a share of the agents (`scenarios.staff_shortage.absent`) is absent:
///   they finish what they hold and take nothing new until it ends. Default 4 hours.
/// - `outage_spike`: a service goes down: within `scenarios.outage_spike.ramp` the volume
///   rises to `volume` times the usual, the extra conversations mostly chat, social and phone,
///   urgent, from customers who wait longer than usual in the queue, take longer to handle
///   and whom the bot hands to a person every time. Default 2 hours.
/// - `holiday`: a day of reduced volume and reduced coverage (`scenarios.holiday`). Default
///   1 day.
public struct ScheduledScenario: Hashable, Sendable {
    /// The scenarios the simulator knows.
    public static let names = ["staff_shortage", "outage_spike", "holiday"]

    /// How long each scenario lasts when no duration is given, in the order of ``names``.
    public static let defaultDurations: [Duration] = [.seconds(4 * 3600), .seconds(2 * 3600), .seconds(86_400)]

    /// One of ``names``.
    public var name: String
    /// When it starts.
    public var start: Timestamp
    /// How long it lasts.
    public var duration: Duration

    /// A scenario `name` from `start` for `duration` (the scenario's default when `nil`).
    ///
    /// - Throws: ``SimulationProfileError`` with ``SimulationProfileError/Code/unknownScenario``
    ///   naming the known scenarios when `name` is not one, or
    ///   ``SimulationProfileError/Code/invalidValue`` for a duration that is not positive.
    public init(name: String, start: Timestamp, duration: Duration? = nil) throws(SimulationProfileError) {
        guard let index = Self.names.firstIndex(of: name) else {
            throw SimulationProfileError(
                code: .unknownScenario, field: "scenario",
                message: "`\(name)` is not a scenario\(Suggestion.hint(for: name, among: Self.names)) (known: \(Self.names.joined(separator: ", ")))")
        }
        let duration = duration ?? Self.defaultDurations[index]
        guard duration > .zero else {
            throw SimulationProfileError(code: .invalidValue, field: "duration", message: "the `\(name)` scenario needs a positive duration")
        }
        self.name = name
        self.start = start
        self.duration = duration
    }

    /// When it ends.
    public var end: Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
