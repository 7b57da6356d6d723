import Testing
import TenetModels
import TenetNotify

struct WebhookSignatureTests {
    /// The worked example of docs/ALERTS.md ("The signature"); the hex was computed with Python's hmac.
    static let body =
        #"{"id":"a1","kind":"firing","rule":"FirstResponseSlipping","severity":"critical","labels":{"team":"support"},"annotations":{},"value":4320,"at":"2026-11-27T09:00:00.000Z","details":{}}"#
    static let hex = "2ed509dcef6c177d08e3d1bc0da582a42b09c2179b84f942acfcd09f7a00c5ee"

    @Test func theWorkedExample() {
        #expect(JSONWriter.string(Fixtures.notification().jsonValue) == Self.body)
        #expect(
            WebhookSignature.header(body: Array(Self.body.utf8), timestamp: 1_795_770_000, secret: Array("whsec_example".utf8))
                == "v1=" + Self.hex)
    }

    @Test func verifyAcceptsTheRightSignatureOnly() {
        let body = Array(Self.body.utf8)
        let secret = Array("whsec_example".utf8)
        #expect(WebhookSignature.verify(header: "v1=\(Self.hex)", body: body, timestamp: 1_795_770_000, secret: secret))
        #expect(WebhookSignature.verify(header: "v1=00, v1=\(Self.hex)", body: body, timestamp: 1_795_770_000, secret: secret))
        #expect(!WebhookSignature.verify(header: "v1=\(Self.hex)", body: body, timestamp: 1_795_770_001, secret: secret))
        #expect(!WebhookSignature.verify(header: "v1=\(Self.hex)", body: body + [0x20], timestamp: 1_795_770_000, secret: secret))
        #expect(!WebhookSignature.verify(header: "v1=\(Self.hex)", body: body, timestamp: 1_795_770_000, secret: Array("other".utf8)))
        #expect(!WebhookSignature.verify(header: "v0=\(Self.hex)", body: body, timestamp: 1_795_770_000, secret: secret))
    }

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        #expect(WebhookSender.retryAfter("120", now: Fixtures.nine) == .seconds(120))
        #expect(WebhookSender.retryAfter("Fri, 27 Nov 2026 09:01:30 GMT", now: Fixtures.nine) == .seconds(90))
        #expect(WebhookSender.retryAfter("Fri, 27 Nov 2026 08:00:00 GMT", now: Fixtures.nine) == .zero)
        #expect(WebhookSender.retryAfter("soon", now: Fixtures.nine) == nil)
    }

    @Test func notificationJSONRoundTrips() throws {
        var notification = Fixtures.notification()
        notification.annotations = ["summary": "p90 FRT 1h12m"]
        notification.details = JSONObject([("policy", .string("urgent"))])
        #expect(try TenetNotify.Notification(json: notification.jsonValue) == notification)
        #expect(throws: NotifyError.self) { try TenetNotify.Notification(json: .object(JSONObject([("id", .string("x"))]))) }
    }
}
