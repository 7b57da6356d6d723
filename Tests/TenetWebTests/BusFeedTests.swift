import Foundation
import Testing
import TenetBus
import TenetWeb

@Suite("The bus feed: bus messages become server-sent events")
struct BusFeedTests {
    /// Reads frames from `stream` until one satisfies `wanted`, for at most `timeout`.
    static func first(
        in stream: AsyncStream<[UInt8]>, within timeout: Duration, where wanted: @escaping @Sendable ([UInt8]) -> Bool
    ) async -> [UInt8]? {
        await withTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                for await frame in stream where wanted(frame) { return frame }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let found = await group.next() ?? nil
            group.cancelAll()
            return found
        }
    }

    @Test("metric.*, alert.*, target.* and sla.* reach the clients as events named after the topic; other topics do not; keep-alives come on their interval")
    func forwarding() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let publisher = try ZMQSocket(context: context, type: .pub)
        defer { publisher.close() }
        try publisher.bind("inproc://web-feed")
        let hub = LiveHub()
        let feed = try BusFeed(context: context, endpoint: "inproc://web-feed", hub: hub, keepAliveInterval: .milliseconds(200))
        defer { feed.stop() }
        let (_, frames) = hub.connect()
        var stamper = MessageStamper(sender: "metrics")
        // Until the subscription has reached the publisher, messages are lost: publish until one is forwarded.
        let body = Array(#"{"series":"value:Speed:0","figure":{"value":600}}"#.utf8)
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while feed.forwarded == 0, ContinuousClock.now < deadline {
            _ = try publisher.send(multipart: stamper.message(topic: "event.conversation.opened", type: "event", rawBody: Array("{}".utf8)).frames())
            _ = try publisher.send(multipart: stamper.message(topic: "metric.first_response_time", type: "metric", rawBody: body).frames())
            try await Task.sleep(for: .milliseconds(20))
        }
        let metric = await Self.first(in: frames, within: .seconds(10)) { $0.starts(with: Array("event: ".utf8)) }
        #expect(metric.map { String(decoding: $0, as: UTF8.self) } == "event: metric\ndata: " + String(decoding: body, as: UTF8.self) + "\n\n")
        let keepAlive = await Self.first(in: frames, within: .seconds(10)) { $0 == ServerSentEvent.keepAlive }
        #expect(keepAlive == ServerSentEvent.keepAlive)
        // The event.* messages were neither forwarded nor counted as unreadable (not subscribed).
        #expect(feed.unreadable == 0)
    }
}
