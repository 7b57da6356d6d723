/// A plugin a report asks: sends `method` with `body` and decodes the reply. `tenet report`
/// adapts its plugin client; tests give canned replies.
public protocol ReportSource {
    /// The reply to `method` with `body`, decoded as `Reply`; throws the request's failure.
    func ask<Body: Encodable, Reply: Decodable>(_ method: String, body: Body, as reply: Reply.Type) throws -> Reply
}
