import TenetBus
import TenetReporting

/// A plugin the report plugin asks, through the one request engine: each request waits at most
/// `timeout`; an error reply or a timeout is thrown as the ``BusProtocolError`` it is.
final class BusReportSource: ReportSource {
    let client: BusRequestClient
    let timeout: Duration

    init(client: BusRequestClient, timeout: Duration) {
        self.client = client
        self.timeout = timeout
    }

    func ask<Body: Encodable, Reply: Decodable>(_ method: String, body: Body, as reply: Reply.Type) throws -> Reply {
        try client.request(method, body: body, timeout: timeout, as: reply)
    }
}
