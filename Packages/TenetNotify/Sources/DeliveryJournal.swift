import Synchronization
import TenetModels

/// Every try at delivering a notification and how it ended, so that the rules plugin can prove
/// what it sent ("exactly one delivery recorded as succeeded") and never sends a notification
/// id twice to a notifier that already took it.
///
/// With a path, each record is also one JSON line of a file (mode 0600, synced before the
/// record counts), read back when the journal is opened again: a restarted plugin keeps its
/// successes and does not notify twice. ``claim(_:notifier:)`` makes a delivery exclusive
/// while it runs, so two concurrent deliveries of one id to one notifier cannot both send.
public final class DeliveryJournal: Sendable {
    private struct State {
        var records: [DeliveryRecord] = []
        var delivered: Set<Key> = []
        var inFlight: Set<Key> = []
    }

    private struct Key: Hashable {
        var id: String
        var notifier: String
    }

    private let state: Mutex<State>
    private let file: AppendOnlyFile?

    /// A journal kept in memory only (tests, or a plugin that persists elsewhere).
    public init() {
        state = Mutex(State())
        file = nil
    }

    /// A journal kept in the JSON-lines file at `path`, with the records already there.
    ///
    /// - Throws: ``NotifyError`` with ``NotifyError/Code/file`` when the file cannot be opened.
    public init(path: String) throws(NotifyError) {
        var loaded = State()
        for line in AppendOnlyFile.lines(at: path) {
            guard let json = try? JSONParser.parse(line), let record = DeliveryRecord(json: json) else { continue }
            loaded.records.append(record)
            if record.status == .succeeded { loaded.delivered.insert(Key(id: record.notificationID, notifier: record.notifier)) }
        }
        state = Mutex(loaded)
        file = try AppendOnlyFile(path: path)
    }

    /// Every record, oldest first.
    public var records: [DeliveryRecord] { state.withLock { $0.records } }

    /// The records about notification `id` (to every notifier, or to `notifier` only).
    public func records(for id: String, notifier: String? = nil) -> [DeliveryRecord] {
        state.withLock { state in
            state.records.filter { $0.notificationID == id && (notifier == nil || $0.notifier == notifier) }
        }
    }

    /// The dead letters: notifications whose last try failed, oldest first.
    public var deadLetters: [DeliveryRecord] { state.withLock { $0.records.filter { $0.status == .deadLetter } } }

    /// Whether a try delivered notification `id` to `notifier`.
    public func hasDelivered(_ id: String, notifier: String) -> Bool {
        state.withLock { $0.delivered.contains(Key(id: id, notifier: notifier)) }
    }

    /// Reserves the delivery of `id` to `notifier`: `true` when no success is recorded and no
    /// other delivery of it runs now; the caller then delivers and calls
    /// ``release(_:notifier:)``. `false` means: do not send.
    public func claim(_ id: String, notifier: String) -> Bool {
        state.withLock { state in
            let key = Key(id: id, notifier: notifier)
            if state.delivered.contains(key) || state.inFlight.contains(key) { return false }
            state.inFlight.insert(key)
            return true
        }
    }

    /// Ends the reservation ``claim(_:notifier:)`` made.
    public func release(_ id: String, notifier: String) {
        _ = state.withLock { $0.inFlight.remove(Key(id: id, notifier: notifier)) }
    }

    /// Records `record`: in the file first (synced), then in memory.
    ///
    /// - Throws: ``NotifyError`` with ``NotifyError/Code/file`` when the file could not be
    ///   written; the record is then kept in memory all the same (a success is still not repeated
    ///   while the process runs).
    public func record(_ record: DeliveryRecord) throws(NotifyError) {
        var failure: NotifyError?
        if let file {
            do { try file.append(line: JSONWriter.bytes(record.jsonValue)) } catch { failure = error }
        }
        state.withLock { state in
            state.records.append(record)
            if record.status == .succeeded {
                state.delivered.insert(Key(id: record.notificationID, notifier: record.notifier))
            }
        }
        if let failure { throw failure }
    }
}
