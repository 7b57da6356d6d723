import Foundation
import Logging
import TenetBus
import TenetPlugin
import TenetStoreServer

/// A store served in process: a real database file, a real ROUTER on an ipc socket, a real
/// publisher, on the server's own thread.
/// Shared by the store's and ingest's in-process tests.
public final class StoreTestHarness: @unchecked Sendable {
    public let directory: String
    public let context: ZMQContext
    public let endpoint: String
    public let publishEndpoint: String
    public let subscriber: ZMQSocket
    private let stop = StopSignal()
    private let finished = DispatchSemaphore(value: 0)

    /// Opens a new database in a temporary directory and starts serving it.
    public init() throws {
        directory = NSTemporaryDirectory() + "tenet-store-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        context = try ZMQContext()
        endpoint = "ipc://\(directory)/store.sock"
        publishEndpoint = "ipc://\(directory)/publish.sock"
        subscriber = try ZMQSocket(context: context, type: .sub)
        try subscriber.set(.subscribe(""))
        try subscriber.bind(publishEndpoint)
        let server = RequestServer(context: context, endpoint: endpoint, name: "store")
        let (context, database, publish) = (context, directory + "/tenet.sqlite", publishEndpoint)
        let stop = stop
        let finished = finished
        Thread {
            do {
                let handler = try StoreRequestHandler(
                    context: context, databasePath: database, publishEndpoint: publish, name: "store", logger: Logger(label: "test"))
                try server.run(handler, until: stop)
            } catch {
                FileHandle.standardError.write(Data("store failed: \(error)\n".utf8))
            }
            finished.signal()
        }.start()
    }

    /// A client of the store.
    public func client(_ name: String = "test") throws -> BusRequestClient {
        try BusRequestClient(context: context, endpoint: endpoint, sender: name)
    }

    /// Stops the store and removes its directory.
    public func close() {
        stop.raise()
        finished.wait()
        subscriber.close()
        context.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
