import CZeroMQ
import Synchronization

/// A libzmq context: the I/O threads and the owner of every socket made from it.
///
/// A context is safe to share between threads. Close every socket, then call ``terminate()``
/// (or let the last reference go): termination waits until each socket's pending outgoing
/// messages are sent or its linger period expires, so a clean exit loses nothing.
public final class ZMQContext: Sendable {
    /// The raw `void *` context handle, stored as a bit pattern to stay `Sendable`.
    private let handleBits: UInt
    private let terminated = Atomic<Bool>(false)

    var handle: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: handleBits)! }

    /// Creates a context with `ioThreads` background I/O threads.
    public init(ioThreads: Int = 1) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        if zmq_ctx_set(handle, ZMQ_IO_THREADS, Int32(ioThreads)) != 0 {
            let error = ZMQError.last("zmq_ctx_set", "ZMQ_IO_THREADS=\(ioThreads)")
            zmq_ctx_term(handle)
            throw error
        }
        handleBits = UInt(bitPattern: handle)
    }

    /// Makes every blocking call on this context's sockets return ``ZMQError/Code/contextTerminated``
    /// so that their owners close them. Safe to call from any thread, more than once.
    public func shutdown() {
        guard !terminated.load(ordering: .acquiring) else { return }
        zmq_ctx_shutdown(handle)
    }

    /// Terminates the context: blocks until every socket is closed and lingering messages are
    /// flushed. Idempotent.
    public func terminate() {
        guard !terminated.exchange(true, ordering: .acquiringAndReleasing) else { return }
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit {
        terminate()
    }

    /// The libzmq version linked at run time, e.g. `(4, 3, 4)`.
    public static var libraryVersion: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    /// Whether libzmq was built with a capability, e.g. `"curve"` or `"ipc"`.
    public static func hasCapability(_ name: String) -> Bool {
        zmq_has(name) != 0
    }
}
