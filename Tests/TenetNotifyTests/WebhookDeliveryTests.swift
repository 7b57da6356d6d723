import Testing
import TenetModels
import TenetNotify
import TenetTestSupport

/// The webhook notifier against docs/examples/python/webhook_receiver.py, a real HTTP receiver
/// that verifies every signature.
@Suite(.serialized) struct WebhookDeliveryTests {
    static let secret = "whsec_test_0123456789"

    func delivery(_ sleeps: RecordedSleeps, journal: DeliveryJournal = DeliveryJournal()) -> NotificationDelivery {
        NotificationDelivery(journal: journal, random: SeededRandom(seed: 7), sleep: sleeps.sleep)
    }

    @Test func twoServerErrorsThenSuccessIsDeliveredExactlyOnce() async throws {
        let receiver = try PythonReceiver(secret: Self.secret, respond: "500,500")
        let sleeps = RecordedSleeps()
        let delivery = delivery(sleeps)
        let sender = WebhookSender(name: "team-chat", url: receiver.url, secret: Array(Self.secret.utf8), timeout: .seconds(5), attempts: 6)
        let notification = Fixtures.notification(id: "alert-42")

        let outcome = await delivery.deliver(notification, via: sender)

        #expect(outcome.status == .delivered)
        #expect(outcome.attempts == 3)
        #expect(
            receiver.requests == [
                .init(idempotencyKey: "alert-42", attempt: "1", verified: true, reason: nil, status: 500),
                .init(idempotencyKey: "alert-42", attempt: "2", verified: true, reason: nil, status: 500),
                .init(idempotencyKey: "alert-42", attempt: "3", verified: true, reason: nil, status: 200),
            ])
        let records = delivery.journal.records(for: "alert-42", notifier: "team-chat")
        #expect(records.map(\.status) == [.failed, .failed, .succeeded])
        #expect(records.filter { $0.status == .succeeded }.count == 1)
        #expect(records.map(\.errorCode) == ["http_status", "http_status", nil])
        // Two waits, exponential with the seeded jitter: 1 s and 2 s, each cut by at most half.
        var random = SeededRandom(seed: 7)
        let expected = [1, 2].map { RetryPolicy.standard.delay(afterAttempt: $0, retryAfter: nil, random: &random) }
        #expect(sleeps.all == expected)

        // Delivered: the same id is never sent to this notifier again.
        let again = await delivery.deliver(notification, via: sender)
        #expect(again.status == .duplicate)
        #expect(receiver.requests.count == 3)
    }

    @Test func aWrongSecretFailsTheReceiversCheckAndIsDeadLettered() async throws {
        let receiver = try PythonReceiver(secret: Self.secret)
        let sleeps = RecordedSleeps()
        let delivery = delivery(sleeps)
        let sender = WebhookSender(name: "team-chat", url: receiver.url, secret: Array("not-the-secret".utf8), attempts: 6)

        let outcome = await delivery.deliver(Fixtures.notification(id: "alert-43"), via: sender)

        #expect(outcome.status == .deadLetter)
        #expect(outcome.attempts == 1)
        #expect(receiver.requests == [.init(idempotencyKey: "alert-43", attempt: "1", verified: false, reason: "signature does not match", status: 401)])
        #expect(sleeps.all == [])
        let dead = delivery.journal.deadLetters
        #expect(dead.map(\.notificationID) == ["alert-43"])
        #expect(dead.first?.errorCode == "http_status")
        #expect(dead.first?.message?.hasPrefix("webhook team-chat: POST \(receiver.url): HTTP 401: signature does not match") == true)
        #expect(try dead.first?.notification.map { try TenetNotify.Notification(json: $0) } == Fixtures.notification(id: "alert-43"))
    }

    @Test func aStaleTimestampIsRefused() async throws {
        let receiver = try PythonReceiver(secret: Self.secret)
        let delivery = delivery(RecordedSleeps())
        let anHourAgo = Timestamp(nanosecondsSinceEpoch: Timestamp.now().nanosecondsSinceEpoch - 3_600_000_000_000)
        let sender = WebhookSender(
            name: "team-chat", url: receiver.url, secret: Array(Self.secret.utf8), attempts: 3, now: { anHourAgo })

        let outcome = await delivery.deliver(Fixtures.notification(id: "alert-44"), via: sender)

        #expect(outcome.status == .deadLetter)
        #expect(receiver.requests.map(\.status) == [401])
        #expect(receiver.requests.first?.reason?.hasPrefix("stale timestamp: 3600 s away") == true)
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let receiver = try PythonReceiver(secret: Self.secret, respond: "429:7")
        let sleeps = RecordedSleeps()
        let delivery = delivery(sleeps)
        let sender = WebhookSender(name: "team-chat", url: receiver.url, secret: Array(Self.secret.utf8), attempts: 3)

        let outcome = await delivery.deliver(Fixtures.notification(id: "alert-45"), via: sender)

        #expect(outcome.status == .delivered)
        #expect(receiver.requests.map(\.status) == [429, 200])
        #expect(sleeps.all == [.seconds(7)])
    }

    @Test func aReceiverThatIsDownIsRetriedThenDeadLettered() async throws {
        // Take a free port from a receiver, then stop it: nothing listens there any more.
        var receiver: PythonReceiver? = try PythonReceiver(secret: Self.secret)
        let url = receiver!.url
        receiver = nil
        let sleeps = RecordedSleeps()
        let delivery = delivery(sleeps)
        let sender = WebhookSender(name: "team-chat", url: url, secret: Array(Self.secret.utf8), timeout: .milliseconds(500), attempts: 4)

        let outcome = await delivery.deliver(Fixtures.notification(id: "alert-46"), via: sender)

        #expect(outcome.status == .deadLetter)
        #expect(outcome.attempts == 4)
        #expect(outcome.lastError?.code == .connection)
        #expect(delivery.journal.records(for: "alert-46").map(\.status) == [.failed, .failed, .failed, .deadLetter])
        #expect(sleeps.all.count == 3)
    }
}
