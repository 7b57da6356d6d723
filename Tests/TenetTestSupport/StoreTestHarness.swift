import Foundation
import Logging
import TenetBus
import TenetStoreServer

/// A store served in process: a real database file, a real ROUTER on an ipc socket, a real
/// publisher whose messages land on ``subscriber``. Shared by the store's and ingest's tests.
public final class StoreTestHarness: @unchecked Sendable {
    private let served: ServedRequestHandler
    /// The context of the store's sockets and of the test's clients.
    public var context: ZMQContext { served.context }
    /// The store's request endpoint.
    public var endpoint: String { served.endpoint }
    /// The store's temporary directory (its database is `tenet.sqlite` there).
    public var directory: String { served.directory }
    /// Where the store publishes.
    public let publishEndpoint: String
    /// Subscribed to everything the store publishes.
    public let subscriber: ZMQSocket
    private let publishDirectory: String

    /// Opens a new database in a temporary directory and starts serving it.
    public init() throws {
        let publishDirectory = NSTemporaryDirectory() + "tenet-publish-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: publishDirectory, withIntermediateDirectories: true)
        let publishEndpoint = "ipc://\(publishDirectory)/publish.sock"
        self.publishDirectory = publishDirectory
        self.publishEndpoint = publishEndpoint
        served = try ServedRequestHandler(name: "store") { context, directory in
            try StoreRequestHandler(
                context: context, databasePath: directory + "/tenet.sqlite", publishEndpoint: publishEndpoint, name: "store",
                logger: Logger(label: "test"))
        }
        subscriber = try ZMQSocket(context: served.context, type: .sub)
        try subscriber.set(.subscribe(""))
        try subscriber.bind(publishEndpoint)
    }

    /// A client of the store.
    public func client(_ name: String = "test") throws -> BusRequestClient {
        try served.client(name)
    }

    /// Stops the store and removes its directories.
    public func close() {
        subscriber.close()
        served.close()
        try? FileManager.default.removeItem(atPath: publishDirectory)
    }
}
