import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP connection to a loopback HTTP server, for exchanges no ordinary client makes (a
/// body announced and never sent, a request left half-sent while the server stops).
public final class RawHTTPConnection {
    /// A failed step, with the system's errno.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; reads wait at most `timeout` seconds.
    public init(port: Int, timeout: Int = 60) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var connected: Int32 = -1
        repeat {
            connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } while connected != 0 && [EINTR, EALREADY, EINPROGRESS].contains(errno)
        guard connected == 0 || errno == EISCONN else {
            close(descriptor)
            throw Failure(description: "connect to 127.0.0.1:\(port): errno \(errno)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `text` as it is.
    public func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += count
        }
    }

    /// Reads one response: its head and as much body as its Content-Length says, or until the
    /// server closes the connection.
    public func readResponse() throws -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            // Other tests' child processes end with SIGCHLD, which interrupts a waiting recv.
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw Failure(description: "recv: errno \(errno) after \(received.count) bytes") }
            if count == 0 {
                if received.isEmpty { throw Failure(description: "the server closed the connection without a byte") }
                break
            }
            received += buffer[0..<count]
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n"), let length = Self.contentLength(text[..<end.lowerBound]),
                received.count >= text.utf8.distance(from: text.startIndex, to: end.upperBound) + length
            {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// ``readResponse()`` on a thread of its own, for async tests: a blocking read on Swift's
    /// few cooperative threads could starve the in-process server that is to answer it.
    public func response() async throws -> String {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<String, any Error>, Never>) in
            let connection = UncheckedBox(self)
            Thread { continuation.resume(returning: Result { try connection.value.readResponse() }) }.start()
        }
        return try result.get()
    }

    private static func contentLength(_ head: Substring) -> Int? {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}

/// Carries a connection to the reading thread; the test waits for that thread and does not use
/// the connection meanwhile.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
