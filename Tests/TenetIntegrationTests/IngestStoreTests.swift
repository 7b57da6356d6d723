import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TenetBus
import TenetModels
import TenetStoreProtocol
import TenetStoreClient
import TenetIngestProtocol

#if canImport(Glibc)
import Glibc
#endif

/// The store and ingest plugins, HTTP on a free port.
func ingestStack(extraStoreEnvironment: String = "", busHighWaterMark: Int = 100_000) -> String {
    """
    bus:
      high_water_mark: \(busHighWaterMark)
    plugins:
      - name: store
        command: tenet-store
        order: 10
        env: { \(extraStoreEnvironment) }
      - name: ingest
        command: tenet-ingest
        order: 20
        env: { TENET_INGEST_HTTP: "127.0.0.1:0" }
    """
}

/// One valid event line.
func eventLine(_ id: String, conversation: String = "c1") -> String {
    #"{"id":"\#(id)","type":"message.created","at":"2026-11-22T08:00:00Z","conversation":"\#(conversation)","team":"support","author":"customer","x_extra":{"kept":true}}"#
}

extension RunningStack {
    /// A store client on the running stack's store endpoint.
    func storeClient(_ context: ZMQContext) throws -> StoreClient {
        let endpoint = try #require((try status()?.object("endpoints")?["plugins"] as? [String: String])?["store"])
        return try StoreClient(context: context, endpoint: endpoint, sender: "test")
    }

    /// Every stored event, in order.
    func allStoredEvents(_ store: StoreClient) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        while true {
            let page = try store.replay(after: events.last?.seq ?? 0, limit: 10_000)
            events += page
            if page.count < 10_000 { return events }
        }
    }

    /// The HTTP URL and token of the ingest plugin.
    func httpIngest() throws -> (url: URL, token: String) {
        var info: [String: Any]?
        try waitUntil("ingest wrote its HTTP address") {
            guard let data = FileManager.default.contents(atPath: data + "/ingest.json") else { return false }
            info = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return info != nil
        }
        let text = try #require(info?["http"] as? String)
        let url = try #require(URL(string: text))
        let token = try String(contentsOfFile: data + "/ingest.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return (url, token)
    }
}

