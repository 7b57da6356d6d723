import Foundation

/// Compact JSON encoding and decoding of `Codable` bodies.
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { preconditionFailure("cannot encode \(T.self)") }
        return Array(data)
    }
}
