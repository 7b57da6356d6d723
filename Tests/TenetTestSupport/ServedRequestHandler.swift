import Foundation
import TenetBus
import TenetPlugin

/// A ``RequestServer`` serving one handler on its own thread, on an ipc socket in a temporary
/// directory, for the length of a test: the one way the in-process tests run a server.
public final class ServedRequestHandler: @unchecked Sendable {
    /// The context the server's socket (and the test's clients) live in.
    public let context: ZMQContext
    /// Where the server answers.
    public let endpoint: String
    /// The temporary directory, removed by ``close()``.
    public let directory: String
    private let stop = StopSignal()
    private let thread: OwnerThread

    /// Starts serving the handler `make` creates on the server's thread; returns once it is
    /// created (a failure to create it is thrown here).
    public init(
        name: String = "test", maximumMessageSize: Int = RequestServer.defaultMaximumMessageSize,
        make: @escaping @Sendable (_ context: ZMQContext, _ directory: String) throws -> any RequestHandler
    ) throws {
        directory = NSTemporaryDirectory() + "tenet-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let context = try ZMQContext()
        self.context = context
        endpoint = "ipc://\(directory)/\(name).sock"
        let server = RequestServer(context: context, endpoint: endpoint, name: name, maximumMessageSize: maximumMessageSize)
        let (stop, directory) = (stop, directory)
        thread = try OwnerThread.start(name: "test-\(name)") { (starter: OwnerThread.Starter<Bool>) in
            let handler: any RequestHandler
            do {
                handler = try make(context, directory)
            } catch {
                starter.failed(error)
                return
            }
            starter.ready(true)
            do {
                try server.run(handler, until: stop)
            } catch {
                FileHandle.standardError.write(Data("test server \(name) failed: \(error)\n".utf8))
            }
        }.thread
    }

    /// A client of the server.
    public func client(_ sender: String = "test") throws -> BusRequestClient {
        try BusRequestClient(context: context, endpoint: endpoint, sender: sender)
    }

    /// Stops the server, terminates the context and removes the directory.
    public func close() {
        stop.raise()
        thread.join()
        context.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
