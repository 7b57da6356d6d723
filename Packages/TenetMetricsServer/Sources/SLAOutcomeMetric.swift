import TenetPhilosophy

/// `sla_attainment`, measured from the SLA outcomes the rules plugin stores as events
/// (METRICS.md, "SLA attainment"): one `x.sla.outcome` event per clock that was met
/// (`attributes.outcome: met`, at the reply or solve that met it) or breached
/// (`attributes.outcome: breached`, at the breach). Attainment is met ÷ all, a rate with its
/// numerator and denominator; `attributes.policy` and `attributes.metric` filter it.
public enum SLAOutcomeMetric {
    /// The event type the rules plugin stores.
    public static let eventType = "x.sla.outcome"

    /// The definition the metrics plugin measures `sla_attainment` by.
    public static let definition = CustomMetric(
        name: "sla_attainment", unit: .percent, description: "SLA clocks met ÷ SLA clocks applied (met or breached)",
        definition: .rate(
            numerator: EventSelector(
                types: [eventType], filter: MetricFilter([MetricFilter.Clause(field: .attribute("outcome"), values: ["met"])])),
            denominator: EventSelector(types: [eventType])))
}
