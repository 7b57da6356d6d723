import TenetModels
import TenetRulesProtocol

/// The arguments of `tenet silence add` as typed, and the ``SilenceRequest`` they make.
///
/// Checked here, before anything is sent: a rule or at least one label (a silence of
/// everything is refused), each label `KEY=VALUE`, exactly one of `--for` (a positive
/// duration, as ``DurationText`` reads it) and `--until` (an RFC 3339 instant after now).
public struct SilenceArguments: Hashable, Sendable {
    /// `--rule`: the rule silenced (any rule when `nil`).
    public var rule: String?
    /// `--label`, each `KEY=VALUE`.
    public var labels: [String]
    /// `--for`: how long from now (`2h`, `30m`, `1h30m`).
    public var duration: String?
    /// `--until`: when it ends (RFC 3339).
    public var until: String?
    /// `--comment`: why.
    public var comment: String?
    /// Who asks (the command's user); empty leaves it to the plugin.
    public var createdBy: String

    /// Creates the arguments.
    public init(
        rule: String? = nil, labels: [String] = [], duration: String? = nil, until: String? = nil, comment: String? = nil,
        createdBy: String
    ) {
        self.rule = rule
        self.labels = labels
        self.duration = duration
        self.until = until
        self.comment = comment
        self.createdBy = createdBy
    }

    /// The request, or the first thing wrong with the arguments. `now` judges `--until`.
    ///
    /// The duration goes out in its shortest form (`1.5h` as `90m`) for the plugin to count
    /// from its own clock; `--until` as RFC 3339 in UTC.
    public func request(now: Timestamp) throws(SilenceArgumentError) -> SilenceRequest {
        if let rule, rule.allSatisfy(\.isWhitespace) {
            throw SilenceArgumentError(.emptyRule, field: "--rule", reason: "give the rule's name, or leave --rule out to match any rule")
        }
        let matched = try Self.labels(labels)
        guard rule != nil || !matched.isEmpty else {
            throw SilenceArgumentError(
                .nothingMatched, field: "--rule/--label",
                reason: "give a rule, at least one label, or both: a silence of every alert is refused")
        }
        var request = SilenceRequest(
            rule: rule, labels: matched.isEmpty ? nil : matched, createdBy: createdBy.isEmpty ? nil : createdBy, comment: comment)
        switch (duration, until) {
        case (nil, nil):
            throw SilenceArgumentError(.noEnd, field: "--for/--until", reason: "say how long (--for 2h) or until when (--until RFC3339)")
        case (.some, .some):
            throw SilenceArgumentError(.twoEnds, field: "--for/--until", reason: "give one of them, not both")
        case (let text?, nil):
            let length: Duration
            do {
                length = try DurationText.read(text)
            } catch {
                throw SilenceArgumentError(.badDuration, field: "--for", value: text, reason: error.description)
            }
            guard length > .zero else {
                throw SilenceArgumentError(.nonPositiveDuration, field: "--for", value: text, reason: "a silence must last longer than zero")
            }
            request.duration = DurationText.format(length)
        case (nil, let text?):
            guard let end = Timestamp(rfc3339: text) else {
                throw SilenceArgumentError(
                    .badInstant, field: "--until", value: text, reason: "not an RFC 3339 instant (such as 2026-11-27T18:00:00+01:00)")
            }
            guard end > now else {
                throw SilenceArgumentError(.endNotAfterNow, field: "--until", value: text, reason: "it is not after now (\(now.rfc3339))")
            }
            request.endsAt = end.rfc3339
        }
        return request
    }

    /// `--label` values as a label set: each `KEY=VALUE` (split at the first `=`; the value may
    /// hold more), neither part empty; a key given twice must have the same value.
    public static func labels(_ clauses: [String]) throws(SilenceArgumentError) -> [String: String] {
        var labels: [String: String] = [:]
        for clause in clauses {
            guard let equals = clause.firstIndex(of: "=") else {
                throw SilenceArgumentError(.badLabel, field: "--label", value: clause, reason: "write KEY=VALUE, such as team=support")
            }
            let key = String(clause[..<equals])
            let value = String(clause[clause.index(after: equals)...])
            guard !key.allSatisfy(\.isWhitespace), !value.isEmpty else {
                throw SilenceArgumentError(
                    .badLabel, field: "--label", value: clause, reason: "write KEY=VALUE with both parts, such as team=support")
            }
            if let previous = labels[key], previous != value {
                throw SilenceArgumentError(
                    .conflictingLabel, field: "--label", value: clause, reason: "\(key) is already given as \(previous): one value a label")
            }
            labels[key] = value
        }
        return labels
    }
}
