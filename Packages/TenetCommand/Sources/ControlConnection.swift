import Foundation
import TenetBus
import TenetSupervisor

/// A short-lived connection to a running supervisor's control endpoint.
struct ControlConnection {
    let data: DataDirectory
    private let context: ZMQContext
    private let client: BusRequestClient

    /// Connects to the supervisor on `dataPath`, or fails with exit code 3 when none runs.
    init(dataPath: String?) throws {
        data = DataDirectory(path: dataPath ?? DataDirectory.defaultPath())
        // The data directory is private (0700) to the user running the stack.
        if access(data.path, R_OK | X_OK) != 0 && errno == EACCES {
            throw CommandFailure(
                message: "cannot open \(data.path): permission denied (a data directory belongs to the user running "
                    + "its stack: run this command as that user)")
        }
        guard data.isLocked() else {
            throw CommandFailure(message: "no supervisor is running on \(data.path) (start one with `tenet up`)", exitCode: 3)
        }
        context = try ZMQContext()
        client = try BusRequestClient(context: context, endpoint: data.controlEndpoint, sender: "tenet-cli")
    }

    /// Sends `method` and decodes the reply; errors become command failures.
    func request<Body: Encodable, Reply: Decodable>(_ method: String, _ body: Body, as reply: Reply.Type) throws -> Reply {
        do {
            return try client.request(method, body: body, timeout: .seconds(10), as: Reply.self)
        } catch {
            throw CommandFailure(message: error.remote?.message ?? error.message)
        }
    }

    /// Closes the socket and the context.
    func close() {
        client.close()
        context.terminate()
    }
}
