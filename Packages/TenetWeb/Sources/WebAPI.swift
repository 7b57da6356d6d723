import Foundation
import Hummingbird
import Logging
import NIOCore
import TenetBus
import TenetControl
import TenetHTTP
import TenetIngest
import TenetIngestProtocol
import TenetMetricsProtocol
import TenetModels
import TenetRulesProtocol
import TenetStoreProtocol

/// The web plugin's HTTP routes (docs/API.md, docs/openapi.yaml): the dashboard's page and files
/// (docs/DASHBOARD.md), the REST API over the bus, the live stream and `/metrics`. Every answer
/// but the dashboard's, the stream, `/metrics` and the OpenAPI file is JSON; every error is
/// `{"error":{"code":…,"message":…}}`.
public struct WebAPI: Sendable {
    /// Who answers the requests.
    public let backend: any WebBackend
    /// The bearer token every route but the dashboard's files, `/v1/health`, `/v1/openapi.yaml`
    /// (and `/metrics` when opened) requires.
    public let token: BearerToken
    /// Whether `/metrics` requires the token.
    public let metricsNeedToken: Bool
    /// The live stream's clients.
    public let hub: LiveHub
    /// The philosophy's words for `GET /v1/philosophy` (the plugin reads the stack's file; without
    /// one the route answers 503).
    public var philosophy: @Sendable () throws(APIError) -> PhilosophySummary = { () throws(APIError) in
        throw APIError(.serviceUnavailable, .unavailable, "no philosophy file is configured")
    }
    /// How many bus messages the live stream forwarded so far (the plugin passes its feed's count).
    public var streamEvents: @Sendable () -> Int = { 0 }
    /// The request counters `/metrics` shows.
    public let counters = RequestCounters()
    /// Raised when the plugin starts to stop: a body still arriving is answered 503 at once.
    public let stopping = ShutdownNotice()

    /// The most events `GET /v1/conversations/{id}/events` returns.
    public static let maximumEvents = 1000
    /// The largest `POST /v1/events` body accepted.
    public static let maximumBody = 16 << 20
    /// How long a client may take to send its body.
    public static let bodyTimeout: Duration = .seconds(60)
    /// How long an idle connection stays open (longer than ``bodyTimeout``).
    public static let idleTimeout: TimeAmount = .seconds(75)

    /// Creates the routes.
    public init(backend: any WebBackend, token: BearerToken, metricsNeedToken: Bool, hub: LiveHub) {
        self.backend = backend
        self.token = token
        self.metricsNeedToken = metricsNeedToken
        self.hub = hub
        let hub = hub
        _ = stopping.register { hub.close() }
    }

