import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TenetBus
import TenetStoreClient

/// `POST /v1/events` over HTTP, answered only after the store has committed.
///
/// | status | when |
/// |---|---|
/// | 202 | every line stored (or already stored: duplicates are acknowledged) |
/// | 400 | some lines rejected: one error per line; the valid lines were stored |
/// | 401 | missing or wrong bearer token |
/// | 413 | body over 64 MiB |
/// | 503 | the store did not answer: nothing acknowledged, retry |
/// | 507 | the store's disk is full: nothing acknowledged, retry later |
struct HTTPIngest: Sendable {
    let store: BusAsyncClient
    let token: String
    /// Where the token is kept, when it was generated rather than configured.
    let tokenFile: String?
    let host: String
    let port: Int
    let dataDirectory: String
    let logger: Logger

    static let maximumBody = 64 << 20

    func application() -> some Service {
        let router = Router()
        router.post("v1/events") { request, _ -> Response in
            try await ingest(request)
        }
        router.get("v1/health") { _, _ -> Response in
            json(.ok, #"{"status":"ok"}"#.utf8)
        }
        let dataDirectory = dataDirectory
        let logger = logger
        let tokenNote = tokenFile.map { #""token_file":"\#($0)""# } ?? #""token":"configured (TENET_INGEST_TOKEN)""#
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "tenet-ingest"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let url = "http://\(host):\(port)/v1/events"
                let info = #"{"http":"\#(url)",\#(tokenNote)}"# + "\n"
                _ = FileManager.default.createFile(atPath: dataDirectory + "/ingest.json", contents: Data(info.utf8))
                logger.info("HTTP ingest listening", metadata: ["url": "\(url)"])
            },
            logger: logger)
    }

    private func ingest(_ request: Request) async throws -> Response {
        guard let header = request.headers[.authorization], Self.constantTimeEqual(header, "Bearer \(token)") else {
            return json(.unauthorized, #"{"error":{"code":"unauthorized","message":"send Authorization: Bearer TOKEN (see DATA/ingest.token)"}}"#.utf8)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: Self.maximumBody)
        } catch {
            return json(.contentTooLarge, #"{"error":{"code":"too_large","message":"the body is over 64 MiB: send smaller batches"}}"#.utf8)
        }
        let body = Array(buffer.readableBytesView)
        let lines = IngestBatch.split(body: body)
        guard !lines.isEmpty else {
            return json(.badRequest, #"{"error":{"code":"empty","message":"the body holds no events"}}"#.utf8)
        }
        // An Idempotency-Key header makes a retried request's dead letters land once.
        let key = request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value ?? UUID().uuidString
        let batch = IngestBatch(lines: lines, source: "http:\(key)")
        let reply: BusMessage
        do throws(BusProtocolError) {
            reply = try await store.request(StoreMethod.append, rawBody: batch.request.body(), timeout: .seconds(30))
        } catch {
            if error.remote?.code == "storage_full" {
                return failure(HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), code: "storage_full", message: "the store's disk is full: nothing was acknowledged, retry later")
            }
            logger.warning("store unavailable: \(error)")
            return failure(.serviceUnavailable, code: "store_unavailable", message: "the store did not commit (\(error.code)): nothing was acknowledged, retry")
        }
        guard let appended = try? AppendReply(json: reply.body) else {
            return failure(.serviceUnavailable, code: "store_error", message: "the store's reply could not be read")
        }
        let report = batch.report(for: appended)
        return json(report.rejected > 0 ? .badRequest : .accepted, BusMessage.encodeJSON(report))
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }

    private func failure(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        let body = BusErrorBody(code: code, message: message)
        return json(status, BusMessage.encodeJSON(["error": body]))
    }
}

private func json(_ status: HTTPResponse.Status, _ bytes: some Sequence<UInt8>) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(bytes))))
}
