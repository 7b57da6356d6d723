import Foundation
import TenetCalendar
import TenetModels
import TenetYAML

/// Every rate and distribution of a simulated support center: arrivals, customers, agents and
/// their shifts, how calls, chats and tickets are handled, surveys and reviews, the
/// organisation's own events, and the scenarios. docs/SIMULATOR.md documents every key.
///
/// Read one from YAML with ``parse(_:file:)`` or ``load(path:)``; ``standard`` is the documented
/// default, parsed from ``standardText`` (the text `tenet simulate --print-profile` prints), so
/// the default and its documentation are one text.
public struct SimulationProfile: Hashable, Sendable {
    /// The file it was read from, as named to ``parse(_:file:)`` (for messages).
    public var source: String
    /// The organisation's IANA time zone, used when the philosophy names none.
    public var zone: String
    /// The currency of order amounts (three capital letters).
    public var currency: String
    /// When conversations arrive, on which channel, for which team.
    public var arrivals: Arrivals
    /// The customer base: its size, newcomers, churn, orders.
    public var customers: Customers
    /// Agents per team and group, in the order written.
    public var staffing: [Staffing]
    /// How shifts are laid out.
    public var shifts: Shifts
    /// Calls.
    public var phone: Phone
    /// Live chats and the bot.
    public var chat: Chat
    /// The backlog: email, social, web forms, and chats that came while the chat line was closed.
    public var tickets: Tickets
    /// Transfers, escalations, reopens.
    public var flow: Flow
    /// CSAT, NPS and CES surveys.
    public var surveys: Surveys
    /// Quality reviews.
    public var qa: QualityReviews
    /// The organisation's own `x.` events (leads, feature use, ratings, pulse surveys).
    public var extraEvents: [ExtraEvent]
    /// Staff counts for `x.employee.*` events.
    public var employees: Employees
    /// The scenarios' effects, and those the profile schedules.
    public var scenarios: Scenarios

    /// The profile named `file` in messages.
    public static let standardFile = "<standard profile>"

    /// The documented default: a mid-size center of about 60 agents whose figures sit near the
    /// example philosophy's targets. Parsed from ``standardText``.
    public static let standard: SimulationProfile = {
        do {
            return try parse(standardText, file: standardFile)
        } catch {
            fatalError("the standard simulation profile does not parse: \(error)")
        }
    }()

    /// Reads a profile from YAML text; `file` names it in errors. Every key is optional: a key
    /// left out takes the standard profile's value, except that `teams`, `extra_events` and
    /// `scenarios.schedule` given replace the standard ones whole.
    ///
    /// - Throws: ``SimulationProfileError`` naming `file:line:column`, the key and the reason of
    ///   the first problem, and listing the others.
    public static func parse(_ text: String, file: String) throws(SimulationProfileError) -> SimulationProfile {
        var parser = SimulationProfileParser(base: file == standardFile ? nil : standard)
        var profile = parser.read(text)
        profile?.source = file
        if let error = SimulationProfileError.from(parser.reader.diagnostics, file: file) { throw error }
        guard let profile else {
            throw SimulationProfileError(code: .syntax, file: file, message: "the profile could not be read")
        }
        return profile
    }

    /// The largest profile file read (1 MiB).
    public static let maximumFileBytes = 1 << 20

    /// Reads the profile file at `path`.
    ///
    /// - Throws: ``SimulationProfileError`` with ``SimulationProfileError/Code/unreadable`` when
    ///   the file cannot be read, else as ``parse(_:file:)``.
    public static func load(path: String) throws(SimulationProfileError) -> SimulationProfile {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw SimulationProfileError(code: .unreadable, file: path, message: "cannot read the profile: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw SimulationProfileError(code: .unreadable, file: path, message: "cannot read the profile: not a regular file")
        }
        guard status.st_size <= maximumFileBytes else {
            throw SimulationProfileError(code: .unreadable, file: path, message: "the profile is larger than \(maximumFileBytes >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulationProfileError(code: .unreadable, file: path, message: "cannot read the profile")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SimulationProfileError(code: .unreadable, file: path, message: "the profile is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// The same center `factor` times as large: every arrival rate (conversations, new
    /// customers, orders, the organisation's own events), the customer base, the other staff and
    /// every group's agents multiplied by `factor` (agents rounded so that the total is the
    /// total scaled, at least 1 where there was one).
    /// Handling times, shares and distributions stay, so the figures stay about the same.
    public func scaled(by factor: Double) -> SimulationProfile {
        guard factor > 0, factor.isFinite else { return self }
        var scaled = self
        scaled.arrivals.rates = arrivals.rates.map { $0 * factor }
        scaled.customers.initial = Int((Double(customers.initial) * factor).rounded())
        scaled.customers.newPerDay = customers.newPerDay * factor
        // Largest remainders, so that the total is the total scaled (200 for 60 × 10/3).
        let exact = staffing.map { Double($0.agents) * factor }
        var counts = exact.map { Int($0.rounded(.down)) }
        let wanted = Int((Double(agentCount) * factor).rounded())
        // Remainders to 1e-9, so that equal ones are equal whatever the rounding; ties go to the
        // earlier group.
        let remainders = exact.indices.map { ((exact[$0] - Double(counts[$0])) * 1e9).rounded() }
        let order = exact.indices.sorted { (remainders[$0], -$0) > (remainders[$1], -$1) }
        for index in order.prefix(max(0, wanted - counts.reduce(0, +))) { counts[index] += 1 }
        scaled.staffing = zip(staffing, counts).map { entry, count in
            var entry = entry
            if entry.agents > 0 { entry.agents = max(1, count) }
            return entry
        }
        scaled.extraEvents = extraEvents.map { event in
            var event = event
            event.perWeek *= factor
            return event
        }
        scaled.employees.otherStaff = Int((Double(employees.otherStaff) * factor).rounded())
        return scaled
    }

    /// Agents across teams and groups.
    public var agentCount: Int { staffing.reduce(0) { $0 + $1.agents } }
}
