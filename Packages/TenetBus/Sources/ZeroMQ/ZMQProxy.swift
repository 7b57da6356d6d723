import CZeroMQ

/// Runs libzmq's built-in forwarder between two sockets (`zmq_proxy_steerable`).
///
/// The proxy forwards in C, without a Swift hop per message. Steer it with a PAIR socket
/// connected to `control`: sending `TERMINATE` ends ``run(frontend:backend:control:)``.
public enum ZMQProxy {
    /// Forwards between `frontend` and `backend` until `TERMINATE` arrives on `control`
    /// or the context is shut down. Blocks the calling thread.
    public static func run(frontend: ZMQSocket, backend: ZMQSocket, control: ZMQSocket) throws(ZMQError) {
        let result = zmq_proxy_steerable(
            try frontend.open("zmq_proxy_steerable"),
            try backend.open("zmq_proxy_steerable"),
            nil,
            try control.open("zmq_proxy_steerable"))
        if result != 0 {
            let error = ZMQError.last("zmq_proxy_steerable")
            if error.code != .contextTerminated { throw error }
        }
    }
}
