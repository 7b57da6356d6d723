import CZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// A failed libzmq call: which operation, on what, and the `errno` libzmq reported.
///
/// The error keeps the raw `errno` in ``code`` so callers can react to specific conditions
/// (``Code/tryAgain`` for a full queue in non-blocking mode, ``Code/contextTerminated`` during
/// shutdown) and prints a message that names what failed:
/// `zmq_bind(ipc:///tmp/x/bus.sock) failed: Address already in use (errno 98)`.
public struct ZMQError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An `errno` value reported by libzmq.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `EAGAIN`: a non-blocking operation could not complete now (queue full or empty).
        public static let tryAgain = Code(rawValue: EAGAIN)
        /// `ETERM`: the context was shut down; close the socket.
        public static let contextTerminated = Code(rawValue: ZMQ_ETERM_VALUE)
        /// `EINTR`: a signal interrupted the call.
        public static let interrupted = Code(rawValue: EINTR)
        /// `EADDRINUSE`: the endpoint is already bound.
        public static let addressInUse = Code(rawValue: EADDRINUSE)
        /// `EINVAL`: an argument (option value, endpoint) is invalid.
        public static let invalidArgument = Code(rawValue: EINVAL)
        /// `EPROTONOSUPPORT`: the endpoint's transport is not supported.
        public static let protocolNotSupported = Code(rawValue: EPROTONOSUPPORT)
        /// `EHOSTUNREACH`: a ROUTER with mandatory routing has no peer of that identity.
        public static let hostUnreachable = Code(rawValue: EHOSTUNREACH)
        /// `EFSM`: the operation is not allowed in the socket's current state (REQ/REP order).
        public static let wrongState = Code(rawValue: ZMQ_EFSM_VALUE)
        /// `ENOTSOCK`: the socket was already closed.
        public static let notSocket = Code(rawValue: ENOTSOCK)

        public var description: String { "errno \(rawValue)" }
    }

    /// The `errno` libzmq reported.
    public var code: Code
    /// The libzmq function that failed, e.g. `zmq_bind`.
    public var operation: String
    /// What it was applied to, e.g. the endpoint or the option name; empty if nothing applies.
    public var subject: String

    /// Creates an error from an explicit code.
    public init(code: Code, operation: String, subject: String = "") {
        self.code = code
        self.operation = operation
        self.subject = subject
    }

    /// Creates an error from the calling thread's current `zmq_errno()`.
    public static func last(_ operation: String, _ subject: String = "") -> ZMQError {
        ZMQError(code: Code(rawValue: zmq_errno()), operation: operation, subject: subject)
    }

    /// libzmq's text for the code (`zmq_strerror`).
    public var reason: String { String(cString: zmq_strerror(code.rawValue)) }

    public var description: String {
        let target = subject.isEmpty ? "" : "(\(subject))"
        return "\(operation)\(target) failed: \(reason) (errno \(code.rawValue))"
    }
}

// libzmq defines its own errno values above ZMQ_HAUSNUMERO; the macros are expressions Swift
// cannot import, so they are restated here from zmq.h.
private let zmqHausnumero: Int32 = 156_384_712
private let ZMQ_ETERM_VALUE: Int32 = zmqHausnumero + 53
private let ZMQ_EFSM_VALUE: Int32 = zmqHausnumero + 51
