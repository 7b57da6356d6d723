import Foundation
import Testing
import TenetModels

#if canImport(Glibc)
import Glibc
#endif

@Suite("Private files")
struct PrivateFileTests {
    private func temporaryDirectory() throws -> String {
        var template = Array("/tmp/tenet-private-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PrivateFileError(code: .noSuchFile, operation: "mkdtemp", subject: "/tmp") }
        return String(cString: made)
    }

    private func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    @Test("the temporary file is 0600 and empty from the moment it exists, before a byte of the secret")
    func temporaryIsPrivateFromTheStart() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let temporary = try PrivateFile.createTemporary(beside: directory + "/curve.json")
        defer {
            close(temporary.descriptor)
            unlink(temporary.path)
        }
        #expect(temporary.path.hasPrefix(directory + "/curve.json.tmp-"))
        #expect(mode(temporary.path) == 0o600)
        var info = stat()
        #expect(fstat(temporary.descriptor, &info) == 0)
        #expect(info.st_size == 0)
        #expect(info.st_uid == geteuid())
        // Its own name: a second one never reuses it.
        let other = try PrivateFile.createTemporary(beside: directory + "/curve.json")
        close(other.descriptor)
        unlink(other.path)
        #expect(other.path != temporary.path)
    }

    @Test("write: the file holds the bytes with mode 0600, replacing a world-readable one; no temporary is left")
    func writeReplacesPrivately() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ingest.token"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        #expect(mode(path) == 0o644)

        let secret = Array("s3cr3t-token\n".utf8)
        try PrivateFile.write(secret, to: path)
        #expect(mode(path) == 0o600)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == secret)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["ingest.token"])

        // A large body is written whole.
        let large = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try PrivateFile.write(large, to: path)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == large)
    }

    @Test("a directory that does not exist: the error names the call, the file and the reason")
    func missingDirectory() {
        let error = #expect(throws: PrivateFileError.self) {
            try PrivateFile.write([1, 2, 3], to: "/nonexistent-tenet-dir/curve.json")
        }
        #expect(error?.code == .noSuchFile)
        #expect(error?.operation == "open")
        #expect(error?.description.hasPrefix("open(/nonexistent-tenet-dir/curve.json.tmp-") == true)
        #expect(error?.description.hasSuffix("failed: No such file or directory (errno 2)") == true)
    }
}
