import TenetModels
import Yams

/// The one YAML reader of Tenet: text in, a tree of ``YAMLNode`` with positions out.
///
/// It reads one document, keeps every scalar as text, keeps repeated keys (so a reader can
/// report them with both lines) and refuses input that could exhaust memory, time or the stack:
/// files over ``maximumBytes``, nesting deeper than ``maximumDepth``, documents whose aliases
/// expand to more than ``maximumNodes`` nodes, and keys that are not single values.
///
/// Yams (libyaml) does the parsing. libyaml refuses nesting beyond 1,000 levels on its own, which
/// bounds the recursion of Yams' composer (about 1 MiB of stack in a debug build, less in
/// release; Tenet's threads have 8 MiB); the reader then refuses anything deeper than
/// ``maximumDepth`` at the first node too deep. Aliases never reach Yams (see YAMLSource.swift):
/// the reader expands them itself, counting every node against ``maximumNodes``.
public enum YAMLReader {
    /// The largest file read (4 MiB): a philosophy or stack file is a few kilobytes.
    public static let maximumBytes = 4 << 20
    /// The deepest nesting accepted.
    public static let maximumDepth = 64
    /// The most nodes a document may expand to (aliases included).
    public static let maximumNodes = 200_000
    /// The most keys given twice that one document may hold and still be read (each costs a
    /// second reading of the text); beyond them the document is refused.
    public static let maximumRepeatedKeys = 20

    /// Parses `text`; `nil` when the document is empty (only comments or white space). A
    /// leading byte-order mark is ignored.
    public static func parse(_ text: String) throws(YAMLSyntaxError) -> YAMLNode? {
        guard text.utf8.count <= maximumBytes else {
            throw YAMLSyntaxError(position: .file, message: "the file is larger than \(maximumBytes >> 20) MiB")
        }
        // libyaml (as Yams feeds it) stops at the line after a byte-order mark; it counts no
        // column for one anyway.
        var source = YAMLSource(text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text)
        var root: Node?
        while true {
            do {
                root = try Yams.compose(yaml: source.text)
                break
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                // Yams refuses a mapping with a key given twice: give the first occurrence a
                // key of its own and read again, so that both reach the caller.
                let position = YAMLPosition(line: context.mark.line, column: context.mark.column)
                // Yams names a key that is not a scalar so.
                guard let key = keys.first.map({ source.restored($0, at: .file) }), key != "<uncovertable>" else {
                    throw YAMLSyntaxError(position: position, message: "a key must be a single value")
                }
                guard source.renamedKeys.count < maximumRepeatedKeys,
                    source.renameKey(at: position, startingWith: keys.first?.unicodeScalars.first)
                else {
                    throw YAMLSyntaxError(
                        position: position,
                        message: source.renamedKeys.count < maximumRepeatedKeys
                            ? "`\(key.excerpt)` is given twice in one mapping"
                            : "more than \(maximumRepeatedKeys) keys are given twice; `\(key.excerpt)` is one")
                }
            } catch let failure as YamlError {
                throw syntaxError(failure)
            } catch {
                throw YAMLSyntaxError(position: .file, message: "\(error)")
            }
        }
        guard let root else { return nil }
        var composer = YAMLComposer(source: source)
        return try composer.convert(root, depth: 0).node
    }

    private static func syntaxError(_ failure: YamlError) -> YAMLSyntaxError {
        switch failure {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            let position = YAMLPosition(line: mark.line, column: mark.column)
            // libyaml's own limit (1,000 levels), in our words rather than its C function's.
            if problem.hasPrefix("Maximum nesting level reached") {
                return YAMLSyntaxError(position: position, message: "nesting deeper than \(maximumDepth) levels")
            }
            return YAMLSyntaxError(position: position, message: problem)
        default:
            return YAMLSyntaxError(position: .file, message: "\(failure)")
        }
    }
}
