import TenetBus

/// Serves a ``PluginRequestHandler`` closure through the one ``RequestServer``.
enum RequestService {
    /// The service answering requests on `endpoint` with `handler`.
    static func make(context: ZMQContext, endpoint: String, name: String, handler: @escaping PluginRequestHandler) -> BlockingService {
        RequestServer(context: context, endpoint: endpoint, name: name)
            .service(name: "tenet-requests") { ClosureRequestHandler(handler) }
    }
}
