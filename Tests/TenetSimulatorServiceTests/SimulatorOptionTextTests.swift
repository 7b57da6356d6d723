import Foundation
import Testing
import TenetPlugin
import TenetModels
import TenetSimulator
import TenetSimulatorService

@Suite("Simulator options: speeds, scenarios and the plugin's environment")
struct SimulatorOptionTextTests {
    static let base = Timestamp(rfc3339: "2026-11-02T00:00:00Z")!

    @Test("speeds", arguments: [("60", 60.0), ("60x", 60.0), ("0.5", 0.5), ("1x", 1.0)])
    func speeds(text: String, value: Double) throws {
        #expect(try SimulatorOptionText.speed(text) == value)
    }

    @Test("max is as fast as possible")
    func maximum() throws {
        #expect(try SimulatorOptionText.speed("max") == nil)
    }

    @Test("a speed that is not one is refused with the reason", arguments: ["fast", "0", "-2", "inf", "nan", "", "x"])
    func badSpeeds(text: String) {
        #expect {
            try SimulatorOptionText.speed(text)
        } throws: { error in
            let error = error as? SimulatorOptionError
            return error?.code == .invalidSpeed && error?.message.contains("'\(text)'") == true
        }
    }

    @Test("a scenario by name starts at the base, with its default duration")
    func byName() throws {
        let name = try #require(ScheduledScenario.names.first)
        let scenario = try SimulatorOptionText.scenario(name, base: Self.base)
        let expected = try ScheduledScenario(name: name, start: Self.base)
        #expect(scenario == expected)
    }

    @Test("an offset, an instant and a duration")
    func timed() throws {
        let offset = try SimulatorOptionText.scenario("outage_spike@+2d9h/90m", base: Self.base)
        #expect(offset.name == "outage_spike")
        #expect(offset.start == Timestamp(rfc3339: "2026-11-04T09:00:00Z")!)
        #expect(offset.duration == .seconds(5_400))
        let instant = try SimulatorOptionText.scenario("staff_shortage@2026-11-03T08:00:00Z", base: Self.base)
        #expect(instant.start == Timestamp(rfc3339: "2026-11-03T08:00:00Z")!)
        let list = try SimulatorOptionText.scenarios(" outage_spike@+1h , staff_shortage ", base: Self.base)
        #expect(list.map(\.name) == ["outage_spike", "staff_shortage"])
        #expect(try SimulatorOptionText.scenarios("", base: Self.base).isEmpty)
    }

    @Test("wrong scenarios are refused, naming the part that is wrong", arguments: [
        ("no_such_thing", "no_such_thing"), ("outage_spike@tomorrow", "'tomorrow'"), ("outage_spike/soon", "'soon'"),
        ("outage_spike@+2h/0s", "'0s'"),
    ])
    func badScenarios(text: String, named: String) {
        #expect {
            try SimulatorOptionText.scenario(text, base: Self.base)
        } throws: { error in
            let error = error as? SimulatorOptionError
            return error?.code == .invalidScenario && error?.message.contains(named) == true
        }
    }

    @Test("a wrong setting or a broken profile file is a configuration error: exit code 78, naming the variable and the line")
    func configurationErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenet-sim-profile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let profile = directory + "/profile.yaml"
        try "arrivals:\n  rates: nonsense\n".write(toFile: profile, atomically: true, encoding: .utf8)
        for variables in [["TENET_SIMULATOR_SPEED": "fast"], ["TENET_SIMULATOR_PROFILE": profile]] {
            do {
                _ = try SimulatorPluginSetup(variables: variables, dataDirectory: nil)
                Issue.record("\(variables) was accepted")
            } catch {
                #expect(PluginMain.exitCode(for: error) == 78, "\(error)")
                #expect("\(error)".hasPrefix(variables.keys.first!), "\(error)")
            }
        }
        do {
            _ = try SimulatorPluginSetup(variables: ["TENET_SIMULATOR_PROFILE": profile], dataDirectory: nil)
        } catch {
            #expect("\(error)".contains("profile.yaml:2:"), "the profile's error names its line: \(error)")
        }
    }

    @Test("the plugin's environment: defaults, values, and errors naming the variable")
    func settings() throws {
        let defaults = try SimulatorSettings(variables: [:])
        #expect(defaults.speed == 60 && defaults.history == .seconds(86_400) && defaults.seed == 1 && defaults.scale == 1)
        let given = try SimulatorSettings(variables: [
            "TENET_SIMULATOR_SPEED": "max", "TENET_SIMULATOR_HISTORY": "7d", "TENET_SIMULATOR_SEED": "42",
            "TENET_SIMULATOR_SCALE": "3.3", "TENET_SIMULATOR_SCENARIOS": "outage_spike@+1h", "TENET_SIMULATOR_INGEST": "ingest2",
        ])
        #expect(given.speed == nil && given.history == .seconds(7 * 86_400) && given.seed == 42 && given.scale == 3.3)
        #expect(given.scenarios == "outage_spike@+1h" && given.ingest == "ingest2")
        for (variable, value) in [
            ("TENET_SIMULATOR_SPEED", "fast"), ("TENET_SIMULATOR_HISTORY", "yesterday"), ("TENET_SIMULATOR_SEED", "-1"),
            ("TENET_SIMULATOR_SCALE", "0"), ("TENET_SIMULATOR_SCENARIOS", "volcano"), ("TENET_SIMULATOR_REPLAY_LIMIT", "0s"),
        ] {
            #expect {
                try SimulatorSettings(variables: [variable: value])
            } throws: { error in
                (error as? SimulatorSettingsError)?.variable == variable
            }
        }
    }
}
