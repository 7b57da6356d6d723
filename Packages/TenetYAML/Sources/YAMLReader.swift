import Yams

/// The one YAML reader of Tenet: text in, a tree of ``YAMLNode`` with positions out.
///
/// It reads one document, keeps every scalar as text, keeps repeated keys (so a reader can
/// report them) and refuses input that could exhaust memory or the stack: files over
/// ``maximumBytes``, nesting deeper than ``maximumDepth`` and documents whose aliases expand to
/// more than ``maximumNodes`` nodes.
public enum YAMLReader {
    /// The largest file read (4 MiB): a philosophy or stack file is a few kilobytes.
    public static let maximumBytes = 4 << 20
    /// The deepest nesting accepted.
    public static let maximumDepth = 64
    /// The most nodes a document may expand to (aliases included).
    public static let maximumNodes = 200_000

    /// Parses `text`; `nil` when the document is empty (only comments or white space).
    public static func parse(_ text: String) throws(YAMLSyntaxError) -> YAMLNode? {
        guard text.utf8.count <= maximumBytes else {
            throw YAMLSyntaxError(position: .file, message: "the file is larger than \(maximumBytes >> 20) MiB")
        }
        if let deep = deepestLine(text) {
            throw YAMLSyntaxError(
                position: YAMLPosition(line: deep, column: 1),
                message: "nesting deeper than \(maximumDepth) levels")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let failure as YamlError {
            throw syntaxError(failure, text: text)
        } catch {
            throw YAMLSyntaxError(position: .file, message: "\(error)")
        }
        guard let root else { return nil }
        var budget = maximumNodes
        return try convert(root, depth: 0, budget: &budget)
    }

    // MARK: Conversion

    private static func convert(_ node: Node, depth: Int, budget: inout Int) throws(YAMLSyntaxError) -> YAMLNode {
        let position = node.mark.map { YAMLPosition(line: $0.line, column: $0.column) } ?? .file
        budget -= 1
        guard budget >= 0 else {
            throw YAMLSyntaxError(position: position, message: "the document expands to more than \(maximumNodes) nodes (aliases?)")
        }
        guard depth <= maximumDepth else {
            throw YAMLSyntaxError(position: position, message: "nesting deeper than \(maximumDepth) levels")
        }
        switch node {
        case .scalar(let scalar):
            let style: YAMLScalar.Style =
                switch scalar.style {
                case .singleQuoted: .singleQuoted
                case .doubleQuoted: .doubleQuoted
                case .literal, .folded: .block
                case .any, .plain: .plain
                }
            return YAMLNode(.scalar(YAMLScalar(text: scalar.string, style: style)), at: position)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, depth: depth + 1, budget: &budget))
            }
            return YAMLNode(.sequence(items), at: position)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyNode = try convert(key, depth: depth + 1, budget: &budget)
                let keyText = keyNode.scalar?.text ?? keyNode.kindName
                entries.append(
                    YAMLEntry(
                        key: keyText, keyPosition: keyNode.position,
                        value: try convert(value, depth: depth + 1, budget: &budget)))
            }
            return YAMLNode(.mapping(entries), at: position)
        case .alias:
            return YAMLNode(.scalar(YAMLScalar(text: "", style: .plain)), at: position)
        }
    }

    private static func syntaxError(_ failure: YamlError, text: String) -> YAMLSyntaxError {
        switch failure {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? ""
            let (first, second) = occurrences(of: key, in: text, after: context.mark.line)
            let place = second ?? YAMLPosition(line: context.mark.line, column: context.mark.column)
            let earlier = first.map { " (first at line \($0.line))" } ?? ""
            return YAMLSyntaxError(
                position: place, message: "`\(key)` is given twice in one mapping\(earlier); keep one", code: .duplicateKey)
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return YAMLSyntaxError(position: YAMLPosition(line: mark.line, column: mark.column), message: problem)
        default:
            return YAMLSyntaxError(position: .file, message: "\(failure)")
        }
    }

    /// The first two lines, from `line` on, that start a block entry `key:` at one indentation:
    /// where a key Yams reports as repeated was written (Yams gives only the mapping's place).
    private static func occurrences(of key: String, in text: String, after line: Int) -> (YAMLPosition?, YAMLPosition?) {
        var found: [YAMLPosition] = []
        for (index, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= line {
            let indentation = content.prefix { $0 == " " }.count
            let rest = content.dropFirst(indentation)
            for form in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(form + ":") {
                if let first = found.first, first.column != indentation + 1 { continue }
                found.append(YAMLPosition(line: index + 1, column: indentation + 1))
            }
            if found.count == 2 { break }
        }
        return (found.first, found.count == 2 ? found[1] : nil)
    }

    // MARK: Depth guard

    /// The first line at which an upper bound of the nesting depth passes ``maximumDepth``, found
    /// before libyaml and the composer (which recurses) see the text. The bound counts open flow
    /// brackets, block indentation levels and `- ` prefixes; quoted brackets only make it larger.
    private static func deepestLine(_ text: String) -> Int? {
        var flow = 0
        var line = 1
        var indentation = 0
        var atLineStart = true
        var dashes = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                indentation = 0
                dashes = 0
                atLineStart = true
            case UInt8(ascii: " ") where atLineStart:
                indentation += 1
            case UInt8(ascii: "-") where atLineStart || previous == UInt8(ascii: " "):
                dashes += 1
                atLineStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                atLineStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
                atLineStart = false
            default:
                atLineStart = false
            }
            previous = byte
            if flow + dashes + indentation / 2 > maximumDepth * 2 { return line }
        }
        return nil
    }
}
