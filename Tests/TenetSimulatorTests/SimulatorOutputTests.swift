import Foundation
import Testing
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// What every run guarantees: valid events, unique ids, time order, the same bytes from the
/// same seed (whatever the chunks), and the organisation's own events.
@Suite struct SimulatorOutputTests {
    static func simulator(seed: UInt64 = 7, prefix: String = "sim") throws -> Simulator {
        try Simulator(profile: .standard, philosophy: Fixtures.philosophy, setup: SimulationSetup(seed: seed, start: Fixtures.monday, idPrefix: prefix))
    }

    /// Every event of the shared run (nine days) passes EventValidator (SimulatedRun parses each
    /// line with it); ids are unique; times never go back.
    @Test func everyEventIsValidUniqueAndInOrder() {
        let run = Fixtures.standardWeek
        #expect(run.events.count == run.tally.events)
        #expect(Set(run.events.map(\.id)).count == run.events.count)
        var previous = Timestamp(nanosecondsSinceEpoch: .min)
        var backwards = 0
        for event in run.events {
            if event.at < previous { backwards += 1 }
            previous = event.at
        }
        #expect(backwards == 0)
        // The initial customers come first, before the start; everything else after it.
        let announced = run.events.prefix { $0.type == .customerStarted && $0.at < run.start }.count
        #expect(announced == SimulationProfile.standard.customers.initial)
        #expect(run.events.dropFirst(announced).allSatisfy { $0.at >= run.start })
        // Every built-in type the simulator writes, and its own.
        let types = Set(run.events.map(\.type.rawValue))
        for type in [
            "conversation.opened", "message.created", "conversation.assigned", "conversation.transferred", "conversation.escalated",
            "status.changed", "contact.queued", "contact.answered", "contact.abandoned", "contact.ended", "hold.started", "hold.ended",
            "wrapup.ended", "survey.answered", "qa.scored", "order.placed", "customer.started", "customer.churned", "x.survey.sent",
            "x.lead.qualified", "x.feature.used", "x.product.rated", "x.brand.surveyed", "x.employee.active", "x.employee.left",
            "x.employee.surveyed",
        ] {
            #expect(types.contains(type), "no \(type) event")
        }
    }

    @Test func theSameSeedGivesTheSameBytesWhateverTheChunks() throws {
        let end = Fixtures.at(Fixtures.monday, plus: Fixtures.day)
        var whole = try Self.simulator()
        var once: [UInt8] = []
        let count = whole.run(until: end, into: &once)
        #expect(whole.now == end)
        var chunked = try Self.simulator()
        var pieces: [UInt8] = []
        // A first piece a year before the start holds only the customers who joined before it.
        var total = chunked.run(until: Fixtures.at(Fixtures.monday, plus: -365 * Fixtures.day), into: &pieces)
        let early = try pieces.split(separator: UInt8(ascii: "\n")).map { try EventValidator.validate(json: $0) }
        #expect(early.count == total)
        #expect(early.count > 10_000 && early.count < 14_000)
        #expect(early.allSatisfy { $0.type == .customerStarted && $0.at < Fixtures.at(Fixtures.monday, plus: -365 * Fixtures.day) })
        for hour in 1...24 {
            total += chunked.run(until: Fixtures.at(Fixtures.monday, plus: Int64(hour) * Fixtures.hour), into: &pieces)
        }
        #expect(total == count)
        #expect(pieces == once)
        #expect(chunked.tally == whole.tally)
        var other = try Self.simulator(seed: 8)
        var different: [UInt8] = []
        other.run(until: end, into: &different)
        #expect(different != once)
        // The prefix names every event and conversation, nothing else.
        var prefixed = try Self.simulator(prefix: "seg2")
        var renamed: [UInt8] = []
        prefixed.run(until: end, into: &renamed)
        let replaced = String(decoding: renamed, as: UTF8.self).replacingOccurrences(of: "\"seg2-", with: "\"sim-")
        #expect(replaced == String(decoding: once, as: UTF8.self))
    }

    /// `run(until:)` writes exactly the events before `end`; an earlier `end` writes nothing.
    @Test func runStopsBeforeTheEnd() throws {
        var simulator = try Self.simulator()
        var bytes: [UInt8] = []
        let end = Fixtures.at(Fixtures.monday, plus: 10 * Fixtures.hour + 1)
        simulator.run(until: end, into: &bytes)
        let last = String(decoding: bytes.split(separator: UInt8(ascii: "\n")).last!, as: UTF8.self)
        let event = try EventValidator.validate(json: Array(last.utf8))
        #expect(event.at < end)
        var nothing: [UInt8] = []
        #expect(simulator.run(until: Fixtures.monday, into: &nothing) == 0)
        #expect(nothing.isEmpty)
        #expect(simulator.now == end)
    }

    /// A resumed segment that does not announce the customers again starts with the start.
    @Test func aResumedSegmentDoesNotAnnounceCustomersAgain() throws {
        var simulator = try Simulator(
            profile: .standard, philosophy: Fixtures.philosophy,
            setup: SimulationSetup(seed: 9, start: Fixtures.monday, idPrefix: "r2", announcesInitialCustomers: false))
        var bytes: [UInt8] = []
        simulator.run(until: Fixtures.at(Fixtures.monday, plus: Fixtures.hour), into: &bytes)
        let first = try EventValidator.validate(json: Array(bytes.prefix { $0 != UInt8(ascii: "\n") }))
        #expect(first.at >= Fixtures.monday)
        #expect(first.id == "r2-e1")
    }

    /// Without a philosophy the profile's zone, hours and team names are used.
    @Test func runsWithoutAPhilosophy() throws {
        let run = try SimulatedRun(profile: .standard, philosophy: nil, setup: SimulationSetup(seed: 3, start: Fixtures.monday), days: 1)
        let teams = Set(run.events.compactMap(\.team))
        #expect(teams.isSuperset(of: ["support", "sales"]))
        #expect(run.tally.answered[SimulatedChannel.phone.index] > 100)
    }
}
