/// The request methods of the rules plugin (docs/ALERTS.md, "Asking the rules plugin").
public enum RulesMethod: String, CaseIterable, Sendable {
    /// What is pending and firing now, the targets not met, and the latest transitions:
    /// ``AlertsRequest`` → ``AlertsReply``.
    case alerts
    /// The running SLA clocks, soonest breach first, with attainment and the latest breaches:
    /// ``SLARequest`` → ``SLAReply``.
    case sla
    /// The silences: `{}` (or `{"all": true}` for ended ones too) → ``SilencesReply``.
    case silences
    /// Adds a silence: ``SilenceRequest`` → ``SilenceBody``.
    case silence
    /// Ends a silence now: ``ExpireRequest`` → ``SilenceBody``.
    case expire
    /// Counters: `{}` → ``RulesStats``.
    case stats
}
