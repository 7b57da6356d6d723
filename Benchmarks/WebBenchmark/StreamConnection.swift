import Foundation
import TenetBenchSupport

#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 connection to the web plugin over a TCP socket, as a browser's
/// `EventSource` holds one: `GET /v1/stream` with the token, read until the stream's opening
/// comment (the plugin has then registered the client), then handed to a ``StreamReader``
/// non-blocking. Also one-shot GETs (`/metrics`) with `Connection: close`.
enum StreamConnection {
    /// Opens `GET /v1/stream` on 127.0.0.1:`port`: the socket (non-blocking from then on) and the
    /// bytes read after the opening comment.
    static func open(port: Int, token: String, timeout: Duration = .seconds(10)) throws(BenchmarkError) -> (fd: Int32, rest: [UInt8]) {
        let fd = try connect(port: port)
        let request = "GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\nAccept: text/event-stream\r\n\r\n"
        do throws(BenchmarkError) {
            try send(fd, request)
            var received: [UInt8] = []
            let opening = Array(": tenet live stream\n".utf8)
            let deadline = ContinuousClock.now + timeout
            while true {
                if let end = received.firstRange(of: opening) {
                    guard received.starts(with: Array("HTTP/1.1 200".utf8)) else {
                        throw BenchmarkError(code: .failed, message: "GET /v1/stream answered \(String(decoding: received.prefix(60), as: UTF8.self))")
                    }
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    return (fd, Array(received[end.upperBound...]))
                }
                guard ContinuousClock.now < deadline else {
                    throw BenchmarkError(code: .failed, message: "GET /v1/stream: no opening within \(timeout): \(String(decoding: received.prefix(200), as: UTF8.self))")
                }
                guard try read(fd, into: &received, wait: .milliseconds(200)) else {
                    throw BenchmarkError(code: .failed, message: "GET /v1/stream: the connection closed: \(String(decoding: received.prefix(200), as: UTF8.self))")
                }
            }
        } catch {
            close(fd)
            throw error
        }
    }

    /// `GET path` with `Connection: close`: the whole answer (status line, headers, body).
    static func get(port: Int, path: String, token: String, timeout: Duration = .seconds(10)) throws(BenchmarkError) -> String {
        let fd = try connect(port: port)
        defer { close(fd) }
        try send(fd, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n")
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard try read(fd, into: &received, wait: .milliseconds(200)) else { return String(decoding: received, as: UTF8.self) }
        }
        throw BenchmarkError(code: .failed, message: "GET \(path): no end within \(timeout)")
    }

    private static func connect(port: Int) throws(BenchmarkError) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchmarkError(code: .failed, message: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw BenchmarkError(code: .failed, message: "connect to 127.0.0.1:\(port): \(reason)")
        }
        return fd
    }

    private static func send(_ fd: Int32, _ text: String) throws(BenchmarkError) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw BenchmarkError(code: .failed, message: "send: \(String(cString: strerror(errno)))") }
            sent += written
        }
    }

    /// Waits up to `wait` for bytes and appends them; `false` once the peer has closed.
    private static func read(_ fd: Int32, into buffer: inout [UInt8], wait: Duration) throws(BenchmarkError) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return true }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw BenchmarkError(code: .failed, message: "recv: \(String(cString: strerror(errno)))") }
        if count == 0 { return false }
        buffer += chunk[..<count]
        return true
    }
}
