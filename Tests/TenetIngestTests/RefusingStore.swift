import Foundation
import TenetBus
import TenetPlugin

/// A stand-in store that refuses every request with `bad_request`, as a store would refuse a
/// request ingest built wrongly.
final class RefusingStore: RequestHandler {
    func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests { try replier.fail(request, with: .badRequest("refused by the test")) }
    }
}
