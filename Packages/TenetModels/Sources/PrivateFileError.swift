#if canImport(Glibc)
import Glibc
#endif

/// A private file could not be written.
///
/// Printed as `open(/srv/tenet/curve.json.tmp-…) failed: Permission denied (errno 13)`.
public struct PrivateFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `errno` value of the failure.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// The directory does not exist.
        public static let noSuchFile = Code(rawValue: ENOENT)
        /// The directory or file may not be written.
        public static let permissionDenied = Code(rawValue: EACCES)
        /// The disk is full.
        public static let noSpace = Code(rawValue: ENOSPC)
    }

    /// The `errno` value.
    public var code: Code
    /// The system call that failed (`open`, `write`, `fsync`, `rename`…).
    public var operation: String
    /// The file it was called on.
    public var subject: String

    /// Creates an error.
    public init(code: Code, operation: String, subject: String) {
        self.code = code
        self.operation = operation
        self.subject = subject
    }

    static func last(_ operation: String, _ subject: String) -> PrivateFileError {
        PrivateFileError(code: Code(rawValue: errno), operation: operation, subject: subject)
    }

    public var description: String {
        "\(operation)(\(subject)) failed: \(String(cString: strerror(code.rawValue))) (errno \(code.rawValue))"
    }
}
