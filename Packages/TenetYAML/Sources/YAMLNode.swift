/// A place in a YAML file: 1-based line and column (columns count Unicode scalars, as libyaml
/// does). `line == 0` means "the whole file".
public struct YAMLPosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 1-based line, or 0 when no line applies.
    public var line: Int
    /// The 1-based column, or 0 when no column applies.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The whole file, for problems that have no single place.
    public static let file = YAMLPosition(line: 0, column: 0)

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One node of a YAML document, with where it was written.
///
/// Scalars keep their text exactly as written: nothing is turned into a Boolean, a number or a
/// date behind the reader's back (`no`, `2026-12-25` and `010` stay text until a field that
/// expects a Boolean, a date or a number reads them). That avoids YAML 1.1's surprises, such as
/// the country code `NO` becoming `false`.
public struct YAMLNode: Hashable, Sendable {
    /// What the node holds.
    public enum Content: Hashable, Sendable {
        /// A single value, as text.
        case scalar(YAMLScalar)
        /// A list.
        case sequence([YAMLNode])
        /// `key: value` entries in file order; a key written twice appears twice.
        case mapping([YAMLEntry])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts.
    public var position: YAMLPosition

    /// Creates a node.
    public init(_ content: Content, at position: YAMLPosition) {
        self.content = content
        self.position = position
    }

    /// The scalar, when this is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The scalar's text, when this is a scalar that is not null.
    public var text: String? {
        guard let scalar, !scalar.isNull else { return nil }
        return scalar.text
    }

    /// The items, when this is a list.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The entries, when this is a mapping.
    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// Whether this is a null scalar (`~`, `null` or nothing at all after the colon).
    public var isNull: Bool { scalar?.isNull ?? false }

    /// The value of the first entry whose key is `key`, when this is a mapping.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// What kind of node this is, in words for error messages ("a list", "a mapping", "text").
    public var kindName: String {
        switch content {
        case .scalar(let scalar): scalar.isNull ? "nothing" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// A scalar: its text as written, and how it was quoted.
public struct YAMLScalar: Hashable, Sendable {
    /// How a scalar was written.
    public enum Style: Hashable, Sendable {
        /// Unquoted.
        case plain
        /// `'…'`
        case singleQuoted
        /// `"…"`
        case doubleQuoted
        /// `|` or `>` blocks.
        case block
    }

    /// The text, after YAML's unescaping and folding.
    public var text: String
    /// How it was written.
    public var style: Style

    /// Creates a scalar.
    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// Whether the scalar is YAML's null: an unquoted `~`, `null` or empty value.
    public var isNull: Bool {
        style == .plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// Whether the scalar was quoted, so that its first character is one column after the
    /// node's position.
    public var isQuoted: Bool { style == .singleQuoted || style == .doubleQuoted }
}

/// One `key: value` entry of a mapping.
public struct YAMLEntry: Hashable, Sendable {
    /// The key's text (``YAMLReader`` refuses keys that are not single values).
    public var key: String
    /// Where the key is written.
    public var keyPosition: YAMLPosition
    /// The value.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: String, keyPosition: YAMLPosition, value: YAMLNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
