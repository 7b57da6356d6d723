import TenetModels

/// The digest that tells a repeated event from a different one under the same id.
enum EventDigest {
    /// The canonical digest of an event's JSON (see docs/EVENTS.md), or of its raw bytes when
    /// they are not JSON.
    static func canonical(_ bytes: ArraySlice<UInt8>) -> String {
        PendingCanonicalForm.digest(bytes)
    }
}

/// Stand-in until TenetModels' canonical form and SHA-256 land (merge of the models branch).
enum PendingCanonicalForm {
    static func digest(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        if let value = try? JSONParser.parse(bytes) { write(value, into: &output) } else { output = Array(bytes) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in output {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(entry.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        default:
            JSONWriter.write(value, into: &output)
        }
    }
}
