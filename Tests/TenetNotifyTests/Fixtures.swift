import Synchronization
import TenetModels
import TenetNotify
import TenetPhilosophy

enum Fixtures {
    /// 2026-11-27T09:00:00Z.
    static let nine = Timestamp(nanosecondsSinceEpoch: 1_795_770_000 * 1_000_000_000)

    static func at(minutes: Int64) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: nine.nanosecondsSinceEpoch + minutes * 60 * 1_000_000_000)
    }

    static func notification(
        id: String = "a1", kind: NotificationKind = .firing, rule: String = "FirstResponseSlipping",
        severity: Severity = .critical, labels: [String: String] = ["team": "support"], at: Timestamp = nine
    ) -> TenetNotify.Notification {
        TenetNotify.Notification(
            id: id, kind: kind, rule: rule, severity: severity, labels: labels, annotations: [:], value: 4320, at: at)
    }
}

/// Records the waits a delivery asks for instead of waiting.
final class RecordedSleeps: Sendable {
    private let waits = Mutex<[Duration]>([])
    var all: [Duration] { waits.withLock { $0 } }
    var sleep: NotificationDelivery.Sleep {
        { duration in self.waits.withLock { $0.append(duration) } }
    }
}

/// A sender that answers from a script and counts its tries.
final class ScriptedSender: NotificationSender {
    let name: String
    let attempts: Int
    private let script: Mutex<[AttemptResult]>
    private let tries = Mutex<[String]>([])

    init(name: String = "fake", attempts: Int = 6, script: [AttemptResult]) {
        self.name = name
        self.attempts = attempts
        self.script = Mutex(script)
    }

    var sent: [String] { tries.withLock { $0 } }

    func send(_ notification: TenetNotify.Notification, attempt: Int) async -> AttemptResult {
        tries.withLock { $0.append("\(notification.id)#\(attempt)") }
        return script.withLock { $0.isEmpty ? .delivered(detail: "ok") : $0.removeFirst() }
    }
}
