import Foundation
import TenetModels
import TenetNotify

/// `state.json` in the rules plugin's folder: ``RulesState`` as JSON, replaced atomically
/// (mode 0600, synced) at every write.
public struct RulesStateFile: Sendable {
    /// The folder.
    public let directory: String

    /// The state file in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The file's path.
    public var path: String { directory + "/state.json" }

    /// The saved state, or `nil` when there is none. A file that cannot be read is an error
    /// (the plugin refuses to start rather than forget firing alerts silently).
    public func read() throws(RulesStateError) -> RulesState? {
        guard let bytes = AppendOnlyFile.contents(at: path) else { return nil }
        do {
            return try JSONDecoder().decode(RulesState.self, from: Data(bytes))
        } catch {
            throw RulesStateError(
                "\(path) cannot be read (\(error)); move it aside to start with no alert state (firing alerts would be forgotten)")
        }
    }

    /// Replaces the file with `state`.
    public func write(_ state: RulesState) throws(RulesStateError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            let data = try encoder.encode(state)
            try PrivateFile.write(Array(data), to: path)
        } catch {
            throw RulesStateError("writing \(path): \(error)")
        }
    }
}

/// A state file or SLA checkpoint that cannot be read or written.
public struct RulesStateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the path.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
