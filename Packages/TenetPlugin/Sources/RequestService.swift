import TenetBus

/// Serves requests on the plugin's ROUTER endpoint, one at a time, from a thread of its own.
enum RequestService {
    /// The service answering requests on `endpoint` with `handler`.
    static func make(context: ZMQContext, endpoint: String, name: String, handler: @escaping PluginRequestHandler) -> BlockingService {
        BlockingService(name: "tenet-requests") { stop in
            let replier = try BusReplier(context: context, endpoint: endpoint, sender: name)
            defer { replier.close() }
            var poller = ZMQPoller()
            poller.addReadable(replier.socket)
            while !stop.isRaised {
                do throws(ZMQError) {
                    guard try !poller.poll(timeout: .milliseconds(100)).isEmpty else { continue }
                    while let request = try replier.nextRequest() {
                        switch handler(PluginRequest(method: request.method, message: request.message)) {
                        case .body(let body): try replier.reply(to: request, rawBody: body)
                        case .error(let error): try replier.fail(request, with: error)
                        }
                    }
                } catch {
                    if error.code == .contextTerminated { return }
                }
            }
        }
    }
}
