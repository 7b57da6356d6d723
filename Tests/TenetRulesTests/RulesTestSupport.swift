import TenetModels
import TenetPhilosophy
import TenetRules
import Testing

/// The philosophy the rules tests run under: two values (Speed with two first-response key
/// metrics, Quality with CSAT), a team, and alert rules of each kind.
let rulesPhilosophyText = """
    values:
      - name: Speed
        action: "Treat every customer with urgency."
        metrics:
          - { metric: first_response_time, stat: p90, target: "<= 1h", at_risk: 6m }
          - { metric: first_response_time, within: 15m, target: ">= 80%" }
      - name: Quality
        action: "Get it right the first time."
        metrics:
          - { metric: csat, target: ">= 90%" }
    teams:
      support:
        metrics:
          - { metric: csat, target: ">= 90%" }
    alerts:
      - name: FirstResponseSlipping
        metric: first_response_time
        stat: p90
        period: hour
        by: [team]
        condition: "> 1h"
        for: 10m
        severity: warning
        labels: { value: Speed }
        annotations:
          summary: "p90 first response is {{ value }} for {{ labels.team }} (threshold {{ threshold }})"
          detail: "{{ rule }} {{ severity }} {{ metric }} {{ stat }} {{ period }} {{ target }} {{ status }} [{{ labels.nobody }}]"
      - name: SlippingSticky
        metric: first_response_time
        stat: p90
        condition: "> 1h"
        for: 10m
        keep_firing_for: 5m
      - name: QualityOffTarget
        target: { value: Quality, metric: csat }
        status: [at_risk, missed]
        for: 1h
        severity: critical
        annotations:
          summary: "{{ metric }} is {{ value }} ({{ status }}, target {{ target }}, threshold {{ threshold }})"
      - name: CsatCollapsed
        metric: csat
        condition: "< 50%"
        severity: emergency
        annotations:
          summary: "CSAT {{ value }}"
    """

/// The test philosophy, parsed; the test fails if the file has an error.
func rulesPhilosophy(_ text: String = rulesPhilosophyText) throws -> Philosophy {
    let result = PhilosophyParser.parse(text)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors)")
    return try #require(result.philosophy)
}

/// 2026-11-27T10:00:00Z plus `minutes` (and `seconds`).
func at(_ minutes: Int, _ seconds: Int = 0) -> Timestamp {
    Timestamp(nanosecondsSinceEpoch: (1_795_773_600 + Int64(minutes) * 60 + Int64(seconds)) * 1_000_000_000)
}

/// The transitions as `from→to@minute:second` for compact expectations.
func steps(_ transitions: [AlertTransition]) -> [String] {
    transitions.map {
        let offset = ($0.at.nanosecondsSinceEpoch / 1_000_000_000) - 1_795_773_600
        return "\($0.rule)\($0.labels["team"].map { "{\($0)}" } ?? ""):\($0.from.rawValue)→\($0.to.rawValue)@\(offset / 60)m\(offset % 60 == 0 ? "" : "\(offset % 60)s")"
    }
}
