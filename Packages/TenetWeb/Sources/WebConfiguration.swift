import TenetHTTP

/// The web plugin's settings, read from its environment, failing with messages that name the setting.
public struct WebConfiguration: Sendable {
    /// Where the HTTP server listens (`TENET_WEB_HTTP`, default `127.0.0.1:8781`).
    public var address: HTTPAddress
    /// The bearer token (`TENET_WEB_TOKEN`, else `DATA/web.token`, generated 0600 on first start).
    public var token: BearerToken
    /// Whether `/metrics` needs the token (`TENET_WEB_METRICS_AUTH`: `token`, the default, or `none`).
    public var metricsNeedToken: Bool
    /// The plugins asked, by stack name (`TENET_WEB_METRICS`, `TENET_WEB_RULES`, `TENET_WEB_INGEST`,
    /// `TENET_WEB_STORE`; defaults `metrics`, `rules`, `ingest`, `store`).
    public var metricsPlugin: String
    /// The rules plugin's name in the stack.
    public var rulesPlugin: String
    /// The ingest plugin's name in the stack.
    public var ingestPlugin: String
    /// The store plugin's name in the stack.
    public var storePlugin: String

    /// Reads the settings from `variables`; the token file lives in `dataDirectory`.
    public init(variables: [String: String], dataDirectory: String) throws(HTTPSettingError) {
        address = try HTTPAddress(
            parsing: variables["TENET_WEB_HTTP"] ?? "127.0.0.1:8781", setting: "TENET_WEB_HTTP", example: "127.0.0.1:8781")
        token = try BearerToken.load(variable: "TENET_WEB_TOKEN", fileName: "web.token", variables: variables, dataDirectory: dataDirectory)
        switch variables["TENET_WEB_METRICS_AUTH"] ?? "token" {
        case "token": metricsNeedToken = true
        case "none": metricsNeedToken = false
        case let other: throw HTTPSettingError(.invalidValue, "TENET_WEB_METRICS_AUTH: '\(other)' is not token or none")
        }
        func name(_ variable: String, _ fallback: String) throws(HTTPSettingError) -> String {
            let value = variables[variable] ?? fallback
            guard !value.isEmpty else { throw HTTPSettingError(.invalidValue, "\(variable): name a plugin of the stack") }
            return value
        }
        metricsPlugin = try name("TENET_WEB_METRICS", "metrics")
        rulesPlugin = try name("TENET_WEB_RULES", "rules")
        ingestPlugin = try name("TENET_WEB_INGEST", "ingest")
        storePlugin = try name("TENET_WEB_STORE", "store")
    }
}