@Suite("Ingest and store with real processes", .serialized)
struct IngestStoreTests {
    @Test("tenet send: counts, each rejected line by number, and the store holds every valid event once")
    func sendReport() throws {
        let stack = try RunningStack(ingestStack())
        try stack.waitRunning("ingest")
        var lines: [String] = []
        var expected: [String] = []
        var bad: [Int: String] = [:]
        for index in 0..<300 {
            switch index % 50 {
            case 7:
                lines.append(#"{"id":"bad\#(index)","type":"conversation.opened","at":"2026-13-01","conversation":"c"}"#)
                bad[lines.count] = "`at`: 2026-13-01 is not an RFC 3339 time"
            case 9:
                lines.append(#"{"id": "broken"#)
                bad[lines.count] = "not valid JSON"
            case 11:
                lines.append(eventLine("e\(index - 1)"))  // a repeat of the line before
            case 13:
                lines.append("")
            default:
                lines.append(eventLine("e\(index)"))
                expected.append("e\(index)")
            }
        }
        let file = stack.directory + "/events.ndjson"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try stack.tenet(["send", file, "--batch", "64"])
        #expect(result.status == 1, "\(result.error)")
        for (line, reason) in bad {
            #expect(result.output.contains("line \(line): \(reason)"), "line \(line) not reported:\n\(result.output)")
        }
        #expect(result.output.contains("accepted \(expected.count), duplicates 6, conflicts 0, rejected \(bad.count)"), "\(result.output)")

        let context = try ZMQContext()
        defer { context.terminate() }
        let store = try stack.storeClient(context)
        defer { store.close() }
        let stored = try stack.allStoredEvents(store)
        #expect(stored.map(\.id) == expected)
        #expect(stored.map(\.seq) == Array(1...Int64(expected.count)))
        let object = try #require(try JSONParser.parse(stored[0].json).objectValue)
        #expect(object["x_extra"] == .object(JSONObject([("kept", .bool(true))])))
        let letters = try store.deadLetters(after: 0)
        #expect(Set(letters.compactMap(\.line)) == Set(bad.keys))
        #expect(letters.allSatisfy { !$0.reason.isEmpty && $0.source.hasPrefix("send:events.ndjson") })
    }

    @Test("HTTP: token required; object, array and NDJSON bodies; one error per rejected line")
    func http() async throws {
        let stack = try RunningStack(ingestStack())
        try stack.waitRunning("ingest")
        let (url, token) = try stack.httpIngest()

        func post(_ body: String, token: String?) async throws -> (Int, [String: Any]) {
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return (status, (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
        }

        let (denied, _) = try await post(eventLine("h0"), token: nil)
        #expect(denied == 401)
        let (wrong, _) = try await post(eventLine("h0"), token: "nope")
        #expect(wrong == 401)

        let (single, singleBody) = try await post(eventLine("h1"), token: token)
        #expect(single == 202)
        #expect(singleBody["accepted"] as? Int == 1)
        let (array, arrayBody) = try await post("[\(eventLine("h2")),\(eventLine("h3"))]", token: token)
        #expect(array == 202)
        #expect(arrayBody["accepted"] as? Int == 2)
        let pretty = "{\n  \"id\": \"h4\", \"type\": \"customer.started\",\n  \"at\": \"2026-11-22T08:00:00Z\", \"customer\": \"u\"\n}"
        let (prettyStatus, _) = try await post(pretty, token: token)
        #expect(prettyStatus == 202)

        let ndjson = [eventLine("h1"), #"{"id":"h5","type":"bogus","at":"2026-11-22T08:00:00Z"}"#, "", eventLine("h6"), "{oops"].joined(separator: "\n")
        let (mixed, mixedBody) = try await post(ndjson, token: token)
        #expect(mixed == 400)
        #expect(mixedBody["accepted"] as? Int == 1)
        #expect(mixedBody["duplicates"] as? Int == 1)
        #expect(mixedBody["rejected"] as? Int == 2)
        let errors = try #require(mixedBody["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["line"] as? Int } == [2, 5])
        #expect((errors.first?["reason"] as? String)?.contains("`type`: bogus is not an event type") == true)
        #expect(errors.first?["field"] as? String == "type")

        let context = try ZMQContext()
        defer { context.terminate() }
        let store = try stack.storeClient(context)
        defer { store.close() }
        #expect(try stack.allStoredEvents(store).map(\.id) == ["h1", "h2", "h3", "h4", "h6"])
        #expect(try store.stats().deadLetters == 2)
    }

    @Test("a subscriber that starts late, or loses messages at its high-water mark, catches up to the exact set")
    func followerCatchesUp() throws {
        // A small bus queue per subscriber, so that a subscriber that does not read loses messages.
        let stack = try RunningStack(ingestStack(busHighWaterMark: 200))
        try stack.waitRunning("ingest")
        let file = stack.directory + "/first.ndjson"
        try (0..<3000).map { eventLine("a\($0)") }.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try stack.tenet(["send", file]).status == 0)

        let context = try ZMQContext()
        defer { context.terminate() }
        let endpoints = try #require(try stack.status()?.object("endpoints"))
        let storeEndpoint = try #require((endpoints["plugins"] as? [String: String])?["store"])
        let subscribe = try #require(endpoints.string("subscribe"))
        // Late: everything so far comes from the store.
        let late = try EventFollower(context: context, subscribeEndpoint: subscribe, storeEndpoint: storeEndpoint, sender: "late")
        defer { late.close() }
        // Lossy: a tiny high-water mark and nobody reading while a burst goes by.
        let lossy = try EventFollower(
            context: context, subscribeEndpoint: subscribe, storeEndpoint: storeEndpoint, sender: "lossy", receiveHighWaterMark: 5)
        defer { lossy.close() }
        var lateIDs = try late.next(timeout: .seconds(1)).map(\.id)
        var lossyIDs = try lossy.next(timeout: .seconds(1)).map(\.id)
        #expect(lateIDs.count == 3000)
        #expect(late.replayedEvents == 3000)

        let second = stack.directory + "/second.ndjson"
        try (0..<20_000).map { eventLine("b\($0)") }.joined(separator: "\n").write(toFile: second, atomically: true, encoding: .utf8)
        #expect(try stack.tenet(["send", second]).status == 0)
        let expected = (0..<3000).map { "a\($0)" } + (0..<20_000).map { "b\($0)" }
        try waitUntil("both followers reach the last event", timeout: 120) {
            lateIDs += try late.next(timeout: .milliseconds(100)).map(\.id)
            lossyIDs += try lossy.next(timeout: .milliseconds(100)).map(\.id)
            return late.lastSeq == 23_000 && lossy.lastSeq == 23_000
        }
        #expect(lateIDs == expected)
        #expect(lossyIDs == expected)
        // Both really lost messages on the bus during the burst and replayed them.
        #expect(lossy.replays > 1)
        #expect(lossy.replayedEvents > 3000)
        #expect(late.replays > 1)
    }

    @Test("import a call-center log and a CSV file; export NDJSON and CSV; re-importing the export stores nothing twice")
    func importAndExport() throws {
        let stack = try RunningStack(ingestStack())
        try stack.waitRunning("ingest")
        let log = [
            "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver",
            "AA0101\t33116\t9664491\t2\tPS\t990901\t11:45:33\t11:45:39\t6\t11:45:39\t11:46:58\t79\tAGENT\t11:46:57\t11:51:00\t243\tDORIT",
            "AA0101\t33117\t0\t1\tNW\t990901\t11:50:00\t11:50:05\t5\t11:50:05\t11:52:00\t115\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER",
            "AA0101\t33118\t0\t1\tNW\t990901\t11:55:00\t11:55:05\t5\t0:00:00\t0:00:00\t0\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER",
            "AA0101\t33119\t0\t1\tNW\t990901\t99:00:00\t11:55:05\t5\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER",
        ].joined(separator: "\n")
        try log.write(toFile: stack.directory + "/calls.tsv", atomically: true, encoding: .utf8)
        let calls = try stack.tenet(["import", "--format", "callcenter", stack.directory + "/calls.tsv"])
        #expect(calls.status == 1, "\(calls.error)")
        #expect(calls.output.contains("line 5: `vru_entry`: '99:00:00' is not H:MM:SS"), "\(calls.output)")
        #expect(calls.output.contains("accepted 7, duplicates 0, conflicts 0, rejected 1, skipped 2"), "\(calls.output)")

        try "ticket,created,group\nT-1,2026-11-22T08:00:00Z,support\n\"T-2\",2026-11-22T09:00:00Z,\"sales, EMEA\"\n"
            .write(toFile: stack.directory + "/tickets.csv", atomically: true, encoding: .utf8)
        try "type: conversation.opened\nfields:\n  id: ticket\n  at: created\n  conversation: ticket\n  team: group\n"
            .write(toFile: stack.directory + "/mapping.yaml", atomically: true, encoding: .utf8)
        let tickets = try stack.tenet(["import", "--format", "csv", stack.directory + "/tickets.csv", "--mapping", stack.directory + "/mapping.yaml"])
        #expect(tickets.status == 0, "\(tickets.output)\(tickets.error)")
        #expect(tickets.output.contains("accepted 2, duplicates 0, conflicts 0, rejected 0, skipped 1"))

        let ndjson = try stack.tenet(["export", "--format", "ndjson"])
        #expect(ndjson.status == 0)
        let lines = ndjson.output.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(lines.last?.contains(#""team":"sales, EMEA""#) == true)
        let csv = try stack.tenet(["export", "--format", "csv", "--from", "7"])
        #expect(csv.output.hasPrefix("seq,id,type,at,conversation,customer,channel,team,agent,priority,attributes,extra\n"))
        #expect(csv.output.contains(#"9,T-2,conversation.opened,2026-11-22T09:00:00Z,T-2,,,"sales, EMEA",,,,"#))
        #expect(csv.output.split(separator: "\n").count == 3)

        try ndjson.output.write(toFile: stack.directory + "/export.ndjson", atomically: true, encoding: .utf8)
        let again = try stack.tenet(["import", "--format", "ndjson", stack.directory + "/export.ndjson"])
        #expect(again.status == 0)
        #expect(again.output.contains("accepted 0, duplicates 9, conflicts 0, rejected 0"), "\(again.output)")
    }

    @Test("hostile numbers and shapes in requests are refused or tolerated; neither plugin crashes")
    func hostileRequests() throws {
        let stack = try RunningStack(ingestStack())
        try stack.waitRunning("ingest")
        let context = try ZMQContext()
        defer { context.terminate() }
        let endpoints = try #require(try stack.status()?.object("endpoints")?["plugins"] as? [String: String])
        let ingest = try BusRequestClient(context: context, endpoint: try #require(endpoints["ingest"]), sender: "test")
        defer { ingest.close() }
        let store = try BusRequestClient(context: context, endpoint: try #require(endpoints["store"]), sender: "test")
        defer { store.close() }

        let huge = #expect(throws: BusProtocolError.self) {
            try ingest.request("lines", rawBody: Array(#"{"source":"t","first_line":9223372036854775807,"lines":["{}","{}"]}"#.utf8), timeout: .seconds(30))
        }
        #expect(huge?.remote?.code == .badRequest)
        let appended = try store.request(
            "append", rawBody: Array(#"{"source":"t","rejections":[{"source":"t","line":1e30,"reason":"r","payload":"p"}]}"#.utf8),
            timeout: .seconds(30))
        #expect(appended.header.type == BusMessageType.reply)
        let partial = try store.request("dead_letters", rawBody: Array(#"{"limit":5}"#.utf8), timeout: .seconds(30))
        #expect(String(decoding: partial.body, as: UTF8.self).contains(#""reason":"r""#))
        // Bodies of the wrong shape are refused with `bad_request`, each one.
        for body in [#"{"events":"no"}"#, "[]", "null", "", #"{"source":1}"#, "{\"source\":\"t\",\"line_numbers\":[1,2]}\n{}"] {
            let refused = #expect(throws: BusProtocolError.self, "store append \(body)") {
                try store.request("append", rawBody: Array(body.utf8), timeout: .seconds(30))
            }
            #expect(refused?.remote?.code == .badRequest, "store append \(body): \(String(describing: refused))")
        }
        for body in [#"{"events":"no"}"#, "[]", "null", ""] {
            let refused = #expect(throws: BusProtocolError.self, "ingest events \(body)") {
                try ingest.request("events", rawBody: Array(body.utf8), timeout: .seconds(30))
            }
            #expect(refused?.remote?.code == .badRequest, "ingest events \(body): \(String(describing: refused))")
        }
        // Values of the wrong shape inside a good envelope: one rejection each, nothing stored.
        let mixed = try ingest.request("events", rawBody: Array(#"{"events":[1,[2],{"id":{}}]}"#.utf8), timeout: .seconds(30))
        let report = try mixed.decodeBody(IngestReport.self)
        #expect(report.rejected == 3 && report.accepted == 0 && report.errors.map(\.line) == [1, 2, 3])
        #expect(try stack.plugin("store")?["restarts"] as? Int == 0)
        #expect(try stack.plugin("ingest")?["restarts"] as? Int == 0)
        #expect(try stack.plugin("store")?.string("state") == "running")
    }

    @Test(
        "a full disk: ingest answers 507, nothing acknowledged is lost, and it recovers when space returns",
        .enabled(if: getuid() == 0, "needs root to mount a small tmpfs; CI runs as root and runs it"))
    func diskFull() async throws {
        var template = Array("/tmp/tenet-full-XXXXXX".utf8CString)
        let mountPoint = String(cString: try #require(mkdtemp(&template)))
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=768k", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "this test needs root to mount a small tmpfs: \(mounted.error)")
        defer {
            _ = try? run("/bin/umount", ["-l", mountPoint])
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        let stack = try RunningStack(ingestStack(extraStoreEnvironment: "TENET_STORE_DATABASE: \(mountPoint)/tenet.sqlite"))
        try stack.waitRunning("ingest")
        let (url, token) = try stack.httpIngest()
        func post(_ ids: [String]) async throws -> Int {
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.httpBody = Data(ids.map { eventLine($0) + String(repeating: " ", count: 0) }.joined(separator: "\n").utf8)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        var acknowledged: [String] = []
        var refused = 0
        for batch in 0..<400 {
            let ids = (0..<50).map { "f\(batch)-\($0)-" + String(repeating: "x", count: 150) }
            let status = try await post(ids)
            if status == 202 {
                acknowledged += ids
            } else {
                #expect(status == 507)
                refused = status
                break
            }
        }
        #expect(refused == 507)
        #expect(!acknowledged.isEmpty)
        #expect(try stack.plugin("store")?["restarts"] as? Int == 0)

        #expect(try run("/bin/mount", ["-o", "remount,size=64m", mountPoint]).status == 0)
        #expect(try await post(["after-space-returns"]) == 202)
        let context = try ZMQContext()
        defer { context.terminate() }
        let store = try stack.storeClient(context)
        defer { store.close() }
        let stored = try stack.allStoredEvents(store).map(\.id)
        #expect(stored == acknowledged + ["after-space-returns"])
    }
}