    /// The routes, for an ``Application`` (and for in-process tests with HummingbirdTesting).
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Guard(api: self))
        router.get("/") { request, _ in
            try dashboard(DashboardAssets.page, request)
        }
        router.get("assets/{name}") { request, context in
            try dashboard(context.parameters.get("name") ?? "", request)
        }
        router.get("v1/health") { _, _ in JSONResponse.json(.ok, #"{"status":"ok"}"#.utf8) }
        router.get("v1/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
        router.get("v1/scorecard") { request, _ in
            try parameters(request).check(known: [], filters: false)
            return try await forward(.metrics, MetricsMethod.scorecard.rawValue, BusMessage.encodeJSON(EmptyBody()))
        }
        router.get("v1/metrics") { request, _ in
            try await forward(.metrics, MetricsMethod.query.rawValue, BusMessage.encodeJSON(parameters(request).metricQuery()))
        }
        router.get("v1/conversations") { request, _ in
            try await forward(.metrics, MetricsMethod.conversations.rawValue, BusMessage.encodeJSON(parameters(request).metricQuery(allowLimit: true)))
        }
        router.get("v1/conversations/{id}") { request, context in
            try parameters(request).check(known: [], filters: false)
            let id = context.parameters.get("id") ?? ""
            let body = try await ask(.metrics, MetricsMethod.conversation.rawValue, BusMessage.encodeJSON(ConversationRequest(conversation: id)))
            if let reply = try? JSONDecoder().decode(ConversationReply.self, from: Data(body)), reply.measurements.isEmpty, reply.anomalies.isEmpty {
                throw APIError(.notFound, .notFound, "no measurements for conversation '\(id)'")
            }
            return JSONResponse.json(.ok, body)
        }
        router.get("v1/conversations/{id}/events") { request, context in
            try parameters(request).check(known: [], filters: false)
            let id = context.parameters.get("id") ?? ""
            var query = QueryRequest()
            query.conversation = id
            query.limit = Self.maximumEvents
            let body = try await ask(.store, StoreMethod.query.rawValue, BusMessage.encodeJSON(query))
            if let reply = try? JSONDecoder().decode(StoredEventsCount.self, from: Data(body)), reply.events.isEmpty {
                throw APIError(.notFound, .notFound, "no stored event for conversation '\(id)'")
            }
            return JSONResponse.json(.ok, body)
        }
        router.get("v1/philosophy") { request, _ in
            try parameters(request).check(known: [], filters: false)
            let summary = try philosophy()
            return JSONResponse.json(.ok, BusMessage.encodeJSON(summary))
        }
        router.get("v1/staffing") { request, _ in
            try await forward(.metrics, MetricsMethod.staffing.rawValue, BusMessage.encodeJSON(parameters(request).staffing()))
        }
        router.get("v1/alerts") { request, _ in
            try await forward(.rules, RulesMethod.alerts.rawValue, BusMessage.encodeJSON(parameters(request).alerts()))
        }
        router.get("v1/sla") { request, _ in
            try await forward(.rules, RulesMethod.sla.rawValue, BusMessage.encodeJSON(parameters(request).sla()))
        }
        router.post("v1/events") { request, _ in
            try await events(request)
        }
        router.get("v1/stream") { request, _ in
            try parameters(request).check(known: [], filters: false)
            return stream()
        }
        router.get("metrics") { request, _ in
            try parameters(request).check(known: [], filters: false)
            return await prometheus()
        }
        return router
    }

    /// The HTTP server on `address`; once listening it writes its URL to `DATA/web.json` (0600).
    public func application(address: HTTPAddress, dataDirectory: String, logger: Logger) -> some ApplicationProtocol {
        let tokenNote = token.file.map { #""token_file":"\#($0)""# } ?? #""token":"configured (TENET_WEB_TOKEN)""#
        return Application(
            router: router(), server: .http1(configuration: .init(idleTimeout: Self.idleTimeout)),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "tenet-web"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let url = "http://\(address.host):\(port)/"
                let info = #"{"http":"\#(url)",\#(tokenNote)}"# + "\n"
                _ = try? PrivateFile.write(Array(info.utf8), to: dataDirectory + "/web.json")
                logger.info("web listening", metadata: ["url": "\(url)"])
            },
            logger: logger)
    }

    // MARK: Routes

    private func parameters(_ request: Request) throws(APIError) -> QueryParameters {
        QueryParameters(try QueryString.decode(request.uri.query))
    }

    /// Asks `peer` and returns its reply's body, or the API error its failure means.
    func ask(_ peer: WebPeer, _ method: String, _ body: [UInt8]) async throws(APIError) -> [UInt8] {
        do {
            return try await backend.request(peer, method: method, body: body)
        } catch {
            throw Self.apiError(peer: peer, error)
        }
    }

    private func forward(_ peer: WebPeer, _ method: String, _ body: [UInt8]) async throws(APIError) -> Response {
        JSONResponse.json(.ok, try await ask(peer, method, body))
    }

    /// What a failed bus request means for the HTTP client.
    static func apiError(peer: WebPeer, _ error: BusProtocolError) -> APIError {
        switch (error.code, error.remote?.code) {
        case (.remoteError, .some(.badRequest)):
            APIError(.badRequest, .badRequest, "the \(peer.rawValue) plugin refused the request: \(error.remote?.message ?? "")")
        case (.remoteError, .some(.unknownMetric)):
            APIError(.notFound, .unknownMetric, error.remote?.message ?? "unknown metric")
        case (.remoteError, .some(.noPhilosophy)), (.remoteError, .some(.shuttingDown)), (.remoteError, .some(.storeUnavailable)):
            APIError(.serviceUnavailable, .unavailable, "the \(peer.rawValue) plugin cannot answer now: \(error.remote?.message ?? ""); retry")
        case (.remoteError, _):
            APIError(.badGateway, .upstreamError, "the \(peer.rawValue) plugin failed: \(error.remote.map { "\($0.code): \($0.message)" } ?? error.message)")
        case (.timedOut, _), (.transport, _):
            APIError(.serviceUnavailable, .unavailable, "the \(peer.rawValue) plugin did not answer (\(error.code)): retry")
        default:
            APIError(.badGateway, .upstreamError, "the \(peer.rawValue) plugin's answer could not be read: \(error.message)")
        }
    }

    /// `POST /v1/events`: the body's lines (NDJSON, a JSON array or one object) go to ingest's
    /// `lines` method; ingest's report is the answer (202 all stored, 400 some rejected, 409 some conflicts).
    private func events(_ request: Request) async throws(APIError) -> Response {
        try parameters(request).check(known: [], filters: false)
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maximumBody {
            throw APIError(.contentTooLarge, .tooLarge, "the body is \(length) bytes, over \(Self.maximumBody >> 20) MiB: send smaller batches")
        }
        let body: [UInt8]
        switch await BoundedBody.collect(request, maximum: Self.maximumBody, timeout: Self.bodyTimeout, stopping: stopping) {
        case .body(let bytes): body = bytes
        case .tooLarge: throw APIError(.contentTooLarge, .tooLarge, "the body is over \(Self.maximumBody >> 20) MiB: send smaller batches")
        case .timedOut: throw APIError(.requestTimeout, .timedOut, "the body did not arrive within \(Self.bodyTimeout)")
        case .stopping: throw APIError(.serviceUnavailable, .unavailable, "the web plugin is stopping: nothing was acknowledged, retry")
        }
        let lines = IngestBatch.split(body: body).map { String(decoding: $0, as: UTF8.self) }
        guard lines.contains(where: { !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }) else {
            throw APIError(.badRequest, .empty, "the body holds no events")
        }
        let source = "web:" + (request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value ?? UUID().uuidString)
        let reply = try await ask(.ingest, IngestMethod.lines.rawValue, LinesRequest(source: source, firstLine: 1, lines: lines).jsonBytes())
        guard let report = try? JSONDecoder().decode(IngestReport.self, from: Data(reply)) else {
            throw APIError(.badGateway, .upstreamError, "the ingest plugin's report could not be read")
        }
        let status: HTTPResponse.Status = report.rejected > 0 ? .badRequest : report.conflicts > 0 ? .conflict : .accepted
        return JSONResponse.json(status, reply)
    }

    /// `GET /` and `GET /assets/NAME`: the dashboard's page and files (no token, no data).
    private func dashboard(_ name: String, _ request: Request) throws(APIError) -> Response {
        guard name != DashboardAssets.page || request.uri.path == "/",
            let response = DashboardAssets.response(name: name, ifNoneMatch: request.headers[.ifNoneMatch])
        else { throw APIError(.notFound, .notFound, "no dashboard file \(request.uri.path)") }
        return response
    }

    /// `GET /v1/stream`: server-sent events from the bus, until the client goes or the plugin stops.
    private func stream() -> Response {
        let (id, frames) = hub.connect()
        let hub = hub
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store", .init("X-Accel-Buffering")!: "no"],
            body: ResponseBody { writer in
                defer { hub.disconnect(id) }
                try await writer.write(ByteBuffer(bytes: ServerSentEvent.opening))
                for await frame in frames {
                    try await writer.write(ByteBuffer(bytes: frame))
                }
                try await writer.finish(nil)
            })
    }

    /// `GET /metrics`: the scorecard and the supervisor's status, asked now, as Prometheus text.
    private func prometheus() async -> Response {
        async let scorecardBytes = try? await backend.request(.metrics, method: MetricsMethod.scorecard.rawValue, body: BusMessage.encodeJSON(EmptyBody()))
        async let statusBytes = try? await backend.request(.supervisor, method: "status", body: BusMessage.encodeJSON(EmptyBody()))
        async let statsBytes = try? await backend.request(.metrics, method: MetricsMethod.stats.rawValue, body: BusMessage.encodeJSON(EmptyBody()))
        let scorecard = await scorecardBytes.flatMap { try? JSONDecoder().decode(ScorecardReply.self, from: Data($0)) }
        let status = await statusBytes.flatMap { try? JSONDecoder().decode(StatusReport.self, from: Data($0)) }
        let stats = await statsBytes.flatMap { try? JSONDecoder().decode(MetricsStats.self, from: Data($0)) }
        let snapshot = PrometheusText.Snapshot(
            scorecard: scorecard, status: status, requests: counters.snapshot, streamClients: hub.clientCount, streamDropped: hub.droppedCount,
            sources: ["metrics": scorecard != nil, "supervisor": status != nil], metricsStats: stats, streamEvents: streamEvents())
        return Response(
            status: .ok, headers: [.contentType: PrometheusText.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: PrometheusText.render(snapshot))))
    }

    /// The methods a known path takes (`nil` for an unknown path): a known path asked with another
    /// method is answered 405 with `Allow`, not 404.
    public static func methods(forPath path: String) -> [String]? {
        switch path {
        case "/v1/events": return ["POST"]
        case "/", "/v1/health", "/v1/openapi.yaml", "/v1/philosophy", "/v1/scorecard", "/v1/metrics", "/v1/conversations", "/v1/alerts", "/v1/sla", "/v1/staffing",
            "/v1/stream", "/metrics":
            return ["GET"]
        default:
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 3, parts[1] == "assets", !parts[2].isEmpty { return ["GET"] }
            let conversation = parts.count >= 4 && parts[1] == "v1" && parts[2] == "conversations" && !parts[3].isEmpty
            return conversation && (parts.count == 4 || parts.count == 5 && parts[4] == "events") ? ["GET"] : nil
        }
    }

    /// Whether a path needs the bearer token: the dashboard's page and files hold no data and
    /// need none (the page sends the token with its own data requests).
    func needsToken(_ path: String) -> Bool {
        switch path {
        case "/", "/v1/health", "/v1/openapi.yaml": false
        case "/metrics": metricsNeedToken
        default: !path.hasPrefix("/assets/")
        }
    }

    /// Checks the token, turns every error into JSON and counts every answer.
    struct Guard: RouterMiddleware {
        let api: WebAPI

        func handle(_ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
            let response: Response
            if api.needsToken(request.uri.path), !api.token.accepts(authorization: request.headers[.authorization]) {
                response = APIError(.unauthorized, .unauthorized, "send Authorization: Bearer TOKEN (the token is in DATA/web.token, or TENET_WEB_TOKEN)").response
            } else {
                do {
                    response = try await next(request, context)
                } catch let error as APIError {
                    response = error.response
                } catch let error as HTTPError where error.status == .notFound {
                    if let allowed = WebAPI.methods(forPath: request.uri.path) {
                        var refusal = APIError(
                            .methodNotAllowed, .methodNotAllowed, "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method)"
                        ).response
                        refusal.headers[.allow] = allowed.joined(separator: ", ")
                        response = refusal
                    } else {
                        response = APIError(.notFound, .notFound, "no route \(request.method) \(request.uri.path); see /v1/openapi.yaml").response
                    }
                } catch let error as HTTPError {
                    response = APIError(error.status, APIError.Code(rawValue: "http_\(error.status.code)"), error.body ?? error.status.reasonPhrase).response
                } catch {
                    response = APIError(.internalServerError, .init(rawValue: "internal"), "the request failed: \(error)").response
                }
            }
            api.counters.count(route: context.endpointPath ?? "other", status: response.status.code)
            return response
        }
    }

    /// Enough of the store's `query` reply to tell an empty one.
    struct StoredEventsCount: Decodable {
        struct Entry: Decodable {}
        var events: [Entry]
    }
}
