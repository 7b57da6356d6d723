import Testing
import TenetPlugin

@Suite("Plugin contract")
struct PluginEnvironmentTests {
    let complete = [
        "TENET_PLUGIN_NAME": "store",
        "TENET_BUS_PUBLISH": "ipc:///d/run/publish.sock",
        "TENET_BUS_SUBSCRIBE": "ipc:///d/run/subscribe.sock",
        "TENET_CONTROL": "ipc:///d/run/control.sock",
        "TENET_PLUGIN_ENDPOINT": "ipc:///d/run/store.sock",
        "TENET_DATA_DIR": "/d",
        "TENET_HEARTBEAT_INTERVAL_MS": "250",
    ]

    @Test("the contract is read from the environment")
    func reads() throws {
        let environment = try PluginEnvironment.fromProcess(complete)
        #expect(environment.name == "store")
        #expect(environment.publishEndpoint == "ipc:///d/run/publish.sock")
        #expect(environment.subscribeEndpoint == "ipc:///d/run/subscribe.sock")
        #expect(environment.controlEndpoint == "ipc:///d/run/control.sock")
        #expect(environment.pluginEndpoint == "ipc:///d/run/store.sock")
        #expect(environment.dataDirectory == "/d")
        #expect(environment.heartbeatInterval == .milliseconds(250))
    }

    @Test("optional variables may be missing; the heartbeat interval defaults to one second")
    func defaults() throws {
        var minimal = complete
        for key in ["TENET_CONTROL", "TENET_PLUGIN_ENDPOINT", "TENET_DATA_DIR", "TENET_HEARTBEAT_INTERVAL_MS"] {
            minimal[key] = nil
        }
        let environment = try PluginEnvironment.fromProcess(minimal)
        #expect(environment.heartbeatInterval == .seconds(1))
        #expect(environment.pluginEndpoint == nil)
    }

    @Test("a missing required variable is named", arguments: ["TENET_PLUGIN_NAME", "TENET_BUS_PUBLISH", "TENET_BUS_SUBSCRIBE"])
    func missing(variable: String) {
        var variables = complete
        variables[variable] = nil
        let error = #expect(throws: PluginEnvironmentError.self) { try PluginEnvironment.fromProcess(variables) }
        #expect(error?.code == .missingVariable)
        #expect(error?.variable == variable)
        #expect(error?.message.contains(variable) == true)
    }

    @Test("a bad heartbeat interval names the value and the reason", arguments: ["0", "-5", "fast", "1.5"])
    func badInterval(value: String) {
        var variables = complete
        variables["TENET_HEARTBEAT_INTERVAL_MS"] = value
        let error = #expect(throws: PluginEnvironmentError.self) { try PluginEnvironment.fromProcess(variables) }
        #expect(error?.code == .invalidValue)
        #expect(error?.message.contains("'\(value)'") == true)
    }

    @Test("the process environment is readable")
    func processVariables() {
        #expect(PluginEnvironment.processVariables()["PATH"] != nil)
    }
}
