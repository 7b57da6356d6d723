import TenetCalendar
import TenetModels
import TenetPhilosophy

/// The dimension values an engine has seen, each kept once: strings (teams, channels, agents,
/// priorities, segments, languages, attribute names and values, currencies) as `Int32` ids, and
/// whole sets of dimensions (``DimensionSet``) as `Int32` ids too, so that an event or a
/// measurement holds one small number where it held six strings and a dictionary.
///
/// Ids are never reused or forgotten: the catalog only grows, by one entry per distinct value or
/// set. Id 0 always means "no value" (a string) or "nothing known" (a set).
struct DimensionCatalog: Sendable {
    /// One attribute of a set: its name and value, as string ids.
    struct Attribute: Hashable, Sendable {
        var key: Int32
        var value: Int32
    }

    /// Strings by id; id 0 stands for "no value" (an empty string seen gets an id of its own).
    private var strings = Interner(placeholder: "", findable: false)
    /// Attribute sets by id, each sorted by key id; id 0 is the empty set.
    private var attributeSets = Interner<[Attribute]>(placeholder: [], findable: true)
    /// Dimension sets by id; id 0 has no value at all.
    private var sets = Interner(placeholder: DimensionSet(), findable: true)
    /// `merged(_:_:)` already computed, by the two ids (older in the high half).
    private var merges: [UInt64: Int32] = [:]
    /// The business calendar of each set, once asked (`nil` entries: not asked yet).
    private var calendars: [CalendarEntry?] = []

    /// A set's business calendar, as the measurer's function gave it.
    private struct CalendarEntry: Sendable {
        var calendar: BusinessCalendar?
    }

    /// How many distinct dimension sets there are (ids `0..<setCount`).
    var setCount: Int { sets.count }

    // MARK: Strings

    /// The id of `text`, added when new.
    mutating func intern(_ text: String) -> Int32 {
        strings.intern(text)
    }

    /// The id of `text` when it is known; `nil` otherwise (a filter value never seen matches nothing).
    func id(of text: String) -> Int32? {
        strings.number(of: text)
    }

    /// The id of an optional string: 0 for `nil`.
    mutating func intern(_ text: String?) -> Int32 {
        text.map { intern($0) } ?? 0
    }

    /// The string of `id`; `nil` for 0.
    func string(_ id: Int32) -> String? {
        id == 0 ? nil : strings[id]
    }

    // MARK: Sets

    /// The id of `set`, added when new.
    mutating func intern(_ set: DimensionSet) -> Int32 {
        sets.intern(set)
    }

    /// The id of `dimensions`, added when new.
    mutating func intern(_ dimensions: Dimensions) -> Int32 {
        var set = DimensionSet()
        for (index, field) in Dimensions.fields.enumerated() { set[index] = intern(dimensions[field]) }
        set.attributes = internAttributes(dimensions.attributes.map { (intern($0.key), intern($0.value)) })
        return intern(set)
    }

    /// The id of the dimensions `event` itself gives, as ``Dimensions/init(of:)`` reads them
    /// (its own fields, then its string attributes: `segment` and `language` as dimensions, the
    /// others as attributes, a later duplicate name replacing an earlier one).
    mutating func intern(of event: Event) -> Int32 {
        var set = DimensionSet()
        set.team = intern(event.team)
        set.channel = intern(event.channel)
        set.agent = intern(event.agent)
        set.priority = intern(event.priority)
        if case .object(let attributes)? = event.object["attributes"] {
            var pairs: [(Int32, Int32)] = []
            for entry in attributes.entries {
                guard case .string(let text) = entry.value else { continue }
                switch entry.key {
                case "segment": set.segment = intern(text)
                case "language": set.language = intern(text)
                default: pairs.append((intern(entry.key), intern(text)))
                }
            }
            set.attributes = internAttributes(pairs)
        }
        return intern(set)
    }

