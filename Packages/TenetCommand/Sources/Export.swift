import ArgumentParser
import Foundation
import TenetBus
import TenetModels
import TenetStoreClient
import TenetStoreProtocol

/// `tenet export`: every stored event, row by row, as NDJSON or CSV.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export stored events in sequence order, as NDJSON (exactly as received) or CSV.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson, csv
    }

    @Option(help: "ndjson (the events exactly as received) or csv (one column per common field).")
    var format: Format = .ndjson

    @Option(help: "Export events with a sequence number above this.")
    var from: Int64 = 0

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var data: DataOptions

    @Option(help: "Seconds to wait for each answer of the store.")
    var timeout: Double = 30

    @Option(help: "The store's endpoint (default: the running stack's `store` plugin).")
    var endpoint: String?

    /// The CSV columns; the rest of each event goes, as JSON, in `extra`.
    static let columns = ["seq", "id", "type", "at"] + EventDimension.storedColumns.map(\.key) + ["attributes", "extra"]

    func run() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be above 0") }
        let endpoint = try self.endpoint ?? Send.pluginEndpoint("store", dataPath: data.data)
        let context = try ZMQContext()
        defer { context.terminate() }
        let store = try StoreClient(
            context: context, endpoint: endpoint, sender: "tenet-export", timeout: .milliseconds(Int(timeout * 1000)))
        defer { store.close() }
        // The first request tells whether the store answers at all (within the client's 30 s).
        let total = try store.stats().lastSeq
        let sink: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let handle = FileHandle(forWritingAtPath: output) else {
                throw CommandFailure(message: "cannot write \(output)")
            }
            sink = handle
        } else {
            sink = FileHandle.standardOutput
        }
        var progress = Progress(label: "exported", total: Int(total))
        var buffer: [UInt8] = []
        if format == .csv { buffer += Array((Self.columns.joined(separator: ",") + "\n").utf8) }
        var after = from
        var count = 0
        while true {
            let page = try store.replay(after: after, limit: 10_000)
            for event in page {
                switch format {
                case .ndjson:
                    buffer += event.json
                    buffer.append(0x0A)
                case .csv:
                    buffer += Array(Self.csvRow(event).utf8)
                }
            }
            sink.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
            count += page.count
            after = page.last?.seq ?? after
            progress.update(done: count, bytes: Int(after))
            if page.count < 10_000 { break }
        }
        progress.finish()
        if output != nil { try? sink.close() }
    }

    static func csvRow(_ event: StoredEvent) -> String {
        let object = (try? JSONParser.parse(event.json, maximumDepth: Event.maximumDepth))?.objectValue ?? JSONObject()
        var extra = JSONObject()
        for entry in object where !columns.contains(entry.key) { extra[entry.key] = entry.value }
        let cells = columns.map { column -> String in
            switch column {
            case "seq": return String(event.seq)
            case "attributes": return object["attributes"].map { JSONWriter.string($0) } ?? ""
            case "extra": return extra.count == 0 ? "" : JSONWriter.string(.object(extra))
            default: return object[column]?.stringValue ?? ""
            }
        }
        return cells.map(quote).joined(separator: ",") + "\n"
    }

    static func quote(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
