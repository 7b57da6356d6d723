#if canImport(Glibc)
import Glibc
#endif
import Testing
import TenetModels
import TenetNotify

struct DeliveryTests {
    @Test func backoffDoublesWithSeededJitterAndACap() {
        let policy = RetryPolicy(base: .seconds(1), maximum: .seconds(10), jitter: 0.5)
        var random = SeededRandom(seed: 99)
        let delays = (1...6).map { policy.delay(afterAttempt: $0, retryAfter: nil, random: &random) }
        var check = SeededRandom(seed: 99)
        let expected = [1.0, 2, 4, 8, 10, 10].map { seconds in
            Duration.nanoseconds(Int64((seconds * (1 - 0.5 * check.unit()) * 1e9).rounded()))
        }
        #expect(delays == expected)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(30), random: &random) == .seconds(30))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(99_999), random: &random) == .seconds(3600))
    }

    @Test func lastFailureBecomesADeadLetter() async {
        let failure = NotifyError(.timeout, "no answer")
        let sender = ScriptedSender(attempts: 3, script: Array(repeating: .retryable(failure, retryAfter: nil), count: 3))
        let sleeps = RecordedSleeps()
        let delivery = NotificationDelivery(journal: DeliveryJournal(), random: SeededRandom(seed: 1), sleep: sleeps.sleep)
        let outcome = await delivery.deliver(Fixtures.notification(), via: sender)
        #expect(outcome == DeliveryOutcome(notificationID: "a1", notifier: "fake", status: .deadLetter, attempts: 3, lastError: failure))
        #expect(sender.sent == ["a1#1", "a1#2", "a1#3"])
        #expect(sleeps.all.count == 2)
        #expect(delivery.journal.records.map(\.status) == [.failed, .failed, .deadLetter])
        #expect(delivery.journal.records.map(\.attempt) == [1, 2, 3])
    }

    @Test func aPermanentFailureIsNotRetried() async {
        let sender = ScriptedSender(script: [.permanent(NotifyError(.httpStatus, "HTTP 404"))])
        let delivery = NotificationDelivery(journal: DeliveryJournal(), sleep: RecordedSleeps().sleep)
        let outcome = await delivery.deliver(Fixtures.notification(), via: sender)
        #expect(outcome.status == .deadLetter)
        #expect(sender.sent == ["a1#1"])
    }

    @Test func theJournalSurvivesARestartAndStopsASecondSend() async throws {
        let path = "/tmp/tenet-notify-journal-\(Timestamp.now().nanosecondsSinceEpoch).jsonl"
        defer { unlink(path) }
        let sender = ScriptedSender(script: [.retryable(NotifyError(.connection, "refused"), retryAfter: nil)])
        do {
            let delivery = NotificationDelivery(journal: try DeliveryJournal(path: path), sleep: RecordedSleeps().sleep)
            #expect(await delivery.deliver(Fixtures.notification(), via: sender).status == .delivered)
        }
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        let reopened = try DeliveryJournal(path: path)
        #expect(reopened.records.map(\.status) == [.failed, .succeeded])
        #expect(reopened.hasDelivered("a1", notifier: "fake"))
        let delivery = NotificationDelivery(journal: reopened, sleep: RecordedSleeps().sleep)
        #expect(await delivery.deliver(Fixtures.notification(), via: sender).status == .duplicate)
        #expect(sender.sent == ["a1#1", "a1#2"])
    }

    @Test func concurrentDeliveriesOfOneIDSendOnce() async {
        let sender = ScriptedSender(script: [])
        let delivery = NotificationDelivery(journal: DeliveryJournal(), sleep: RecordedSleeps().sleep)
        let statuses = await withTaskGroup(of: DeliveryOutcome.Status.self) { group in
            for _ in 0..<8 { group.addTask { await delivery.deliver(Fixtures.notification(), via: sender).status } }
            return await group.reduce(into: [DeliveryOutcome.Status]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == .delivered }.count == 1)
        #expect(statuses.filter { $0 == .duplicate }.count == 7)
        #expect(sender.sent == ["a1#1"])
    }
}
