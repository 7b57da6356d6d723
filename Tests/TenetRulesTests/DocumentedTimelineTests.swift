import TenetPhilosophy
import TenetRules
import Testing

/// The example timeline of docs/ALERTS.md ("An example"), step by step.
@Suite struct DocumentedTimelineTests {
    @Test func exampleTimeline() throws {
        let text = """
            values:
              - { name: Speed, action: "Be quick.", metrics: [ { metric: first_response_time, target: "<= 1h" } ] }
            alerts:
              - name: FirstResponseSlipping
                metric: first_response_time
                stat: p90
                period: hour
                by: [team]
                condition: "> 1h"
                for: 10m
                keep_firing_for: 5m
                severity: warning
                annotations:
                  summary: "p90 first response is {{ value }} for {{ labels.team }} (threshold {{ threshold }})"
            """
        var engine = AlertEngine(philosophy: try rulesPhilosophy(text))
        func figures(_ support: Double, _ billing: Double, _ minute: Int) throws -> [String] {
            let samples = [AlertSample(labels: ["team": "support"], value: support), AlertSample(labels: ["team": "billing"], value: billing)]
            return steps(try engine.observe(rule: "FirstResponseSlipping", samples: samples, at: at(minute)))
        }
        #expect(try figures(3900, 1200, 0) == ["FirstResponseSlipping{support}:inactive→pending@0m"])
        #expect(try figures(3900, 3720, 4) == ["FirstResponseSlipping{billing}:inactive→pending@4m"])
        #expect(try figures(3960, 3720, 9) == [])
        let fired = engine.evaluate(now: at(10))
        #expect(steps(fired) == ["FirstResponseSlipping{support}:pending→firing@10m"])
        #expect(fired.first?.annotations["summary"] == "p90 first response is 1h 6m for support (threshold 1h)")
        #expect(try figures(3000, 3540, 12) == ["FirstResponseSlipping{billing}:pending→inactive@12m"])
        #expect(try figures(3660, 3540, 15) == [])
        #expect(try figures(2400, 2700, 30) == [])
        let resolved = engine.evaluate(now: at(35))
        #expect(steps(resolved) == ["FirstResponseSlipping{support}:firing→resolved@35m"])
        #expect(Set([fired, resolved].flatMap { $0 }.map(\.alertID)).count == 1)
        #expect(resolved.first?.id.hasSuffix(":resolved") == true)
    }
}
