import Foundation
import Testing
import TenetModels
import TenetNotify

struct SilenceTests {
    static let maintenance = Silence(
        id: "s1", rule: "FirstResponseSlipping", labels: ["team": "support"], startsAt: Fixtures.at(minutes: 0),
        endsAt: Fixtures.at(minutes: 60), createdBy: "ops", comment: "migration")

    @Test func aSilencedNotificationIsRecordedAsSuppressedAndNotSent() async {
        var book = SilenceBook()
        book.add(Self.maintenance)
        let clock = ManualInstant(Fixtures.at(minutes: 10))
        let sender = ScriptedSender(script: [])
        let delivery = NotificationDelivery(journal: DeliveryJournal(), now: { clock.value }, sleep: RecordedSleeps().sleep)

        let silenced = await delivery.deliver(Fixtures.notification(id: "n1"), via: sender, silences: book)
        #expect(silenced.status == .suppressed)
        #expect(sender.sent == [])
        #expect(delivery.journal.records.map(\.status) == [.suppressed])
        #expect(delivery.journal.records.first?.silenceID == "s1")

        // Another team's alert is not silenced.
        let other = await delivery.deliver(Fixtures.notification(id: "n2", labels: ["team": "sales"]), via: sender, silences: book)
        #expect(other.status == .delivered)

        // Expired early: the next notification goes out.
        let expired = book.expire("s1", at: Fixtures.at(minutes: 20))
        #expect(expired)
        clock.value = Fixtures.at(minutes: 21)
        #expect(await delivery.deliver(Fixtures.notification(id: "n3"), via: sender, silences: book).status == .delivered)
        #expect(sender.sent == ["n2#1", "n3#1"])
    }

    @Test func silencesStartEndAndList() {
        var book = SilenceBook()
        book.add(Self.maintenance)
        book.add(Silence(id: "s2", labels: ["team": "sales"], startsAt: Fixtures.at(minutes: 30), endsAt: Fixtures.at(minutes: 90)))
        #expect(book.list(at: Fixtures.at(minutes: 10)).map(\.id) == ["s1"])
        #expect(book.list(at: Fixtures.at(minutes: 45)).map(\.id) == ["s1", "s2"])
        #expect(book.list(at: Fixtures.at(minutes: 60)).map(\.id) == ["s2"])
        #expect(book.silence(matching: Fixtures.notification(), at: Fixtures.at(minutes: 60)) == nil)
        let expiredAgain = book.expire("s1", at: Fixtures.at(minutes: 61))
        #expect(!expiredAgain)
        book.prune(endedBefore: Fixtures.at(minutes: 61))
        #expect(book.list(at: Fixtures.at(minutes: 61), includeInactive: true).map(\.id) == ["s2"])
        // No rule and no labels would silence everything: it matches nothing.
        #expect(!Silence(id: "all", startsAt: Fixtures.nine, endsAt: Fixtures.at(minutes: 5)).matches(Fixtures.notification()))
    }

    @Test func theBookIsCodable() throws {
        var book = SilenceBook()
        book.add(Self.maintenance)
        let data = try JSONEncoder().encode(book)
        #expect(try JSONDecoder().decode(SilenceBook.self, from: data) == book)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""ends_at":"2026-11-27T10:00:00.000Z""#))
    }
}

/// A settable instant for a delivery's clock.
final class ManualInstant: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Timestamp
    init(_ value: Timestamp) { stored = value }
    var value: Timestamp {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
