import Foundation
import TenetBus
import Testing

extension RunningStack {
    /// A SUB socket on the stack's event bus subscribed to `prefix`, returned once the
    /// supervisor's heartbeat has arrived on it (so nothing published afterwards is missed).
    /// Needs `prefix` to cover `sys.heartbeat.supervisor`.
    func busSubscriber(_ context: ZMQContext, prefix: String = "sys.") throws -> ZMQSocket {
        let subscriber = try ZMQSocket(context: context, type: .sub)
        try subscriber.set(.subscribe(prefix))
        try subscriber.set(.receiveTimeout(.milliseconds(200)))
        try subscriber.connect("ipc://\(data)/run/subscribe.sock")
        try waitUntil("the supervisor's heartbeat arrives") {
            guard let frames = try subscriber.receiveMultipart() else { return false }
            return try BusMessage(frames: frames).topic == "sys.heartbeat.supervisor"
        }
        return subscriber
    }
}
