import Foundation
import Testing
import TenetHTTP
import TenetWeb

@Suite("Web settings and the shared bearer token")
struct WebConfigurationTests {
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "tenet-web-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    @Test("Without TENET_WEB_TOKEN a token is generated into DATA/web.token with mode 0600, then read back")
    func generatedToken() throws {
        let data = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let first = try WebConfiguration(variables: [:], dataDirectory: data)
        #expect(first.token.file == data + "/web.token")
        #expect(first.token.value.count == 64)
        let mode = try FileManager.default.attributesOfItem(atPath: data + "/web.token")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let second = try WebConfiguration(variables: [:], dataDirectory: data)
        #expect(second.token.value == first.token.value)
        #expect(first.address == HTTPAddress(host: "127.0.0.1", port: 8781))
        #expect(first.metricsNeedToken)
        #expect([first.metricsPlugin, first.rulesPlugin, first.ingestPlugin] == ["metrics", "rules", "ingest"])
    }

    @Test("TENET_WEB_TOKEN wins and no file is written")
    func configuredToken() throws {
        let data = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let configuration = try WebConfiguration(variables: ["TENET_WEB_TOKEN": "s3cret", "TENET_WEB_METRICS_AUTH": "none"], dataDirectory: data)
        #expect(configuration.token.value == "s3cret")
        #expect(configuration.token.file == nil)
        #expect(!FileManager.default.fileExists(atPath: data + "/web.token"))
        #expect(!configuration.metricsNeedToken)
    }

    @Test("Wrong settings fail naming the setting and the value")
    func refusals() throws {
        let data = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(throws: HTTPSettingError(.invalidAddress, "TENET_WEB_HTTP: 'localhost' is not HOST:PORT (for example 127.0.0.1:8781)")) {
            try WebConfiguration(variables: ["TENET_WEB_HTTP": "localhost"], dataDirectory: data)
        }
        #expect(throws: HTTPSettingError(.invalidAddress, "TENET_WEB_HTTP: '127.0.0.1:70000' is not HOST:PORT (for example 127.0.0.1:8781)")) {
            try WebConfiguration(variables: ["TENET_WEB_HTTP": "127.0.0.1:70000"], dataDirectory: data)
        }
        #expect(throws: HTTPSettingError(.invalidValue, "TENET_WEB_METRICS_AUTH: 'open' is not token or none")) {
            try WebConfiguration(variables: ["TENET_WEB_METRICS_AUTH": "open"], dataDirectory: data)
        }
        #expect(throws: HTTPSettingError.self) {
            try WebConfiguration(variables: [:], dataDirectory: data + "/missing")
        }
    }

    @Test("The token is accepted only as `Bearer TOKEN`, whole")
    func accepts() {
        let token = BearerToken(value: "abc", file: nil)
        #expect(token.accepts(authorization: "Bearer abc"))
        #expect(!token.accepts(authorization: nil))
        #expect(!token.accepts(authorization: "Bearer ab"))
        #expect(!token.accepts(authorization: "Bearer abcd"))
        #expect(!token.accepts(authorization: "bearer abc"))
        #expect(!token.accepts(authorization: "abc"))
    }
}
