import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TenetBus
import TenetIngest
import TenetIngestProtocol
import TenetModels
import TenetPlugin
import TenetStoreProtocol
import TenetTestSupport

@Suite("HTTP ingest routes, in process")
struct HTTPIngestTests {
    static let token = "test-token"
    static let authorized: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/x-ndjson"]

    static func event(_ id: String, conversation: String = "c-1") -> String {
        #"{"id":"\#(id)","type":"conversation.opened","at":"2026-11-02T09:00:00Z","conversation":"\#(conversation)"}"#
    }

    /// Runs `body` against the routes, in front of a real store served in process.
    static func withIngest(
        storeEndpoint: String? = nil, storeTimeout: Duration = .seconds(30),
        _ body: @Sendable (any TestClientProtocol, StoreTestHarness) async throws -> Void
    ) async throws {
        let harness = try StoreTestHarness()
        defer { harness.close() }
        let store = try BusAsyncClient(context: harness.context, endpoint: storeEndpoint ?? harness.endpoint, sender: "ingest")
        defer { store.shutdown() }
        var ingest = HTTPIngest(store: store, token: token, tokenFile: nil)
        ingest.storeTimeout = storeTimeout
        let app = Application(router: ingest.router())
        try await app.test(.router) { client in try await body(client, harness) }
    }

    static func report(_ response: TestResponse) throws -> IngestReport {
        try JSONDecoder().decode(IngestReport.self, from: Data(buffer: response.body))
    }

