import TenetModels

/// How far simulated time may have got at a given moment of real time.
///
/// Simulated time starts at ``simulatedStart`` when the wall clock reads ``wallStart`` and runs
/// ``speed`` times faster from then on (`nil`: as fast as the events are taken). With
/// ``followsWallClock`` it never passes the wall clock: a simulation started in the past catches
/// up at its speed, then goes on in real time, so that no event is stamped in the future. Pure:
/// the caller passes the time.
public struct SimulationPace: Hashable, Sendable {
    /// The simulated instant at ``wallStart``.
    public var simulatedStart: Timestamp
    /// The wall-clock instant the simulation started.
    public var wallStart: Timestamp
    /// Simulated seconds per real second; `nil` for as fast as possible.
    public var speed: Double?
    /// Whether simulated time is held at the wall clock once it has caught up.
    public var followsWallClock: Bool

    /// Creates a pace.
    public init(simulatedStart: Timestamp, wallStart: Timestamp, speed: Double?, followsWallClock: Bool) {
        self.simulatedStart = simulatedStart
        self.wallStart = wallStart
        self.speed = speed
        self.followsWallClock = followsWallClock
    }

    /// The simulated instant that may be reached when the wall clock reads `wall`.
    public func target(at wall: Timestamp) -> Timestamp {
        let elapsed = max(0, wall.nanosecondsSinceEpoch - wallStart.nanosecondsSinceEpoch)
        var target: Int64
        if let speed {
            let advanced = Double(elapsed) * speed
            target = advanced >= Double(Int64.max - simulatedStart.nanosecondsSinceEpoch)
                ? Int64.max : simulatedStart.nanosecondsSinceEpoch + Int64(advanced)
        } else {
            target = Int64.max
        }
        if followsWallClock { target = min(target, max(wall.nanosecondsSinceEpoch, simulatedStart.nanosecondsSinceEpoch)) }
        return Timestamp(nanosecondsSinceEpoch: target)
    }

    /// Whether simulated time has caught up with the wall clock at `wall` (always false when it
    /// does not follow it).
    public func isLive(at wall: Timestamp) -> Bool {
        guard followsWallClock else { return false }
        return target(at: wall).nanosecondsSinceEpoch >= wall.nanosecondsSinceEpoch
            && (speed.map { $0 >= 1 } ?? true)
    }
}
