import Foundation
import Testing
import TenetModels
import TenetPhilosophy
import TenetSimulator

@Suite struct SimulationProfileTests {
    @Test func theStandardProfileIsItsText() throws {
        let standard = SimulationProfile.standard
        #expect(standard.agentCount == 60)
        #expect(standard.zone == "Europe/Berlin")
        #expect(standard.arrivals.rates == [40, 64, 54, 11, 14])
        #expect(standard.phone.talk == .logNormal(median: 240, logSD: 0.75))
        #expect(standard.phone.patience == DurationDistribution(.exponential(mean: 180)))
        #expect(standard.surveys.csat.scores[Experience.longWait.index] == [0.07, 0.09, 0.16, 0.36, 0.32])
        #expect(standard.staffing.map { "\($0.team).\($0.group.rawValue)=\($0.agents)x\($0.concurrency)" } == [
            "support.phone=13x1", "support.chat=9x2", "support.tickets=28x1", "sales.phone=4x1", "sales.tickets=6x1",
        ])
        // Read again as a user's file, the text gives the same profile.
        var reread = try SimulationProfile.parse(SimulationProfile.standardText, file: "copy.yaml")
        #expect(reread.source == "copy.yaml")
        reread.source = standard.source
        #expect(reread == standard)
    }

    @Test func aKeyLeftOutKeepsTheStandardValue() throws {
        let profile = try SimulationProfile.parse("phone:\n  talk: { median: 5m, log_sd: 0.5 }\nextra_events: []\n", file: "p.yaml")
        #expect(profile.phone.talk == .logNormal(median: 300, logSD: 0.5))
        #expect(profile.phone.patience == SimulationProfile.standard.phone.patience)
        #expect(profile.chat == SimulationProfile.standard.chat)
        #expect(profile.staffing == SimulationProfile.standard.staffing)
        // A list given replaces the standard one whole.
        #expect(profile.extraEvents.isEmpty)
    }

    /// Each mistake is reported with the file, line and column, the key and the reason.
    @Test(arguments: [
        ("arrivals:\n  rates: { chat: fast }\n", "p.yaml:2:18: error: `arrivals.rates.chat`: `fast` is not a number"),
        ("phone:\n  talk: { median: 4m }\n", "p.yaml:2:9: error: `phone.talk` needs `mean` (exponential) or `median`/`log_mean` and `log_sd` (log-normal), or is a plain duration"),
        ("phone:\n  patience: { mean: 3m, log_sd: 1 }\n", "p.yaml:2:15: error: `phone.patience`: `mean` (exponential) cannot go with `median`, `log_mean` or `log_sd` (log-normal)"),
        ("chat:\n  bot: { handoff: 150% }\n", "p.yaml:2:19: error: `chat.bot.handoff`: `150%` is not a share: write a percentage such as `35%` or a number from 0 to 1"),
        ("arrivals:\n  priorities: { urgent: 5%, normal: 90% }\n", "p.yaml:2:15: error: `arrivals.priorities`: the shares add up to 95%, not 100%"),
        ("phone:\n  tallk: 4m\n", "p.yaml:2:3: error: unknown key `tallk` in `phone`; did you mean `talk`?"),
        ("scenarios:\n  schedule:\n    - { name: outage, start: 2026-11-25T10:00:00Z }\n", "p.yaml:3:15: error: `scenarios.schedule[0]`: `outage` is not a scenario (known: staff_shortage, outage_spike, holiday)"),
        ("arrivals:\n  routing: { phone: { billing: 100% } }\n", "p.yaml:2:14: error: `arrivals.routing.phone` sends phone to `billing`, which has no `phone` agents in `teams`"),
        ("shifts:\n  hours: { phone: { mon-fry: [\"08:00-18:00\"] } }\n", "p.yaml:2:21: error: `shifts.hours.phone`: `mon-fry` is not a day or a range of days such as `mon-fri` or `sat`"),
        ("arrivals: [1, 2]\n", "p.yaml:1:11: error: `arrivals` should be a mapping of `key: value` lines, not a list"),
        ("phone: {\n", "p.yaml:2:1: error: not valid YAML: did not find expected node content"),
    ])
    func errorsNameThePlace(text: String, message: String) {
        #expect(throws: SimulationProfileError.self) { try SimulationProfile.parse(text, file: "p.yaml") }
        do {
            _ = try SimulationProfile.parse(text, file: "p.yaml")
        } catch {
            #expect(error.description.split(separator: "\n").first.map(String.init) == message)
            #expect(error.file == "p.yaml")
            #expect(error.position.line > 0)
        }
    }

    @Test func everyProblemIsListed() throws {
        do {
            _ = try SimulationProfile.parse("phone:\n  talk: 4x\nchat:\n  exchanges: -1\n", file: "p.yaml")
            Issue.record("a profile with two mistakes was read")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.field == "phone.talk")
            #expect(error.others == ["p.yaml:4:14: error: `chat.exchanges`: -1 is outside 0.0…50.0"])
        }
    }

    @Test func aMissingFileIsUnreadable() {
        do {
            _ = try SimulationProfile.load(path: "/nonexistent/profile.yaml")
            Issue.record("a missing file was read")
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.description == "/nonexistent/profile.yaml: error: cannot read the profile: No such file or directory")
        }
    }

    @Test func loadReadsAFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tenet-profile-\(getpid()).yaml").path
        try "phone:\n  patience: { mean: 90s }\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try SimulationProfile.load(path: path)
        #expect(profile.phone.patience == DurationDistribution(.exponential(mean: 90)))
        #expect(profile.source == path)
    }

    @Test func scalingMultipliesRatesAndAgents() {
        let doubled = SimulationProfile.standard.scaled(by: 200.0 / 60)
        #expect(doubled.agentCount == 200)
        #expect(doubled.arrivals.rates[SimulatedChannel.chat.index] == 64 * 200.0 / 60)
        #expect(doubled.staffing.map(\.agents) == [44, 30, 93, 13, 20])
        #expect(doubled.customers.initial == 80_000)
        #expect(doubled.phone == SimulationProfile.standard.phone)
    }

    @Test func scenariosAreKnownByName() throws {
        let outage = try ScheduledScenario(name: "outage_spike", start: Fixtures.monday)
        #expect(outage.duration == .seconds(7200))
        #expect(outage.end == Fixtures.at(Fixtures.monday, plus: 2 * Fixtures.hour))
        #expect(throws: SimulationProfileError.self) { try ScheduledScenario(name: "strike", start: Fixtures.monday) }
        do {
            _ = try ScheduledScenario(name: "holliday", start: Fixtures.monday)
        } catch {
            #expect(error.code == .unknownScenario)
            #expect(error.message == "`holliday` is not a scenario; did you mean `holiday`? (known: staff_shortage, outage_spike, holiday)")
        }
    }

    /// A team the philosophy does not have is refused, at the line that names it.
    @Test func teamsMustBeThePhilosophys() throws {
        let profile = try SimulationProfile.parse(
            "teams:\n  support:\n    tickets: { agents: 5 }\n  helpdesk:\n    phone: { agents: 2 }\n"
                + "arrivals:\n  routing: { phone: { helpdesk: 100% }, email: { support: 100% }, web_form: { support: 100% } }\n",
            file: "p.yaml")
        do {
            _ = try Simulator(profile: profile, philosophy: Fixtures.philosophy, setup: SimulationSetup(seed: 1, start: Fixtures.monday))
            Issue.record("a team outside the philosophy was accepted")
        } catch {
            #expect(error.code == .mismatch)
            #expect(error.description.hasPrefix("p.yaml:4:3: error: `teams.helpdesk` is not a team of the philosophy (its teams: support, sales"))
        }
    }
}

@Suite struct SimulatorDocumentationTests {
    /// docs/SIMULATOR.md shows the standard profile: the same text, key for key.
    @Test func theDocumentationShowsTheStandardProfile() throws {
        let document = try String(contentsOf: Fixtures.root.appendingPathComponent("docs/SIMULATOR.md"), encoding: .utf8)
        #expect(document.contains("```yaml\n" + SimulationProfile.standardText + "\n```"))
    }
}
