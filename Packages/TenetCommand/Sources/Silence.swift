import ArgumentParser
import Foundation
import TenetModels
import TenetRulesProtocol
import TenetRulesText

/// `tenet silence add|list|expire`: the rules plugin's silences, which keep matching
/// notifications from being sent until they expire.
struct Silence: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, list and expire silences: notifications they match are not sent until they end.",
        discussion: "docs/ALERTS-notifiers.md (Silences) says what a silence matches.",
        subcommands: [Add.self, List.self, Expire.self])

    /// `tenet silence add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Silence a rule, labels, or both, for a while or until an instant.",
            discussion: """
                A notification is silenced when it is of --rule (any rule without it) and carries \
                every --label with that value. A silence with neither is refused. Give --for (2h, \
                30m, 1h30m) or --until (RFC 3339).
                """)

        @Option(name: .long, help: "The rule silenced (any rule when left out).")
        var rule: String?

        @Option(name: .long, parsing: .singleValue, help: "A label KEY=VALUE the notification must carry (repeatable).")
        var label: [String] = []

        @Option(name: .customLong("for"), help: "How long from now: 2h, 30m, 1h30m.")
        var duration: String?

        @Option(name: .long, help: "When it ends (RFC 3339), instead of --for.")
        var until: String?

        @Option(name: .long, help: "Why (shown in `tenet silence list`).")
        var comment: String?

        @OptionGroup var rules: RulesOptions

        func run() throws {
            let arguments = SilenceArguments(
                rule: rule, labels: label, duration: duration, until: until, comment: comment, createdBy: Silence.userName())
            let request: SilenceRequest
            do {
                request = try arguments.request(now: Timestamp.now())
            } catch {
                throw CommandFailure(message: error.description, exitCode: 64)
            }
            let client = try rules.connect(sender: "tenet-silence")
            defer { client.close() }
            let silence = try client.request(RulesMethod.silence.rawValue, body: request, as: SilenceBody.self)
            print(SilencesText.added(silence, zone: rules.timeZone(client.report)), terminator: "")
        }
    }

    /// `tenet silence list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the silences in force (--all: ended ones too).")

        @Flag(name: .long, help: "Ended silences too.")
        var all = false

        @Flag(name: .long, help: "Print the plugin's reply as JSON.")
        var json = false

        @OptionGroup var rules: RulesOptions

        func run() throws {
            let client = try rules.connect(sender: "tenet-silence")
            defer { client.close() }
            let reply = try client.request(RulesMethod.silences.rawValue, body: SilencesRequest(all: all ? true : nil))
            if json {
                print(String(decoding: reply.body, as: UTF8.self))
                return
            }
            let body = try reply.decodeBody(SilencesReply.self)
            print(SilencesText.render(body, zone: rules.timeZone(client.report), all: all), terminator: "")
        }
    }

    /// `tenet silence expire ID`.
    struct Expire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a silence now.")

        @Argument(help: "The silence's id (see `tenet silence list`).")
        var id: String

        @OptionGroup var rules: RulesOptions

        func run() throws {
            let client = try rules.connect(sender: "tenet-silence")
            defer { client.close() }
            let silence = try client.request(RulesMethod.expire.rawValue, body: ExpireRequest(id: id), as: SilenceBody.self)
            print(SilencesText.expired(silence, zone: rules.timeZone(client.report)), terminator: "")
        }
    }

    /// Who runs the command: `$USER`, else the password database's name for the real user id,
    /// else empty (the plugin then records its default).
    static func userName() -> String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ""
    }
}
