import Foundation
import Testing
import TenetModels
import TenetPhilosophy
import TenetSLA

@Suite struct SLAClockBookTests {
    typealias F = SLAFixtures

    /// The issue's case: a clock starting Friday 16:50 under Mon–Fri 09:00–17:00 with Monday a
    /// holiday. 1 h of business time: 10 minutes on Friday, none on the weekend or the holiday,
    /// 50 on Tuesday. Warning at 80 % = 48 minutes → Tuesday 09:38; breach Tuesday 09:50.
    @Test func fridayClockWarnsAndBreachesAtTheRightBusinessMinutes() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        #expect(book.apply(F.opened("c-1", "2026-11-27T16:50")).isEmpty)
        #expect(book.nextDueInstant == F.berlin("2026-12-01T09:38"))
        #expect(book.due(upTo: F.berlin("2026-11-30T16:59")).isEmpty)  // the holiday: no time passes
        #expect(book.due(upTo: Timestamp(nanosecondsSinceEpoch: F.berlin("2026-12-01T09:38").nanosecondsSinceEpoch - 1)).isEmpty)
        let warning = book.due(upTo: F.berlin("2026-12-01T09:38"))
        #expect(F.summary(warning) == ["warning c-1 first_response 2026-12-01T08:38:00.000Z"])
        #expect(warning.first?.elapsed == .seconds(48 * 60))
        #expect(warning.first?.breachAt == F.berlin("2026-12-01T09:50"))
        #expect(book.nextDueInstant == F.berlin("2026-12-01T09:50"))
        // Noticed late (the plugin woke at 10:30): the breach still carries its own instant.
        let breach = book.due(upTo: F.berlin("2026-12-01T10:30"))
        #expect(F.summary(breach) == ["breach c-1 first_response 2026-12-01T08:50:00.000Z"])
        #expect(breach.first?.elapsed == .seconds(3600))
        #expect(book.due(upTo: F.berlin("2026-12-09T10:30")).isEmpty)
        #expect(book.nextDueInstant == nil)
        #expect(F.summary(book.apply(F.reply("c-1", "2026-12-01T10:35"))) == ["missed c-1 first_response 2026-12-01T09:35:00.000Z"])
        #expect(book.attainment() == [SLAAttainment(policy: "standard", metric: .firstResponse, applied: 1, met: 0, breached: 1)])
    }

    /// The same clock with a lead of 5 minutes: the warning at 55 business minutes, Tuesday 09:45.
    @Test func leadWarningComesItsLeadBeforeTheBreach() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600), warning: .before(.seconds(300)))])
        _ = book.apply(F.opened("c-1", "2026-11-27T16:50"))
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-12-01T12:00"))) == [
                "warning c-1 first_response 2026-12-01T08:45:00.000Z", "breach c-1 first_response 2026-12-01T08:50:00.000Z",
            ])
    }

    /// Calendar time: every minute counts, the schedule does not matter.
    @Test func calendarTimePolicyCountsEveryMinute() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(15 * 60), hours: .calendar, warning: .before(.seconds(300)))])
        _ = book.apply(F.opened("c-1", "2026-11-27T16:50"))
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-11-28T00:00"))) == [
                "warning c-1 first_response 2026-11-27T16:00:00.000Z", "breach c-1 first_response 2026-11-27T16:05:00.000Z",
            ])
    }

    /// Pending pauses the clock: 20 minutes before, none for the day pending, 40 after.
    @Test func pendingPausesTheClockAndOpenResumesIt() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        #expect(book.nextDueInstant == F.berlin("2026-12-01T10:48"))
        #expect(book.apply(F.status("c-1", "2026-12-01T10:20", .pending)).isEmpty)
        #expect(book.nextDueInstant == nil)
        #expect(book.due(upTo: F.berlin("2026-12-02T09:59")).isEmpty)
        let paused = book.running(at: F.berlin("2026-12-02T09:00"))
        #expect(paused.map(\.paused) == [true])
        #expect(paused.first?.elapsed == .seconds(20 * 60))
        _ = book.apply(F.status("c-1", "2026-12-02T10:00", .open))
        // 48 − 20 = 28 minutes after the resume; 60 − 20 = 40.
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-12-02T12:00"))) == [
                "warning c-1 first_response 2026-12-02T09:28:00.000Z", "breach c-1 first_response 2026-12-02T09:40:00.000Z",
            ])
    }

    /// A priority change re-evaluates the policy: the clock keeps its 12 minutes and takes the
    /// urgent 15-minute target, whose 5-minute-lead warning (at 10) is already past: it comes at
    /// the change, the breach 3 minutes later.
    @Test func priorityChangeTakesTheUrgentPolicy() throws {
        let urgent = F.policy(
            "urgent", where: [.init(field: .dimension(.priority), values: ["urgent"])], firstResponse: .seconds(15 * 60), hours: .calendar,
            warning: .before(.seconds(300)))
        var book = try F.book([urgent, F.policy(firstResponse: .seconds(4 * 3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00", priority: "normal"))
        #expect(book.policy(of: "c-1") == "standard")
        #expect(book.nextDueInstant == F.berlin("2026-12-01T13:12"))  // 80 % of 4 h
        let change = SLAEvent(
            conversation: "c-1", at: F.berlin("2026-12-01T10:12"), kind: .other, fields: [.dimension(.priority): "urgent"])
        let emitted = book.apply(change)
        #expect(book.policy(of: "c-1") == "urgent")
        #expect(F.summary(emitted) == ["warning c-1 first_response 2026-12-01T09:12:00.000Z"])
        #expect(emitted.first?.policy == "urgent")
        #expect(emitted.first?.elapsed == .seconds(10 * 60))
        let breach = book.due(upTo: F.berlin("2026-12-01T11:00"))
        #expect(F.summary(breach) == ["breach c-1 first_response 2026-12-01T09:15:00.000Z"])
        #expect(breach.first?.policy == "urgent")
    }

    /// A reply before the warning: met, and nothing else ever comes.
    @Test func replyBeforeTheWarningIsMetWithoutWarning() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        let emitted = book.apply(F.reply("c-1", "2026-12-01T10:30"))
        #expect(F.summary(emitted) == ["met c-1 first_response 2026-12-01T09:30:00.000Z"])
        #expect(emitted.first?.elapsed == .seconds(30 * 60))
        #expect(book.due(upTo: F.berlin("2026-12-31T10:00")).isEmpty)
        #expect(book.nextDueInstant == nil)
        #expect(book.attainment() == [SLAAttainment(policy: "standard", metric: .firstResponse, applied: 1, met: 1)])
        #expect(book.nearBreaches.isEmpty)
    }

    /// A reply at the breach instant itself is within the target (≤, as "% within" counts).
    @Test func replyAtTheDeadlineIsMet() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        let emitted = book.apply(F.reply("c-1", "2026-12-01T11:00"))
        #expect(F.summary(emitted) == ["warning c-1 first_response 2026-12-01T09:48:00.000Z", "met c-1 first_response 2026-12-01T10:00:00.000Z"])
    }

    /// A bot hand-off restarts the first-response clock (docs/METRICS.md).
    @Test func botHandoffRestartsFirstResponse() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        _ = book.apply(SLAEvent(conversation: "c-1", at: F.berlin("2026-12-01T10:01"), kind: .message(author: .bot, isPublic: true)))
        _ = book.apply(SLAEvent(conversation: "c-1", at: F.berlin("2026-12-01T10:30"), kind: .routed))
        #expect(book.nextDueInstant == F.berlin("2026-12-01T11:18"))
        let met = book.apply(F.reply("c-1", "2026-12-01T11:00"))
        #expect(met.first?.elapsed == .seconds(30 * 60))
        // With the setting off, the clock runs from the start.
        var philosophy = F.philosophy([F.policy(firstResponse: .seconds(3600))])
        philosophy.settings.botHandoffRestartsFirstResponse = false
        var plain = try SLAClockBook(philosophy: philosophy)
        _ = plain.apply(F.opened("c-1", "2026-12-01T10:00"))
        _ = plain.apply(SLAEvent(conversation: "c-1", at: F.berlin("2026-12-01T10:01"), kind: .message(author: .bot, isPublic: true)))
        _ = plain.apply(SLAEvent(conversation: "c-1", at: F.berlin("2026-12-01T10:30"), kind: .routed))
        #expect(plain.nextDueInstant == F.berlin("2026-12-01T10:48"))
    }

    /// The next-reply clock starts at the earliest waiting customer message; later ones do not
    /// restart it.
    @Test func nextReplyRunsFromTheEarliestWaitingMessage() throws {
        var book = try F.book([F.policy(nextReply: .seconds(30 * 60), hours: .calendar, warning: .before(.seconds(600)))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        #expect(book.nextDueInstant == nil)  // no first-response target in this policy
        _ = book.apply(F.reply("c-1", "2026-12-01T10:10"))
        _ = book.apply(F.customer("c-1", "2026-12-01T10:20"))
        _ = book.apply(F.customer("c-1", "2026-12-01T10:25"))
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-12-01T12:00"))) == [
                "warning c-1 next_reply 2026-12-01T09:40:00.000Z", "breach c-1 next_reply 2026-12-01T09:50:00.000Z",
            ])
    }

    /// Warnings and breaches of several conversations come out in time order, each once.
    @Test func dueIsInTimeOrderAcrossConversations() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("late", "2026-12-01T10:10"))
        _ = book.apply(F.opened("early", "2026-12-01T10:05"))
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-12-01T12:00"))) == [
                "warning early first_response 2026-12-01T09:53:00.000Z", "warning late first_response 2026-12-01T09:58:00.000Z",
                "breach early first_response 2026-12-01T10:05:00.000Z", "breach late first_response 2026-12-01T10:10:00.000Z",
            ])
        #expect(book.due(upTo: F.berlin("2026-12-01T12:00")).isEmpty)
    }

    /// Attainment by hand: c1 met at 20 min; c2 warned at 48 and met at 50 (a near-breach); c3
    /// breached at 60 and replied at 70 (missed); c4 solved unanswered at 30 (no first response
    /// applies). First response: 2 met of 3 applied, 1 breach, 1 near-breach. Resolution (8 h):
    /// c4 met; the others run.
    @Test func attainmentOnAKnownSet() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600), resolution: .seconds(8 * 3600))])
        for id in ["c1", "c2", "c3", "c4"] { _ = book.apply(F.opened(id, "2026-12-01T10:00")) }
        var emitted: [SLAEmission] = []
        emitted += book.apply(F.reply("c1", "2026-12-01T10:20"))
        emitted += book.apply(F.status("c4", "2026-12-01T10:30", .solved))
        emitted += book.apply(F.reply("c2", "2026-12-01T10:50"))
        emitted += book.apply(F.reply("c3", "2026-12-01T11:10"))
        #expect(
            F.summary(emitted) == [
                "met c1 first_response 2026-12-01T09:20:00.000Z",
                "met c4 resolution 2026-12-01T09:30:00.000Z",
                "warning c2 first_response 2026-12-01T09:48:00.000Z", "warning c3 first_response 2026-12-01T09:48:00.000Z",
                "met c2 first_response 2026-12-01T09:50:00.000Z",
                "breach c3 first_response 2026-12-01T10:00:00.000Z",
                "missed c3 first_response 2026-12-01T10:10:00.000Z",
            ])
        #expect(
            book.attainment() == [
                SLAAttainment(policy: "standard", metric: .firstResponse, applied: 3, met: 2, breached: 1, nearBreaches: 1),
                SLAAttainment(policy: "standard", metric: .resolution, applied: 1, met: 1),
            ])
        #expect(book.attainment().first?.percent.map { ($0 * 100).rounded() / 100 } == 66.67)
        #expect(book.breaches.map(\.conversation) == ["c3"])
        #expect(book.nearBreaches.map(\.conversation) == ["c2"])
        #expect(book.nearBreaches.first?.elapsed == .seconds(50 * 60))
        book.forgetOutcomes(before: F.berlin("2026-12-01T10:55"))
        #expect(book.breaches.map(\.conversation) == ["c3"])
        #expect(book.nearBreaches.isEmpty)
        #expect(book.attainment().first?.nearBreaches == 1)
    }

    /// `tenet sla`: running clocks sorted by time to breach, with the filters.
    @Test func runningClocksSortedByTimeToBreach() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("a", "2026-12-01T10:30"))
        _ = book.apply(F.opened("b", "2026-12-01T09:00"))
        _ = book.apply(F.opened("c", "2026-12-01T10:00"))
        _ = book.apply(F.opened("d", "2026-12-01T10:40"))
        _ = book.apply(F.status("d", "2026-12-01T10:45", .pending))
        let now = F.berlin("2026-12-01T10:50")
        _ = book.due(upTo: now)
        // b breached at 10:00; c warned at 10:48; a is due at 11:30; d is paused.
        #expect(book.running(at: now).map(\.conversation) == ["b", "c", "a", "d"])
        #expect(book.running(at: now, filter: .breached).map(\.conversation) == ["b"])
        #expect(book.running(at: now, filter: .atRisk).map(\.conversation) == ["c"])
        #expect(book.running(at: now).first?.remaining == .seconds(-50 * 60))
        #expect(book.running(at: now)[2].breachAt == F.berlin("2026-12-01T11:30"))
    }

    /// A reopen resumes the resolution clock and takes back its met outcome.
    @Test func reopenResumesResolution() throws {
        var book = try F.book([F.policy(resolution: .seconds(2 * 3600), hours: .calendar)])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        #expect(F.summary(book.apply(F.status("c-1", "2026-12-01T11:00", .solved))) == ["met c-1 resolution 2026-12-01T10:00:00.000Z"])
        #expect(book.attainment().first?.met == 1)
        _ = book.apply(F.status("c-1", "2026-12-01T15:00", .open))
        #expect(book.attainment().first?.applied == 0)
        // 1 h used: the warning at 96 min is 36 min after the reopen, the breach at 16:00.
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-12-01T18:00"))) == [
                "warning c-1 resolution 2026-12-01T14:36:00.000Z", "breach c-1 resolution 2026-12-01T15:00:00.000Z",
            ])
    }

    /// Snapshot mid-way (after the warning, before the breach), through JSON, restored: the
    /// same emissions follow as from the book that never stopped, and the warning is not sent again.
    @Test func snapshotRestoreContinuesExactly() throws {
        let policies = [F.policy(firstResponse: .seconds(3600), nextReply: .seconds(1800), resolution: .seconds(8 * 3600))]
        var straight = try F.book(policies)
        var first = try F.book(policies)
        let before: [SLAEvent] = [
            F.opened("c-1", "2026-11-27T16:50"), F.opened("c-2", "2026-12-01T09:10"), F.reply("c-2", "2026-12-01T09:20"),
            F.customer("c-2", "2026-12-01T09:25"), F.status("c-2", "2026-12-01T09:30", .pending), F.status("c-2", "2026-12-01T09:35", .open),
        ]
        for event in before {
            let (a, b) = (straight.apply(event), first.apply(event))
            #expect(a == b)
        }
        let (dueA, dueB) = (straight.due(upTo: F.berlin("2026-12-01T09:40")), first.due(upTo: F.berlin("2026-12-01T09:40")))
        #expect(dueA == dueB)
        #expect(F.summary(dueA) == ["warning c-1 first_response 2026-12-01T08:38:00.000Z"])
        let data = try JSONEncoder().encode(first.snapshot())
        var restored = try SLAClockBook(philosophy: F.philosophy(policies), restoring: JSONDecoder().decode(SLABookSnapshot.self, from: data))
        #expect(restored.nextDueInstant == straight.nextDueInstant)
        let after: [SLAEvent] = [F.reply("c-2", "2026-12-01T10:05"), F.customer("c-2", "2026-12-01T10:10")]
        var expected: [SLAEmission] = [], actual: [SLAEmission] = []
        expected += straight.due(upTo: F.berlin("2026-12-01T09:45"))
        actual += restored.due(upTo: F.berlin("2026-12-01T09:45"))
        for event in after {
            expected += straight.apply(event)
            actual += restored.apply(event)
        }
        expected += straight.due(upTo: F.berlin("2026-12-03T12:00"))
        actual += restored.due(upTo: F.berlin("2026-12-03T12:00"))
        #expect(actual == expected)
        #expect(expected.filter { $0.kind == .warning && $0.conversation == "c-1" && $0.metric == .firstResponse }.isEmpty)
        #expect(expected.contains { $0.kind == .breach && $0.conversation == "c-1" && $0.at == F.berlin("2026-12-01T09:50") })
        #expect(restored.attainment() == straight.attainment())
        #expect(restored.breaches == straight.breaches)
        #expect(restored.snapshot() == straight.snapshot())
    }

    /// A stored event becomes an SLA event with its dimensions and direction.
    @Test func storedEventsAreRead() throws {
        let text = #"{"id":"e1","type":"conversation.opened","at":"2026-12-01T09:00:00Z","conversation":"c-9","priority":"urgent","attributes":{"direction":"outbound","plan":"gold","segment":"smb"}}"#
        let event = try EventValidator.validate(json: Array(text.utf8))
        let sla = try #require(SLAEvent(event))
        #expect(sla.kind == .opened(outbound: true))
        #expect(sla.fields[.dimension(.priority)] == "urgent")
        #expect(sla.fields[.attribute("plan")] == "gold")
        #expect(sla.fields[.dimension(.segment)] == "smb")
    }

    /// An outbound conversation has no first-response clock.
    @Test func outboundHasNoFirstResponseClock() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(SLAEvent(conversation: "c-1", at: F.berlin("2026-12-01T10:00"), kind: .opened(outbound: true)))
        #expect(book.nextDueInstant == nil)
        #expect(book.running(at: F.berlin("2026-12-01T10:00")).isEmpty)
    }

    /// A closed conversation is forgotten (its clocks stop, its slot is reused); events for it
    /// afterwards change nothing, and due instants of others still come at their instants.
    @Test func closedConversationIsForgotten() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        _ = book.apply(F.opened("c-2", "2026-12-01T10:05"))
        _ = book.apply(F.status("c-1", "2026-12-01T10:10", .closed))
        #expect(book.conversationCount == 1)
        #expect(book.nextDueInstant == F.berlin("2026-12-01T10:53"))
        let late = book.apply(F.status("c-1", "2026-12-01T11:00", .open))
        #expect(F.summary(late) == ["warning c-2 first_response 2026-12-01T09:53:00.000Z"])
        #expect(book.conversationCount == 1)
        _ = book.apply(F.opened("c-3", "2026-12-01T11:00"))
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-12-01T11:59"))) == [
                "breach c-2 first_response 2026-12-01T10:05:00.000Z", "warning c-3 first_response 2026-12-01T10:48:00.000Z",
            ])
    }

    /// A reload restores the snapshot under the new philosophy: the clock keeps its 30 minutes
    /// and takes the new 45-minute target, whose 80 % (36 minutes) is 6 minutes after the restart.
    @Test func restoreUnderAReloadedPhilosophyTakesItsTargets() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        _ = book.apply(SLAEvent(conversation: "c-1", at: F.berlin("2026-12-01T10:30"), kind: .other))
        var reloaded = try SLAClockBook(philosophy: F.philosophy([F.policy(firstResponse: .seconds(45 * 60))]), restoring: book.snapshot())
        #expect(reloaded.nextDueInstant == F.berlin("2026-12-01T10:36"))
        #expect(
            F.summary(reloaded.due(upTo: F.berlin("2026-12-01T12:00"))) == [
                "warning c-1 first_response 2026-12-01T09:36:00.000Z", "breach c-1 first_response 2026-12-01T09:45:00.000Z",
            ])
    }

    /// A snapshot that does not hold together is refused with the reason.
    @Test func badSnapshotIsRefused() throws {
        var book = try F.book([F.policy(firstResponse: .seconds(3600))])
        _ = book.apply(F.opened("c-1", "2026-12-01T10:00"))
        var snapshot = book.snapshot()
        snapshot.conversations[0].status = "lost"
        #expect(throws: SLAError.self) { try SLAClockBook(philosophy: F.philosophy([]), restoring: snapshot) }
        do {
            _ = try SLAClockBook(philosophy: F.philosophy([]), restoring: snapshot)
        } catch {
            #expect(error.code == .badSnapshot)
            #expect(error.message.contains("status `lost`"))
        }
    }

    /// The binary form carries a snapshot exactly; a cut or altered file is refused with where.
    @Test func binarySnapshotRoundTripsAndRefusesDamage() throws {
        let urgent = F.policy(
            "urgent", where: [.init(field: .dimension(.priority), values: ["urgent"])], firstResponse: .seconds(15 * 60), hours: .calendar)
        var book = try F.book([urgent, F.policy(firstResponse: .seconds(3600), resolution: .seconds(8 * 3600))])
        _ = book.apply(F.opened("c-1", "2026-11-27T16:50", priority: "urgent"))
        _ = book.apply(F.opened("c-2", "2026-12-01T10:00", priority: "low"))
        _ = book.apply(F.reply("c-2", "2026-12-01T10:55"))
        _ = book.due(upTo: F.berlin("2026-12-01T11:00"))
        let snapshot = book.snapshot()
        #expect(!snapshot.outcomes.isEmpty && !snapshot.tallies.isEmpty)
        let bytes = snapshot.binary()
        #expect(try SLABookSnapshot(binary: bytes) == snapshot)
        #expect(throws: SLAError.self) { try SLABookSnapshot(binary: Array(bytes.dropLast())) }
        #expect(throws: SLAError.self) { try SLABookSnapshot(binary: bytes + [0]) }
        var wrongMagic = bytes
        wrongMagic[0] = 0
        #expect(throws: SLAError.self) { try SLABookSnapshot(binary: wrongMagic) }
        var hugeCount = bytes
        hugeCount[13..<17] = [0xFF, 0xFF, 0xFF, 0x7F]  // the field-name count
        #expect(throws: SLAError.self) { try SLABookSnapshot(binary: hugeCount) }
    }

    /// A transfer to a team whose coverage is 24/7 moves the clock onto calendar time from the
    /// transfer on: 5 business minutes on Friday, then 55 calendar minutes → Friday 17:50. A
    /// private note on the way is no reply.
    @Test func coverageChangeMovesTheClockToTheNewSchedule() throws {
        var philosophy = F.philosophy([F.policy(firstResponse: .seconds(3600), warning: .before(.seconds(600)))])
        philosophy.coverage.insert(
            CoverageRule(filter: MetricFilter([.init(field: .dimension(.team), values: ["night"])]), schedule: "always"), at: 0)
        var book = try SLAClockBook(philosophy: philosophy)
        _ = book.apply(F.opened("c-1", "2026-11-27T16:50"))
        #expect(book.nextDueInstant == F.berlin("2026-12-01T09:40"))
        _ = book.apply(
            SLAEvent(conversation: "c-1", at: F.berlin("2026-11-27T16:55"), kind: .routed, fields: [.dimension(.team): "night"]))
        #expect(book.apply(SLAEvent(conversation: "c-1", at: F.berlin("2026-11-27T17:00"), kind: .message(author: .agent, isPublic: false))).isEmpty)
        #expect(
            F.summary(book.due(upTo: F.berlin("2026-11-28T00:00"))) == [
                "warning c-1 first_response 2026-11-27T16:40:00.000Z", "breach c-1 first_response 2026-11-27T16:50:00.000Z",
            ])
    }
}
