import Hummingbird

/// Reads a request body within bounds: at most a number of bytes, for at most a time, and only
/// until the plugin starts to stop; whichever comes first decides, without waiting for the others
/// (a body still arriving ends when the connection is closed after the answer).
public enum BoundedBody {
    /// How reading a body ended.
    public enum Outcome: Sendable, Equatable {
        /// The whole body.
        case body([UInt8])
        /// Over the limit.
        case tooLarge
        /// It did not arrive in time.
        case timedOut
        /// The plugin began to stop.
        case stopping
    }

    /// Reads `request`'s body: at most `maximum` bytes, for at most `timeout`, until `stopping` is raised.
    public static func collect(_ request: Request, maximum: Int, timeout: Duration, stopping: ShutdownNotice) async -> Outcome {
        let first = FirstOutcome<Outcome>()
        let reader = Task {
            var request = request
            guard let buffer = try? await request.collectBody(upTo: maximum) else {
                first.offer(.tooLarge)
                return
            }
            first.offer(.body(Array(buffer.readableBytesView)))
        }
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            first.offer(.timedOut)
        }
        let token = stopping.register { first.offer(.stopping) }
        let outcome = await first.value()
        stopping.unregister(token)
        timer.cancel()
        if case .body = outcome {} else { reader.cancel() }
        return outcome
    }
}
