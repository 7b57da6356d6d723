import TenetReporting

/// `tenet report` asks the plugins through the one plugin client.
extension PluginClient: ReportSource {
    func ask<Body: Encodable, Reply: Decodable>(_ method: String, body: Body, as reply: Reply.Type) throws -> Reply {
        try request(method, body: body, as: reply)
    }
}
