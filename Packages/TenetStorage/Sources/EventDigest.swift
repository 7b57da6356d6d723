import TenetModels

/// The digest that tells a repeated event from a different one under the same id: the SHA-256
/// of the event's canonical form (docs/EVENTS.md, "The canonical form"), as ``Event/canonicalDigest``.
enum EventDigest {
    /// The canonical digest of an event's JSON bytes, in hex; of the raw bytes when they are not JSON.
    static func canonical(_ bytes: ArraySlice<UInt8>) -> String {
        guard let value = try? JSONParser.parse(bytes, maximumDepth: Event.maximumDepth) else { return SHA256.hash(Array(bytes)).hex }
        return SHA256.hash(JSONWriter.canonicalBytes(value)).hex
    }
}
