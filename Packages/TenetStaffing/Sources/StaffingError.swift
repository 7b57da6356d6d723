/// An input the staffing arithmetic cannot use: a negative arrival rate, a handle time of zero, a
/// service-level target of 120 %, a shrinkage of 1, an observation with contacts but no days.
///
/// The message names the field, the value and the reason, so that `tenet staffing` can print it as
/// it is: `aht = 0: the average handle time must be greater than 0 seconds`.
public struct StaffingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of mistake.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public var rawValue: String
        /// A code named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// An arrival rate or offered load that is negative, not a number or infinite.
        public static let invalidLoad = Code(rawValue: "invalid_load")
        /// An average handle time that is 0, negative, not a number or infinite.
        public static let invalidHandleTime = Code(rawValue: "invalid_handle_time")
        /// A negative number of agents.
        public static let invalidAgents = Code(rawValue: "invalid_agents")
        /// A service-level fraction outside (0, 1), or service-level text that does not read as `80/20`.
        public static let invalidServiceLevel = Code(rawValue: "invalid_service_level")
        /// A service-level threshold T that is negative, not a number or infinite.
        public static let invalidThreshold = Code(rawValue: "invalid_threshold")
        /// A maximum probability of waiting outside (0, 1).
        public static let invalidWaitProbability = Code(rawValue: "invalid_wait_probability")
        /// A maximum occupancy outside (0, 1].
        public static let invalidOccupancy = Code(rawValue: "invalid_occupancy")
        /// A shrinkage outside [0, 1).
        public static let invalidShrinkage = Code(rawValue: "invalid_shrinkage")
        /// An interval length that is not a positive number of minutes dividing a day.
        public static let invalidInterval = Code(rawValue: "invalid_interval")
        /// An observation with negative counts, contacts but no days, a slot off the interval
        /// grid, or (with observed handle times) contacts but no handle time.
        public static let invalidObservation = Code(rawValue: "invalid_observation")
        /// Two observations for the same slot of the week.
        public static let duplicateSlot = Code(rawValue: "duplicate_slot")
        /// A load or a number of agents beyond what the arithmetic accepts
        /// (``ErlangC/maximumLoad``, ``ErlangC/maximumAgents``).
        public static let beyondLimits = Code(rawValue: "beyond_limits")

        /// The code's name, as in `invalid_load`.
        public var description: String { rawValue }
    }

    /// What kind of mistake.
    public var code: Code
    /// The input at fault, as the caller named it: `aht`, `shrinkage`, `mon 09:30 day count`.
    public var field: String
    /// The value given, as text.
    public var value: String
    /// Why it cannot be used, and what would be accepted.
    public var reason: String

    /// An error of kind `code` about `field`, which was given `value`.
    public init(code: Code, field: String, value: String, reason: String) {
        self.code = code
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// `field = value: reason`.
    public var description: String { "\(field) = \(value): \(reason)" }
}
