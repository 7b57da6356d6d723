import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TenetBus
import TenetIngest
import TenetPlugin
import TenetTestSupport

@Suite("Ingest when the store refuses a request")
struct StoreRefusalTests {
    @Test("A store `bad_request` is a 500 `store_error` that says not to retry, never a 503 `retry`")
    func refusalIsNotRetryable() async throws {
        let served = try ServedRequestHandler(name: "store") { _, _ in RefusingStore() }
        defer { served.close() }
        let store = try BusAsyncClient(context: served.context, endpoint: served.endpoint, sender: "ingest")
        defer { store.shutdown() }
        let app = Application(router: HTTPIngest(store: store, token: "t", tokenFile: nil).router())
        try await app.test(.router) { client in
            let body = ByteBuffer(string: #"{"id":"e","type":"conversation.opened","at":"2026-11-02T09:00:00Z"}"#)
            try await client.execute(uri: "/v1/events", method: .post, headers: [.authorization: "Bearer t"], body: body) {
                #expect($0.status == .internalServerError)
                let text = String(buffer: $0.body)
                #expect(text.contains(#""code":"store_error""#))
                #expect(text.contains("do not retry"))
            }
        }
    }
}
