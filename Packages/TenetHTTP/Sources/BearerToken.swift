import Foundation
import TenetModels

/// The bearer token an HTTP plugin requires: configured in a variable, or read from (or first
/// generated into) a file in the data directory that is private to the owner from its first byte.
public struct BearerToken: Sendable {
    /// The token.
    public let value: String
    /// Where it is kept, when it was generated (or read from the file) rather than configured.
    public let file: String?

    /// Creates a token from its parts.
    public init(value: String, file: String?) {
        self.value = value
        self.file = file
    }

    /// The token from `variables[variable]` when set and not empty; else the first line of
    /// `DATA/fileName`; else 32 random bytes in hex, written to that file (mode 0600) first.
    ///
    /// - Throws: ``HTTPSettingError`` (`token_file`) when the file cannot be written.
    public static func load(
        variable: String, fileName: String, variables: [String: String], dataDirectory: String
    ) throws(HTTPSettingError) -> BearerToken {
        if let configured = variables[variable], !configured.isEmpty {
            return BearerToken(value: configured, file: nil)
        }
        let path = dataDirectory + "/" + fileName
        if let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        {
            return BearerToken(value: text, file: path)
        }
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        do {
            try PrivateFile.write(Array((token + "\n").utf8), to: path)
        } catch {
            throw HTTPSettingError(.tokenFile, "cannot write the token to \(path) (or set \(variable)): \(error)")
        }
        return BearerToken(value: token, file: path)
    }

    /// Whether an `Authorization` header value is `Bearer TOKEN`, compared in constant time.
    public func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        return Self.constantTimeEqual(authorization, "Bearer \(value)")
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
