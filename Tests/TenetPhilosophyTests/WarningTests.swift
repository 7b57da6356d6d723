import Foundation
import Testing
import TenetPhilosophy
import TenetYAML

@Suite("tenet check: warnings for what is legal but suspicious")
struct WarningTests {
    func warnings(_ text: String) -> [Diagnostic] {
        let result = PhilosophyParser.parse(text)
        #expect(result.diagnostics.filter { $0.severity == .error } == [])
        #expect(result.philosophy != nil, "warnings do not make a file unusable")
        return result.diagnostics.filter { $0.severity == .warning }
    }

    @Test func aTargetNoDataCanReach() {
        let found = warnings(
            baseHeader + "values:\n  - name: Q\n    action: x\n    metrics:\n      - { metric: csat, target: \">= 101%\" }\n")
        #expect(found.map(\.message) == ["`csat >= 101%` can never be met: csat (rate) lies in 0…100"])
        #expect(found.first?.position == YAMLPosition(line: 10, column: 9))
    }

    @Test func aTargetEveryFigureMeets() {
        let found = warnings(
            baseHeader + "values:\n  - name: Q\n    action: x\n    metrics:\n      - { metric: csat, target: \">= 0%\" }\n")
        #expect(found.map(\.message) == ["`csat >= 0%` is always met: csat (rate) lies in 0…100"])
    }

    @Test func aValueWithNoMetric() {
        let found = warnings(baseHeader + "values:\n  - { name: Q, action: x, metrics: [{ metric: csat }] }\n  - { name: Calm, action: y }\n")
        #expect(found.map(\.message) == ["the value `Calm` has no key metric: nothing will show whether it is lived"])
        #expect(found.first?.position.line == 8)
    }

    @Test func aTeamMetricNoValueUses() {
        let found = warnings(baseHeader + "values:\n  - { name: Speed, action: x, metrics: [{ metric: first_response_time }] }\n")
        #expect(
            found.map(\.message)
                == ["team `support` owns `csat`, which no value uses: it shows on the team's table but on no value of the scorecard"])
        #expect(found.first?.position == YAMLPosition(line: 5, column: 13))
    }

    @Test func aScheduleThatNeverOpens() {
        let found = warnings(
            baseHeader + "values:\n  - { name: Q, action: x, metrics: [{ metric: csat }] }\n"
                + "schedules:\n  closed: { zone: UTC, weekly: { daily: [] } }\ncoverage:\n  - { schedule: closed }\n")
        #expect(found.map(\.message) == ["schedule `closed` is never open: no interval in the whole week, so business time never passes"])
    }

    @Test func anSLAPolicyShadowedByAnEarlierOne() {
        let found = warnings(
            baseHeader + "values:\n  - { name: Q, action: x, metrics: [{ metric: csat }] }\n"
                + "sla:\n  - { name: everyone, first_response: 4h }\n  - { name: urgent, where: { priority: [urgent] }, first_response: 15m }\n")
        #expect(
            found.map(\.message)
                == ["SLA policy `urgent` can never apply: `everyone` comes first and matches every conversation it would (first match wins)"])
        #expect(found.first?.position.line == 10)
    }

    @Test func aNarrowerPolicyAfterABroaderFilterIsShadowedButTheOtherOrderIsNot() {
        let shadowed = warnings(
            baseHeader + "values:\n  - { name: Q, action: x, metrics: [{ metric: csat }] }\nsla:\n"
                + "  - { name: chat, where: { channel: [chat, email] }, first_response: 1h }\n"
                + "  - { name: urgent-chat, where: { channel: [chat], priority: [urgent] }, first_response: 5m }\n")
        #expect(shadowed.count == 1)
        let fine = warnings(
            baseHeader + "values:\n  - { name: Q, action: x, metrics: [{ metric: csat }] }\nsla:\n"
                + "  - { name: urgent-chat, where: { channel: [chat], priority: [urgent] }, first_response: 5m }\n"
                + "  - { name: chat, where: { channel: [chat, email] }, first_response: 1h }\n")
        #expect(fine == [])
    }

    @Test func alertsThatReachNoOne() {
        let found = warnings(
            baseHeader + "values:\n  - { name: Q, action: x, metrics: [{ metric: csat }] }\n"
                + "alerts:\n  - { name: Big, metric: backlog, condition: \"> 100\", severity: critical }\n")
        #expect(found.map(\.message) == ["alerts of severity `critical` (such as `Big`) reach no one: no route takes them"])
    }

    @Test func theExampleFileChecksClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let check = PhilosophyLoader.load(path: root.appendingPathComponent("philosophy.example.yaml").path)
        #expect(check.diagnostics == [])
        let philosophy = try #require(check.philosophy)
        #expect(philosophy.values.map(\.name) == ["Speed", "Quality", "Integrity", "Loyalty", "Autonomy", "Ease", "Growth", "Craft", "Care"])
        #expect(philosophy.teams.map(\.id) == ["support", "sales", "product", "design", "hr", "leadership", "marketing"])
        #expect(philosophy.customMetrics.count == 8)
        // The holidays of the iCalendar file next to it were read.
        let office = try #require(philosophy.schedule(named: "support-hours"))
        #expect(office.holidays.count > 2)
        #expect(check.digest.count == 64)
    }
}
