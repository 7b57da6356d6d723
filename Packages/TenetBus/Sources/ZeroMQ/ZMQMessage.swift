import CZeroMQ

/// One frame held in a libzmq `zmq_msg_t`, reusable across receives.
///
/// Receiving into a `ZMQMessage` avoids copying the frame into Swift memory: read it with
/// ``withUnsafeBytes(_:)`` and receive the next frame into the same message. The message owns
/// its `zmq_msg_t` and releases it on deinit. Not `Sendable`: one owner at a time.
public final class ZMQMessage {
    let pointer: UnsafeMutablePointer<zmq_msg_t>

    /// Creates an empty message.
    public init() {
        pointer = .allocate(capacity: 1)
        zmq_msg_init(pointer)
    }

    /// Creates a message holding a copy of `bytes`.
    public init(bytes: some Collection<UInt8>) {
        pointer = .allocate(capacity: 1)
        zmq_msg_init_size(pointer, bytes.count)
        let destination = UnsafeMutableRawBufferPointer(start: zmq_msg_data(pointer), count: bytes.count)
        destination.copyBytes(from: bytes)
    }

    deinit {
        zmq_msg_close(pointer)
        pointer.deallocate()
    }

    /// The frame's size in bytes.
    public var count: Int { zmq_msg_size(pointer) }

    /// Whether another frame of the same multipart message follows this one.
    public var hasMore: Bool { zmq_msg_more(pointer) != 0 }

    /// Calls `body` with the frame's bytes, valid only during the call.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: zmq_msg_data(pointer), count: count))
    }

    /// A copy of the frame's bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}
