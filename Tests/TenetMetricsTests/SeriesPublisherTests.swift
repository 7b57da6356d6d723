import Testing
import TenetClock
import TenetMetrics
import TenetMetricsProtocol
import TenetMetricsServer
import TenetModels
import TenetPhilosophy

/// When the standing series are computed and published: in process, with clocks passed in.
@Suite("Series publisher")
struct SeriesPublisherTests {
    typealias Stored = MetricsServiceTests.Stored

    /// A clock that moves by `step` each time it is read: a publication that takes `step`.
    final class SteppingClock: MonotonicClock {
        let clock = ManualClock()
        let step: Duration
        init(step: Duration) { self.step = step }
        func now() -> MonotonicInstant {
            let now = clock.now()
            clock.advance(by: step)
            return now
        }
    }

    static let now = Timestamp(rfc3339: "2026-11-23T12:00:00Z")!

    /// A stored event of conversation `conversation` at `time` on Monday 2026-11-23 (UTC).
    static func event(_ seq: Int64, _ id: String, _ type: String, _ conversation: String, _ time: String, _ extra: String = "") -> Stored {
        let json = #"{"id":"\#(id)","type":"\#(type)","at":"2026-11-23T\#(time)Z","conversation":"\#(conversation)","team":"support","channel":"chat"\#(extra)}"#
        return Stored(seq: seq, json: Array(json.utf8))
    }

    /// The numbers of the series with these ids, in the service's order.
    static func numbers(_ service: MetricsService, _ ids: [String]) -> [Int] {
        service.series.indices.filter { ids.contains(service.series[$0].id) }
    }

    @Test func onlySeriesOfChangedMetricsAreComputedAgain() {
        var service = MetricsService(philosophy: Philosophy())
        service.apply(Self.event(1, "o1", "conversation.opened", "c1", "09:00:00"))
        let clock = ManualClock()
        var publisher = SeriesPublisher(start: clock.now())
        let first = publisher.publication(of: service, now: Self.now, clock: clock)
        #expect(publisher.lastComputed == Array(service.series.indices))
        #expect(first.first { $0.series == "volume_opened" }?.figure.value == 1)

        // A status change to pending: the conversation's opening, its solving (none) and its
        // open span are measured again but stay the same, so nothing is computed again.
        service.apply(Self.event(2, "p1", "status.changed", "c1", "09:05:00", #","status":"pending""#))
        clock.advance(by: .milliseconds(30))
        #expect(publisher.publication(of: service, now: Self.now, clock: clock).isEmpty)
        #expect(publisher.lastComputed.isEmpty)

        // A second conversation: the volume opened and the backlog change, the volume solved does not.
        service.apply(Self.event(3, "o2", "conversation.opened", "c2", "10:00:00"))
        clock.advance(by: .milliseconds(30))
        let second = publisher.publication(of: service, now: Self.now, clock: clock)
        #expect(publisher.lastComputed == Self.numbers(service, ["volume_opened", "volume_opened:by_team", "backlog", "backlog:by_team"]))
        #expect(Set(second.map(\.series)) == ["volume_opened", "volume_opened:by_team", "backlog", "backlog:by_team"])
        #expect(second.allSatisfy { $0.lastSeq == 3 })
    }

    @Test func aChangeIsPublishedOnTheFirstTurnAfterTheMinimumInterval() {
        var service = MetricsService(philosophy: Philosophy())
        let clock = ManualClock()
        var publisher = SeriesPublisher(start: clock.now(), minimumInterval: .milliseconds(25))
        _ = publisher.publication(of: service, now: Self.now, clock: clock)
        #expect(publisher.delay(service, now: Self.now, at: clock.now()) == nil, "nothing pending")

        clock.advance(by: .milliseconds(10))
        service.apply(Self.event(1, "o1", "conversation.opened", "c1", "09:00:00"))
        #expect(publisher.delay(service, now: Self.now, at: clock.now()) == .milliseconds(15))
        #expect(publisher.publication(of: service, now: Self.now, clock: clock).isEmpty, "too soon")
        clock.advance(by: .milliseconds(15))
        let published = publisher.publication(of: service, now: Self.now, clock: clock)
        #expect(published.first { $0.series == "volume_opened" }?.figure.value == 1)
        #expect(publisher.delay(service, now: Self.now, at: clock.now()) == nil)
    }

    @Test func publishingTakesAtMostAFifthOfTheTime() {
        var service = MetricsService(philosophy: Philosophy())
        let clock = SteppingClock(step: .milliseconds(100))
        var publisher = SeriesPublisher(start: .zero, minimumInterval: .milliseconds(25))
        _ = publisher.publication(of: service, now: Self.now, clock: clock)
        // It began at 0 and ended at 100 ms: the next waits four times as long after its end.
        #expect(publisher.nextPublish == MonotonicInstant(nanoseconds: 500_000_000))
        service.apply(Self.event(1, "o1", "conversation.opened", "c1", "09:00:00"))
        #expect(publisher.delay(service, now: Self.now, at: MonotonicInstant(nanoseconds: 200_000_000)) == .milliseconds(300))
    }

    @Test func periodsThatEndAndRefreshesComputeSeriesAgainWithoutEvents() {
        var service = MetricsService(philosophy: Philosophy())
        service.apply(Self.event(1, "o1", "conversation.opened", "c1", "09:00:00"))
        let clock = ManualClock()
        var publisher = SeriesPublisher(start: clock.now(), refreshInterval: .seconds(10))
        _ = publisher.publication(of: service, now: Self.now, clock: clock)

        // The next day: the daily volumes start again from nothing; the backlog (at `now`) waits
        // for the refresh.
        clock.advance(by: .seconds(1))
        let tomorrow = Timestamp(rfc3339: "2026-11-24T00:00:01Z")!
        let published = publisher.publication(of: service, now: tomorrow, clock: clock)
        #expect(publisher.lastComputed == Self.numbers(service, ["volume_opened", "volume_opened:by_team", "volume_solved", "volume_solved:by_team"]))
        #expect(published.first { $0.series == "volume_opened" }?.figure.sampleSize == 0)

        clock.advance(by: .seconds(9))
        _ = publisher.publication(of: service, now: tomorrow, clock: clock)
        #expect(publisher.lastComputed == Array(service.series.indices), "a refresh computes every series")
    }
}
