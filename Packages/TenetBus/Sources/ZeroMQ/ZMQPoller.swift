import CZeroMQ

/// Waits on several sockets and file descriptors at once (`zmq_poll`).
///
/// Register items once, then call ``poll(timeout:)`` in a loop; it answers which items are
/// readable. A poller borrows its sockets: their owner must outlive it and keep them open.
public struct ZMQPoller: ~Copyable {
    private var items: [zmq_pollitem_t] = []

    /// Creates an empty poller.
    public init() {}

    /// Watches `socket` for incoming messages; returns the item's index.
    @discardableResult
    public mutating func addReadable(_ socket: ZMQSocket) -> Int {
        items.append(zmq_pollitem_t(socket: socket.rawHandle, fd: -1, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Watches a plain file descriptor (a pipe, a `signalfd`) for readability; returns its index.
    @discardableResult
    public mutating func addReadable(fileDescriptor: Int32) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Waits until an item is readable or `timeout` passes (`nil`: wait forever).
    ///
    /// - Returns: the indexes of the readable items, empty on timeout or interruption by a signal.
    public mutating func poll(timeout: Duration?) throws(ZMQError) -> [Int] {
        let milliseconds = timeout.map { ZMQSocketOption.milliseconds($0) } ?? -1
        let count = items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, Int32($0.count), Int(milliseconds)) }
        if count < 0 {
            let error = ZMQError.last("zmq_poll")
            if error.code == .interrupted { return [] }
            throw error
        }
        guard count > 0 else { return [] }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