    @Test("One event under a stored id with other content: 409 and a conflict line error; the same event again: 202 duplicate")
    func conflictIs409() async throws {
        try await Self.withIngest { client, _ in
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: Self.event("evt-0001"))) { response in
                let report = try Self.report(response)
                #expect(response.status == .accepted)
                #expect(report.accepted == 1)
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: Self.event("evt-0001"))) { response in
                let report = try Self.report(response)
                #expect(response.status == .accepted)
                #expect(report.duplicates == 1)
            }
            let changed = Self.event("evt-0001", conversation: "c-2")
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: changed)) {
                #expect($0.status == .conflict)
                let report = try Self.report($0)
                #expect(report.conflicts == 1 && report.accepted == 0 && report.duplicates == 0)
                #expect(report.errors.map(\.problem) == [.conflict])
                #expect(report.errors.map(\.line) == [1])
            }
            // In a batch with an invalid line too: 400, one error per line, each with its kind.
            let batch = [Self.event("evt-0002"), changed, #"{"id":"x"}"#].joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: batch)) {
                #expect($0.status == .badRequest)
                let report = try Self.report($0)
                #expect(report.errors.map(\.problem) == [.conflict, .rejected])
                #expect(report.errors.map(\.line) == [2, 3])
                #expect(report.accepted == 1)
            }
        }
    }

    @Test("A declared Content-Length over 64 MiB is refused with 413 before any of the body is sent")
    func contentLengthRefused() async throws {
        let harness = try StoreTestHarness()
        defer { harness.close() }
        let store = try BusAsyncClient(context: harness.context, endpoint: harness.endpoint, sender: "ingest")
        defer { store.shutdown() }
        // Port 0: any free port (the default, 8080, may be taken by anything else on the machine).
        let app = Application(
            router: HTTPIngest(store: store, token: Self.token, tokenFile: nil).router(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // A real client that announces 100 GiB and sends none of it: the answer must come
            // from the header alone.
            let head = "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(Self.token)\r\n"
                + "Content-Length: \(100 << 30)\r\n\r\n"
            let connection = try RawHTTPConnection(port: port)
            try connection.send(head)
            let answer = try await connection.response()
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer)")
            #expect(answer.contains("107374182400 bytes"))
        }
    }

    @Test("A body of white space only is 400 `empty`, not 202")
    func whitespaceBody() async throws {
        try await Self.withIngest { client, _ in
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: " \n\t\r\n  \n")) {
                #expect($0.status == .badRequest)
                #expect(String(buffer: $0.body).contains(#""code":"empty""#))
            }
        }
    }

    @Test("Token required; /v1/health answers without one")
    func tokenAndHealth() async throws {
        try await Self.withIngest { client, _ in
            try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: Self.event("e"))) {
                #expect($0.status == .unauthorized)
            }
            var wrong = Self.authorized
            wrong[.authorization] = "Bearer test-tokeN"
            try await client.execute(uri: "/v1/events", method: .post, headers: wrong, body: ByteBuffer(string: Self.event("e"))) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/health", method: .get) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body) == #"{"status":"ok"}"#)
            }
        }
    }

    @Test("No store: 503 `store_unavailable`, saying to retry")
    func storeDown() async throws {
        let nowhere = "ipc://" + NSTemporaryDirectory() + "tenet-nobody-\(UUID().uuidString.prefix(8)).sock"
        try await Self.withIngest(storeEndpoint: nowhere, storeTimeout: .milliseconds(300)) { client, _ in
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: Self.event("e"))) {
                #expect($0.status == .serviceUnavailable)
                let text = String(buffer: $0.body)
                #expect(text.contains(#""code":"store_unavailable""#) && text.contains("retry"))
            }
        }
    }

    @Test("Idempotency-Key: a retried request's rejected line is dead-lettered once")
    func idempotencyKey() async throws {
        try await Self.withIngest { client, harness in
            var headers = Self.authorized
            headers[HTTPField.Name("Idempotency-Key")!] = "key-1"
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: #"{"id":"bad"}"#)) {
                    #expect($0.status == .badRequest)
                }
            }
            let store = try harness.client()
            defer { store.close() }
            let stats = try store.request(StoreMethod.stats.rawValue, body: EmptyBody(), timeout: .seconds(10), as: StoreStats.self)
            #expect(stats.deadLetters == 1)
        }
    }

    /// An event whose `attributes` nest so that the event is `levels` deep in all.
    static func deepEvent(_ id: String, levels: Int) -> String {
        // Level 1 is the event, level 2 `attributes`, then arrays down to `levels`.
        let arrays = levels - 2
        let nested = String(repeating: "[", count: arrays) + String(repeating: "]", count: arrays)
        return #"{"id":"\#(id)","type":"conversation.opened","at":"2026-11-02T09:00:00Z","conversation":"c-1","attributes":{"deep":\#(nested)}}"#
    }

    @Test("One depth limit on the event itself: an event at the limit is stored and replayed in every envelope; one level more is one rejected line")
    func depthLimit() async throws {
        try await Self.withIngest { client, harness in
            let atLimit = Self.deepEvent("deep-ok", levels: Event.maximumDepth)
            let tooDeep = Self.deepEvent("deep-no", levels: Event.maximumDepth + 1)
            let body = [atLimit, Self.event("plain"), tooDeep].joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: body)) { response in
                let report = try Self.report(response)
                #expect(response.status == .badRequest)
                #expect(report.accepted == 2 && report.rejected == 1)
                #expect(report.errors.map(\.line) == [3])
                #expect(report.errors.first?.reason.contains("\(Event.maximumDepth)") == true, "\(report.errors)")
            }
            // As a JSON array body (one more level around the events) too.
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: "[\(atLimit)]")) { response in
                let report = try Self.report(response)
                #expect(response.status == .accepted)
                #expect(report.duplicates == 1)
            }
            // Replay (entries inside a page: three levels around the event) gives it back whole.
            let store = try harness.client()
            defer { store.close() }
            let reply = try store.request(StoreMethod.replay.rawValue, body: ReplayRequest(after: 0, limit: 10), timeout: .seconds(10))
            let page = try StoredEvent.page(from: reply.body)
            #expect(page.events.map(\.id) == ["deep-ok", "plain"])
            #expect(page.events.first?.json == Array(atLimit.utf8))
            #expect(try EventValidator.validate(json: page.events[0].json).id == "deep-ok")
        }
    }
}
