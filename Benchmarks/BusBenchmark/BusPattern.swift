import TenetBus

/// A messaging pattern the benchmark measures over `ipc://`, with the sockets and options of
/// each side. The C twin (`Benchmarks/c/zmq_throughput.c`) uses exactly the same settings.
enum BusPattern: String, CaseIterable, Sendable {
    /// PUSH → PULL: flow-controlled pipeline, like libzmq's `remote_thr` → `local_thr`.
    case pushPull = "pushpull"
    /// PUB → SUB with unlimited high-water marks, so the publisher never drops.
    case pubSub = "pubsub"

    var senderType: ZMQSocketType {
        switch self {
        case .pushPull: .push
        case .pubSub: .pub
        }
    }

    var receiverType: ZMQSocketType {
        switch self {
        case .pushPull: .pull
        case .pubSub: .sub
        }
    }

    /// The send and receive high-water mark of both sides; `nil` keeps libzmq's default (1000).
    ///
    /// PUSH/PULL keeps the default, as `local_thr`/`remote_thr` do: a full queue blocks the
    /// sender and nothing is lost. PUB drops at its high-water mark instead of blocking, so
    /// PUB/SUB sets 0 (no limit) on both sides and the subscriber sees every message.
    var highWaterMark: Int? {
        switch self {
        case .pushPull: nil
        case .pubSub: 0
        }
    }
}
