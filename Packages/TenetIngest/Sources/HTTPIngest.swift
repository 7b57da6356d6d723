import Foundation
import Hummingbird
import Logging
import NIOCore
import TenetBus
import TenetHTTP
import TenetIngestProtocol
import TenetStoreProtocol

/// `POST /v1/events` over HTTP, answered only after the store has committed, and
/// `GET /v1/health`.
///
/// | status | when |
/// |---|---|
/// | 202 | every line stored (or already stored with the same content: duplicates are acknowledged) |
/// | 400 | some lines are not valid events, or the body holds none: one error per line; the valid lines were stored |
/// | 401 | missing or wrong bearer token |
/// | 409 | some lines reuse a stored event's id with different content (and none was invalid): one error per line |
/// | 408 | the body did not arrive within ``bodyTimeout`` |
/// | 413 | body over 64 MiB (refused from `Content-Length` before reading when it is given) |
/// | 500 | the store refused or garbled the request: a defect, do not retry |
/// | 503 | the store did not answer: nothing acknowledged, retry |
/// | 507 | the store's disk is full: nothing acknowledged, retry later |
public struct HTTPIngest: Sendable {
    /// The store, through the async face of the request engine.
    public let store: BusAsyncClient
    /// The bearer token every request must carry.
    public let token: String
    /// Where the token is kept, when it was generated rather than configured.
    public let tokenFile: String?
    /// How long the store may take to commit a request.
    public var storeTimeout: Duration = .seconds(30)
    /// Raised when the plugin starts to stop: a request still waiting for its body is then
    /// answered 503 at once, so that no client holds the graceful stop up.
    public let stopping = ShutdownNotice()

    /// The largest body accepted.
    public static let maximumBody = 64 << 20
    /// How long a client may take to send its body.
    public static let bodyTimeout: Duration = .seconds(60)
    /// How long an idle connection stays open: longer than ``bodyTimeout``, so that a client that
    /// stops sending its body gets its 408 before the connection closes.
    public static let idleTimeout: TimeAmount = .seconds(75)

    /// Creates the routes' handler.
    public init(store: BusAsyncClient, token: String, tokenFile: String?) {
        self.store = store
        self.token = token
        self.tokenFile = tokenFile
    }

    /// The routes, for an ``Application`` (and for in-process tests with HummingbirdTesting).
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("v1/events") { request, _ -> Response in
            try await ingest(request)
        }
        router.get("v1/health") { _, _ -> Response in
            json(.ok, #"{"status":"ok"}"#.utf8)
        }
        return router
    }

    /// The HTTP server on `host:port`; once listening it writes its URL to `DATA/ingest.json`.
    public func application(host: String, port: Int, dataDirectory: String, logger: Logger) -> some ApplicationProtocol {
        let tokenNote = tokenFile.map { #""token_file":"\#($0)""# } ?? #""token":"configured (TENET_INGEST_TOKEN)""#
        return Application(
            router: router(), server: .http1(configuration: .init(idleTimeout: Self.idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: "tenet-ingest"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let url = "http://\(host):\(port)/v1/events"
                let info = #"{"http":"\#(url)",\#(tokenNote)}"# + "\n"
                _ = FileManager.default.createFile(
                    atPath: dataDirectory + "/ingest.json", contents: Data(info.utf8), attributes: [.posixPermissions: 0o600])
                logger.info("HTTP ingest listening", metadata: ["url": "\(url)"])
            },
            logger: logger)
    }

    private func ingest(_ request: Request) async throws -> Response {
        guard let header = request.headers[.authorization], BearerToken.constantTimeEqual(header, "Bearer \(token)") else {
            return failure(.unauthorized, code: "unauthorized", message: "send Authorization: Bearer TOKEN (see DATA/ingest.token)")
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maximumBody {
            return failure(.contentTooLarge, code: "too_large", message: "the body is \(length) bytes, over 64 MiB: send smaller batches")
        }
        let body: [UInt8]
        switch await BoundedBody.collect(request, maximum: Self.maximumBody, timeout: Self.bodyTimeout, stopping: stopping) {
        case .body(let bytes): body = bytes
        case .tooLarge:
            return failure(.contentTooLarge, code: "too_large", message: "the body is over 64 MiB: send smaller batches")
        case .timedOut:
            return failure(.requestTimeout, code: "timed_out", message: "the body did not arrive within \(Self.bodyTimeout)")
        case .stopping:
            return failure(.serviceUnavailable, code: "stopping", message: "ingest is stopping: nothing was acknowledged, retry")
        }
        let lines = IngestBatch.split(body: body)
        let batch = IngestBatch(
            lines: lines,
            // An Idempotency-Key header makes a retried request's dead letters land once.
            source: "http:" + (request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value ?? UUID().uuidString))
        guard batch.eventCount > 0 else {
            return failure(.badRequest, code: "empty", message: "the body holds no events")
        }
        let reply: BusMessage
        do throws(BusProtocolError) {
            reply = try await store.request(StoreMethod.append.rawValue, rawBody: batch.request.body(), timeout: storeTimeout)
        } catch {
            switch error.remote?.code {
            case .some(.storageFull):
                return failure(
                    HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), code: "storage_full",
                    message: "the store's disk is full: nothing was acknowledged, retry later")
            case .some(.storageError):
                return failure(.serviceUnavailable, code: "storage_error", message: "the store could not write (\(error.remote?.message ?? "")): nothing was acknowledged, retry")
            case .some(let code):
                return failure(.internalServerError, code: "store_error", message: "the store refused the request (\(code)): \(error.remote?.message ?? ""); this is a defect, do not retry")
            case nil:
                return failure(.serviceUnavailable, code: "store_unavailable", message: "the store did not commit (\(error.code)): nothing was acknowledged, retry")
            }
        }
        guard let appended = try? AppendReply(body: reply.body) else {
            return failure(.internalServerError, code: "store_error", message: "the store's reply could not be read")
        }
        let report = batch.report(for: appended)
        let status: HTTPResponse.Status = report.rejected > 0 ? .badRequest : report.conflicts > 0 ? .conflict : .accepted
        return json(status, BusMessage.encodeJSON(report))
    }

    /// An error answer. When the body was not read to its end (413, 408, 503 while stopping),
    /// the connection is closed after the answer rather than kept waiting for the rest.
    private func failure(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        var response = JSONResponse.error(status, code: code, message: message)
        if [.contentTooLarge, .requestTimeout, .serviceUnavailable].contains(status) { response.headers[.connection] = "close" }
        return response
    }
}

private func json(_ status: HTTPResponse.Status, _ bytes: some Sequence<UInt8>) -> Response {
    JSONResponse.json(status, bytes)
}
