import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import TenetBus
import TenetHTTP
import TenetWeb

/// Answers like the plugins would, and records what it was asked.
final class StandInBackend: WebBackend {
    let asked = Mutex<[(peer: WebPeer, method: String, body: String)]>([])
    let answer: @Sendable (WebPeer, String, [UInt8]) throws(BusProtocolError) -> [UInt8]

    init(answer: @escaping @Sendable (WebPeer, String, [UInt8]) throws(BusProtocolError) -> [UInt8]) {
        self.answer = answer
    }

    func request(_ peer: WebPeer, method: String, body: [UInt8]) async throws(BusProtocolError) -> [UInt8] {
        asked.withLock { $0.append((peer, method, String(decoding: body, as: UTF8.self))) }
        return try answer(peer, method, body)
    }
}

@Suite("Web routes, in process, in front of a stand-in for the plugins")
struct WebRoutesTests {
    static let token = "web-test-token"
    static let authorized: HTTPFields = [.authorization: "Bearer \(token)"]

    static func withAPI(
        metricsNeedToken: Bool = true, backend: StandInBackend = StandInBackend { _, _, _ in Array(#"{"ok":true}"#.utf8) },
        _ body: @Sendable (any TestClientProtocol, StandInBackend) async throws -> Void
    ) async throws {
        let api = WebAPI(backend: backend, token: BearerToken(value: token, file: nil), metricsNeedToken: metricsNeedToken, hub: LiveHub())
        try await Application(router: api.router()).test(.router) { client in try await body(client, backend) }
    }

    /// The error body's code and message (empty when the body is not an error).
    static func error(_ response: TestResponse) -> (code: String, message: String) {
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: [String: String]]
        return (object?["error"]?["code"] ?? "", object?["error"]?["message"] ?? "")
    }

    @Test("A missing or wrong token is refused with a 401 JSON error; the right one reaches the metrics plugin")
    func tokens() async throws {
        try await Self.withAPI { client, backend in
            try await client.execute(uri: "/v1/scorecard", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/json")
                #expect(Self.error(response).code == "unauthorized")
            }
            try await client.execute(uri: "/v1/scorecard", method: .get, headers: [.authorization: "Bearer \(Self.token)x"]) { response in
                #expect(response.status == .unauthorized)
            }
            #expect(backend.asked.withLock { $0.count } == 0)
            try await client.execute(uri: "/v1/scorecard", method: .get, headers: Self.authorized) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"ok":true}"#)
            }
            #expect(backend.asked.withLock { $0.map { "\($0.peer.rawValue) \($0.method) \($0.body)" } } == ["metrics scorecard {}"])
        }
    }

    @Test("An unknown route is a 404 JSON error, a known one with another method a 405 with Allow; a bad parameter a 400 naming it, before any plugin is asked")
    func notFoundAndBadParameter() async throws {
        try await Self.withAPI { client, backend in
            try await client.execute(uri: "/v1/nothing", method: .get, headers: Self.authorized) { response in
                #expect(response.status == .notFound)
                #expect(Self.error(response) == ("not_found", "no route GET /v1/nothing; see /v1/openapi.yaml"))
            }
            try await client.execute(uri: "/v1/scorecard", method: .delete, headers: Self.authorized) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(Self.error(response) == ("method_not_allowed", "/v1/scorecard takes GET, not DELETE"))
            }
            try await client.execute(uri: "/v1/conversations/c-1", method: .post, headers: Self.authorized) { #expect($0.status == .methodNotAllowed) }
            try await client.execute(uri: "/v1/events", method: .get, headers: Self.authorized) { response in
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/v1/metrics?metric=csat&hours=wall", method: .get, headers: Self.authorized) { response in
                #expect(response.status == .badRequest)
                #expect(Self.error(response) == ("bad_parameter", "query parameter 'hours': 'wall' is not one of calendar, business"))
            }
            #expect(backend.asked.withLock { $0.count } == 0)
        }
    }

    @Test("/v1/metrics sends the query as the metrics plugin takes it")
    func metricQuery() async throws {
        try await Self.withAPI { client, backend in
            try await client.execute(uri: "/v1/metrics?metric=csat&where.team=support,sales&by=channel", method: .get, headers: Self.authorized) { response in
                #expect(response.status == .ok)
            }
            let asked = backend.asked.withLock { $0.first }
            #expect(asked?.method == "query")
            let body = try JSONSerialization.jsonObject(with: Data((asked?.body ?? "").utf8)) as? NSDictionary
            #expect(body == ["metric": "csat", "where": ["team": ["support", "sales"]], "by": ["channel"]] as NSDictionary)
        }
    }

    @Test("A plugin that does not answer is a 503; an unknown metric a 404; a request refused a 400 with its message; a failure a 502")
    func upstreamFailures() async throws {
        let backend = StandInBackend { peer, _, body throws(BusProtocolError) in
            switch peer {
            case .rules: throw BusProtocolError(code: .timedOut, message: "no reply within 10s")
            case .metrics where String(decoding: body, as: UTF8.self).contains(#""metric":"speed""#):
                throw BusProtocolError(code: .remoteError, message: "", remote: BusErrorBody(code: .unknownMetric, message: "unknown metric `speed`"))
            case .metrics: throw BusProtocolError(code: .remoteError, message: "", remote: .badRequest("`p90` does not apply to `csat`"))
            default: throw BusProtocolError(code: .remoteError, message: "", remote: BusErrorBody(code: "internal", message: "boom"))
            }
        }
        try await Self.withAPI(backend: backend) { client, _ in
            try await client.execute(uri: "/v1/alerts", method: .get, headers: Self.authorized) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(Self.error(response) == ("unavailable", "the rules plugin did not answer (timed_out): retry"))
            }
            try await client.execute(uri: "/v1/metrics?metric=speed", method: .get, headers: Self.authorized) { response in
                #expect(response.status == .notFound)
                #expect(Self.error(response) == ("unknown_metric", "unknown metric `speed`"))
            }
            try await client.execute(uri: "/v1/metrics?metric=csat&stat=p90", method: .get, headers: Self.authorized) { response in
                #expect(response.status == .badRequest)
                #expect(Self.error(response) == ("bad_request", "the metrics plugin refused the request: `p90` does not apply to `csat`"))
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: "{}\n")) { response in
                #expect(response.status == .badGateway)
                #expect(Self.error(response) == ("upstream_error", "the ingest plugin failed: internal: boom"))
            }
        }
    }

    @Test("POST /v1/events sends the body's lines to ingest and answers with its report's status")
    func events() async throws {
        let backend = StandInBackend { _, _, _ in
            Array(#"{"accepted":1,"duplicates":0,"conflicts":0,"rejected":1,"errors":[{"line":3,"status":"rejected","reason":"`at`: missing"}],"last_seq":7}"#.utf8)
        }
        try await Self.withAPI(backend: backend) { client, backend in
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: "{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n")) { response in
                #expect(response.status == .badRequest)
            }
            let asked = backend.asked.withLock { $0.first }
            #expect(asked?.peer == .ingest)
            #expect(asked?.method == "lines")
            let body = try JSONSerialization.jsonObject(with: Data((asked?.body ?? "").utf8)) as? [String: Any]
            #expect(body?["lines"] as? [String] == [#"{"id":"a"}"#, "", #"{"id":"b"}"#])
            #expect(body?["first_line"] as? Int == 1)
            try await client.execute(uri: "/v1/events", method: .post, headers: Self.authorized, body: ByteBuffer(string: "\n \n")) { response in
                #expect(response.status == .badRequest)
                #expect(Self.error(response).code == "empty")
            }
        }
    }

    @Test("/metrics needs the token unless opened; its content type is the text format 0.0.4")
    func metricsAuth() async throws {
        try await Self.withAPI { client, _ in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
        }
        try await Self.withAPI(metricsNeedToken: false) { client, _ in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == PrometheusText.contentType)
                #expect(String(buffer: response.body).contains("tenet_web_source_up{source=\"metrics\"} 0\n"))
            }
        }
    }

    @Test("The OpenAPI document served is docs/openapi.yaml, without the token")
    func openAPI() async throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/openapi.yaml")
        let file = try String(contentsOf: docs, encoding: .utf8)
        #expect(OpenAPIDocument.text + "\n" == file)
        try await Self.withAPI { client, _ in
            try await client.execute(uri: "/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == OpenAPIDocument.text)
            }
        }
    }

    @Test("Every error body has a code and a message")
    func errorBody() throws {
        let error = APIError.parameter("limit", "'x' is not a whole number")
        let object = try JSONSerialization.jsonObject(with: Data(error.body)) as? [String: [String: String]]
        #expect(object == ["error": ["code": "bad_parameter", "message": "query parameter 'limit': 'x' is not a whole number"]])
        #expect(error.response.status == .badRequest)
    }
}
