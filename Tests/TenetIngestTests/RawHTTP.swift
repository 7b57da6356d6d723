import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP client for HTTP exchanges no ordinary client would make (a body announced and
/// never sent).
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `request` to 127.0.0.1:`port` and returns what arrives until the server closes the
    /// connection, a full response head and body is in, or 60 seconds pass.
    static func exchange(port: Int, request: String) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
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
        guard connected == 0 || errno == EISCONN else { throw Failure(description: "connect: errno \(errno)") }
        let bytes = Array(request.utf8)
        guard send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw Failure(description: "send: errno \(errno)") }
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
            if let end = text.range(of: "\r\n\r\n"), let length = contentLength(text[..<end.lowerBound]),
                received.count >= text.utf8.distance(from: text.startIndex, to: end.upperBound) + length
            {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    private static func contentLength(_ head: Substring) -> Int? {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
