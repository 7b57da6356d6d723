import Foundation
import TenetModels
import TenetRulesProtocol

/// What `tenet silence` prints: the list of silences, and one silence added or expired.
public enum SilencesText {
    /// The reply to `silences` as text (ends with a newline): id, rule (`any`), labels, start
    /// and end on the wall clock of `zone`, who made it and why; with `all`, whether each is in
    /// force now. With none, one line that says so.
    public static func render(_ reply: SilencesReply, zone: TimeZone, all: Bool) -> String {
        guard !reply.silences.isEmpty else { return (all ? "No silence." : "No silence is active.") + "\n" }
        var header = ["ID", "RULE", "LABELS", "FROM", "UNTIL", "BY"]
        if all { header.append("ACTIVE") }
        header.append("COMMENT")
        var rows = [header]
        for silence in reply.silences {
            var row = [
                silence.id, silence.rule ?? "any", RulesFormat.labels(silence.labels), RulesFormat.instant(silence.startsAt, zone: zone),
                RulesFormat.instant(silence.endsAt, zone: zone), silence.createdBy,
            ]
            if all { row.append(silence.active ? "yes" : "no") }
            row.append(silence.comment)
            rows.append(row)
        }
        let count = "\(reply.silences.count) silence\(reply.silences.count == 1 ? "" : "s")"
        return "\(count)\(all ? "" : " active") (\(zone.identifier))\n" + TextTable.align(rows) + "\n"
    }

    /// What `tenet silence add` prints for the silence made: what it matches, its span, and how
    /// to end it early.
    public static func added(_ silence: SilenceBody, zone: TimeZone) -> String {
        "silence \(silence.id): \(describe(silence, zone: zone))\nend it early with: tenet silence expire \(silence.id)\n"
    }

    /// What `tenet silence expire` prints for the silence ended.
    public static func expired(_ silence: SilenceBody, zone: TimeZone) -> String {
        "silence \(silence.id) expired: \(describe(silence, zone: zone))\n"
    }

    /// `rule FirstResponseSlipping, labels team=support, from … until … (Europe/Berlin), by ops: migration`.
    public static func describe(_ silence: SilenceBody, zone: TimeZone) -> String {
        var parts: [String] = []
        parts.append(silence.rule.map { "rule \($0)" } ?? "any rule")
        if !silence.labels.isEmpty { parts.append("labels \(RulesFormat.labels(silence.labels))") }
        parts.append(
            "from \(RulesFormat.instant(silence.startsAt, zone: zone)) until \(RulesFormat.instant(silence.endsAt, zone: zone)) "
                + "(\(zone.identifier))")
        parts.append("by \(silence.createdBy)")
        return parts.joined(separator: ", ") + (silence.comment.isEmpty ? "" : ": \(silence.comment)")
    }
}
