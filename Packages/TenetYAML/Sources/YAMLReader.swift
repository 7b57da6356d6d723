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
/// ``maximumDepth`` at the first node too deep. Aliases never reach Yams (see ``YAMLSource``):
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

/// Turns Yams' node tree into ``YAMLNode``s: restores what ``YAMLSource`` changed, expands
/// aliases within the node budget, and refuses nesting beyond ``YAMLReader/maximumDepth``.
struct YAMLComposer {
    /// An anchored node, ready to stand in for its aliases.
    private struct Anchored {
        var node: YAMLNode
        /// Nodes it expands to.
        var size: Int
        /// Levels below it.
        var height: Int
    }

    let source: YAMLSource
    private var budget = YAMLReader.maximumNodes
    private var anchors: [String: Anchored] = [:]

    init(source: YAMLSource) {
        self.source = source
    }

    /// The node and the number of levels below it.
    mutating func convert(_ node: Node, depth: Int) throws(YAMLSyntaxError) -> (node: YAMLNode, height: Int) {
        let position = node.mark.map { YAMLPosition(line: $0.line, column: $0.column) } ?? .file
        guard depth <= YAMLReader.maximumDepth else {
            throw YAMLSyntaxError(position: position, message: "nesting deeper than \(YAMLReader.maximumDepth) levels")
        }
        if case .scalar(let scalar) = node, let name = try aliasName(scalar, at: position) {
            return try expand(name, at: position, depth: depth)
        }
        let before = budget
        try spend(1, at: position)
        let converted: (node: YAMLNode, height: Int)
        switch node {
        case .scalar(let scalar):
            let style: YAMLScalar.Style =
                switch scalar.style {
                case .singleQuoted: .singleQuoted
                case .doubleQuoted: .doubleQuoted
                case .literal, .folded: .block
                case .any, .plain: .plain
                }
            let text = source.restored(scalar.string, at: position)
            converted = (YAMLNode(.scalar(YAMLScalar(text: text, style: style)), at: position), 0)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            var height = 0
            for item in sequence {
                let child = try convert(item, depth: depth + 1)
                items.append(child.node)
                height = max(height, child.height + 1)
            }
            converted = (YAMLNode(.sequence(items), at: position), height)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            entries.reserveCapacity(mapping.count)
            var height = 0
            for (key, value) in mapping {
                let keyNode = try convert(key, depth: depth + 1).node
                guard let keyText = keyNode.scalar?.text else {
                    throw YAMLSyntaxError(
                        position: keyNode.position, message: "a key must be a single value, not \(keyNode.kindName)")
                }
                let child = try convert(value, depth: depth + 1)
                entries.append(YAMLEntry(key: keyText, keyPosition: keyNode.position, value: child.node))
                height = max(height, child.height + 1)
            }
            converted = (YAMLNode(.mapping(entries), at: position), height)
        case .alias:
            // Yams resolves aliases itself, and ours never reach it as aliases.
            throw YAMLSyntaxError(position: position, message: "an alias Tenet cannot read")
        }
        if let name = source.anchor(at: position) {
            anchors[name] = Anchored(node: converted.node, size: before - budget, height: converted.height)
        }
        return converted
    }

    /// The alias name when `scalar` is the placeholder of an alias (`*name`).
    private func aliasName(_ scalar: Node.Scalar, at position: YAMLPosition) throws(YAMLSyntaxError) -> String? {
        guard let mark = source.aliasMark, scalar.style == .plain || scalar.style == .any,
            source.aliasPositions.contains(position)
        else { return nil }
        let written = scalar.string.unicodeScalars
        guard (source.renamedKeys[position] ?? written.first) == mark else { return nil }
        let name = written.dropFirst().prefix { $0.isASCII && YAMLSource.isAnchorCharacter(UInt8($0.value)) }
        guard name.count == written.count - 1 else {
            // Only an alias followed by more text on its line reads as one plain scalar here.
            let text = source.restored(scalar.string, at: position)
            throw YAMLSyntaxError(
                position: position,
                message: "`\(text.excerpt)`: text after the alias `*\(String(String.UnicodeScalarView(name)))`")
        }
        return String(String.UnicodeScalarView(name))
    }

    /// The anchored node `name` stands for, counted against the budget and the depth limit.
    private mutating func expand(_ name: String, at position: YAMLPosition, depth: Int) throws(YAMLSyntaxError) -> (node: YAMLNode, height: Int) {
        guard let anchored = anchors[name] else {
            throw YAMLSyntaxError(position: position, message: "found undefined alias `*\(name.excerpt)`")
        }
        try spend(anchored.size, at: position)
        guard depth + anchored.height <= YAMLReader.maximumDepth else {
            throw YAMLSyntaxError(position: position, message: "nesting deeper than \(YAMLReader.maximumDepth) levels")
        }
        return (anchored.node, anchored.height)
    }

    private mutating func spend(_ nodes: Int, at position: YAMLPosition) throws(YAMLSyntaxError) {
        budget -= nodes
        guard budget >= 0 else {
            throw YAMLSyntaxError(
                position: position, message: "the document expands to more than \(YAMLReader.maximumNodes) nodes (aliases?)")
        }
    }
}