    /// The id of the attribute set made of `pairs` (key, value); a later pair with the same key
    /// replaces an earlier one.
    private mutating func internAttributes(_ pairs: [(Int32, Int32)]) -> Int32 {
        guard !pairs.isEmpty else { return 0 }
        var byKey: [Int32: Int32] = [:]
        for (key, value) in pairs { byKey[key] = value }
        return internAttributes(sorted: byKey.map { Attribute(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key })
    }

    private mutating func internAttributes(sorted attributes: [Attribute]) -> Int32 {
        attributeSets.intern(attributes)
    }

    /// The value id of attribute `key` in set `set`; 0 when it has none.
    func attribute(_ key: Int32, in set: Int32) -> Int32 {
        let attributes = attributeSets[sets[set].attributes]
        var low = 0
        var high = attributes.count
        while low < high {
            let middle = (low + high) / 2
            if attributes[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < attributes.count && attributes[low].key == key ? attributes[low].value : 0
    }

    /// The set `older` updated by `newer`, as ``Dimensions/updated(by:)`` does it: each value
    /// `newer` gives replaces the one in `older`, attribute by attribute.
    mutating func merged(_ older: Int32, _ newer: Int32) -> Int32 {
        if newer == 0 || newer == older { return older }
        if older == 0 { return newer }
        let memo = UInt64(UInt32(bitPattern: older)) << 32 | UInt64(UInt32(bitPattern: newer))
        if let known = merges[memo] { return known }
        let a = sets[older]
        let b = sets[newer]
        var next = a
        for index in 0..<DimensionSet.fieldCount where b[index] != 0 { next[index] = b[index] }
        if b.attributes != 0, b.attributes != a.attributes {
            var byKey: [Int32: Int32] = [:]
            for attribute in attributeSets[a.attributes] { byKey[attribute.key] = attribute.value }
            for attribute in attributeSets[b.attributes] { byKey[attribute.key] = attribute.value }
            next.attributes = internAttributes(sorted: byKey.map { Attribute(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key })
        }
        let id = intern(next)
        merges[memo] = id
        return id
    }

    /// The dimensions of set `id`, as strings.
    func dimensions(_ id: Int32) -> Dimensions {
        let set = sets[id]
        var dimensions = Dimensions()
        for (index, field) in Dimensions.fields.enumerated() { dimensions[field] = string(set[index]) }
        for attribute in attributeSets[set.attributes] { dimensions.attributes[strings[attribute.key]] = strings[attribute.value] }
        return dimensions
    }

    /// The business calendar `calendar` gives for set `id`, asked once per set.
    mutating func calendar(of id: Int32, _ calendar: (Dimensions) -> BusinessCalendar?) -> BusinessCalendar? {
        let index = Int(id)
        if index < calendars.count, let known = calendars[index] { return known.calendar }
        if calendars.count < sets.count { calendars.append(contentsOf: repeatElement(nil, count: sets.count - calendars.count)) }
        let entry = CalendarEntry(calendar: calendar(dimensions(id)))
        calendars[index] = entry
        return entry.calendar
    }

    // MARK: Queries

    /// How a query reads one field of a set, resolved once per query.
    enum FieldReader: Sendable {
        /// One of the six dimensions, by its index in ``DimensionSet``.
        case dimension(Int)
        /// An attribute, by its name's id.
        case attribute(Int32)
        /// A field no set has a value for (an attribute name never seen, `conversation`).
        case absent
    }

    /// How to read `field` from a set.
    func reader(_ field: FilterField) -> FieldReader {
        switch field {
        case .dimension(let dimension):
            guard let index = Dimensions.fields.firstIndex(of: dimension) else { return .absent }
            return .dimension(index)
        case .attribute(let name):
            guard let key = id(of: name) else { return .absent }
            return .attribute(key)
        }
    }

    /// The value id of `reader`'s field in set `id` (0: no value).
    func value(_ reader: FieldReader, in id: Int32) -> Int32 {
        switch reader {
        case .dimension(let index): sets[id][index]
        case .attribute(let key): attribute(key, in: id)
        case .absent: 0
        }
    }

    // MARK: Checkpoint

    /// How many distinct strings there are (ids `0..<stringCount`).
    var stringCount: Int { strings.count }

    /// Writes the strings, attribute sets and dimension sets (the memos are not kept: they are
    /// found again when asked).
    func write(to writer: inout CheckpointWriter) throws(CheckpointError) {
        try writer.tag("DIMS")
        try writer.write(strings: strings.values)
        try writer.write(Int64(attributeSets.count))
        for attributes in attributeSets.values { try writer.write(array: attributes) }
        try writer.write(array: sets.values)
    }

    /// A catalog read back: every id it holds refers to a string or an attribute set it holds.
    init(from reader: inout CheckpointReader) throws(CheckpointError) {
        try reader.expect("DIMS")
        let strings = try reader.readStrings()
        let attributeCount = try reader.readCount(minimumBytes: 8)
        var attributeSets: [[Attribute]] = []
        attributeSets.reserveCapacity(attributeCount)
        for _ in 0..<attributeCount { attributeSets.append(try reader.readArray(Attribute.self)) }
        let sets = try reader.readArray(DimensionSet.self)
        guard !strings.isEmpty, strings[0].isEmpty, attributeSets.first?.isEmpty == true, sets.first == DimensionSet() else {
            throw CheckpointError(.malformed, "the dimension catalog does not start with its placeholders")
        }
        let stringCount = Int32(strings.count)
        let validString = { (id: Int32) in id >= 0 && id < stringCount }
        guard attributeSets.allSatisfy({ $0.allSatisfy { validString($0.key) && validString($0.value) } }),
            sets.allSatisfy({ set in (0..<DimensionSet.fieldCount).allSatisfy { validString(set[$0]) } && set.attributes >= 0 && Int(set.attributes) < attributeSets.count })
        else {
            throw CheckpointError(.malformed, "the dimension catalog refers to a string or an attribute set it does not hold")
        }
        self.strings = Interner(values: strings, findable: false)
        self.attributeSets = Interner(values: attributeSets, findable: true)
        self.sets = Interner(values: sets, findable: true)
    }

    /// An empty catalog.
    init() {}
}

/// A whole set of dimensions as string ids (0: no value): the six dimensions and the id of the
/// attribute set.
struct DimensionSet: Hashable, Sendable {
    var team: Int32 = 0
    var channel: Int32 = 0
    var agent: Int32 = 0
    var priority: Int32 = 0
    var segment: Int32 = 0
    var language: Int32 = 0
    var attributes: Int32 = 0

    /// How many dimensions a set has besides its attributes (``Dimensions/fields``).
    static let fieldCount = 6

    /// The dimension at `index` of ``Dimensions/fields``.
    subscript(index: Int) -> Int32 {
        get {
            switch index {
            case 0: team
            case 1: channel
            case 2: agent
            case 3: priority
            case 4: segment
            default: language
            }
        }
        set {
            switch index {
            case 0: team = newValue
            case 1: channel = newValue
            case 2: agent = newValue
            case 3: priority = newValue
            case 4: segment = newValue
            default: language = newValue
            }
        }
    }
}
