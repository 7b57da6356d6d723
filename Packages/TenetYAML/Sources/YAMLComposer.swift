import TenetModels
import Yams

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
