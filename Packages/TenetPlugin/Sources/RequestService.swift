import Foundation
import ServiceLifecycle
import Synchronization
import TenetBus

/// Serves requests on the plugin's ROUTER endpoint from a thread of its own.
///
/// ZeroMQ calls block, so they stay off Swift's cooperative threads: the socket is made, used
/// and closed on one dedicated thread. Graceful shutdown stops the loop within one poll period.
struct RequestService: Service {
    let context: ZMQContext
    let endpoint: String
    let name: String
    let handler: PluginRequestHandler

    func run() async throws {
        let stop = StopFlag()
        let bound: Result<Void, ZMQError> = await withCheckedContinuation { (ready: CheckedContinuation<Result<Void, ZMQError>, Never>) in
            let thread = Thread { [context, endpoint, name, handler] in
                Self.serve(context: context, endpoint: endpoint, name: name, handler: handler, stop: stop, ready: ready)
            }
            thread.name = "tenet-requests"
            thread.start()
        }
        try bound.get()
        try? await gracefulShutdown()
        stop.raise()
        await stop.waitUntilFinished()
    }

    private static func serve(
        context: ZMQContext, endpoint: String, name: String, handler: PluginRequestHandler, stop: StopFlag,
        ready: CheckedContinuation<Result<Void, ZMQError>, Never>
    ) {
        defer { stop.finish() }
        let replier: BusReplier
        do {
            replier = try BusReplier(context: context, endpoint: endpoint, sender: name)
        } catch {
            ready.resume(returning: .failure(error))
            return
        }
        ready.resume(returning: .success(()))
        defer { replier.close() }
        var poller = ZMQPoller()
        poller.addReadable(replier.socket)
        while !stop.isRaised {
            do {
                guard try !poller.poll(timeout: .milliseconds(100)).isEmpty else { continue }
                while let request = try replier.nextRequest() {
                    switch handler(PluginRequest(method: request.method, message: request.message)) {
                    case .body(let body): try replier.reply(to: request, rawBody: body)
                    case .error(let error): try replier.fail(request, with: error)
                    }
                }
            } catch {
                if error.code == .contextTerminated { return }
            }
        }
    }
}

/// A one-way stop signal from the service task to its thread, and the thread's "done" back.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    private let finished = Mutex<(done: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    var isRaised: Bool { raised.load(ordering: .acquiring) }
    func raise() { raised.store(true, ordering: .releasing) }

    func finish() {
        let waiter = finished.withLock { state -> CheckedContinuation<Void, Never>? in
            state.done = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func waitUntilFinished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyDone = finished.withLock { state -> Bool in
                if state.done { return true }
                state.waiter = continuation
                return false
            }
            if alreadyDone { continuation.resume() }
        }
    }
}
