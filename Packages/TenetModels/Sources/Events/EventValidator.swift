/// Checks raw events and turns them into ``Event``s, or says precisely what is wrong.
///
/// Rules (documented in `docs/EVENTS.md`): every event is at most ``maximumEventBytes`` of JSON
/// text, an object nested at most
/// ``Event/maximumDepth`` deep, with a non-empty string `id` (at most 256 UTF-8 bytes, no
/// control characters), a known `type` (built-in, or an extension named `x.…`) and an RFC
/// 3339 `at`; dimension fields, when present, are non-empty strings of at most 256 UTF-8 bytes
/// without control characters; `attributes`, when present, is an object; each built-in type
/// adds the fields it needs, returned typed in ``Event/payload``. Fields Tenet does not know
/// are kept as they are.
public enum EventValidator {
    /// The longest accepted `id`, in UTF-8 bytes.
    public static let maximumIDLength = 256
    /// The longest accepted dimension value, in UTF-8 bytes.
    public static let maximumDimensionLength = 256
    /// The largest accepted event, in bytes of its JSON text (1 MiB): a support event is a few
    /// hundred bytes, and a producer that sends whole e-mail bodies or attachments inline is
    /// told so rather than filling the store.
    public static let maximumEventBytes = 1 << 20

    /// Statuses a conversation can have.
    public static let statuses = ConversationStatus.allCases.map(\.rawValue)
    /// Authors a message can have.
    public static let authors = MessageAuthor.allCases.map(\.rawValue)

    /// Validates one event given as parsed JSON.
    public static func validate(_ value: JSONValue) throws(EventValidationError) -> Event {
        try validate(value, depthChecked: false)
    }

    /// Parses one line of JSON text and validates it.
    public static func validate(json line: some Collection<UInt8>) throws(EventValidationError) -> Event {
        guard line.count <= maximumEventBytes else {
            throw EventValidationError(
                field: "", value: "",
                reason: "the event is \(line.count) bytes, over the limit of \(maximumEventBytes) (1 MiB): leave bodies and attachments out")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line, maximumDepth: Event.maximumDepth)
        } catch {
            if error.code == .tooDeep { throw tooDeep() }
            throw EventValidationError(field: "", value: "", reason: "not valid JSON: \(error.reason) (column \(error.column))")
        }
        return try validate(value, depthChecked: true)
    }

    // MARK: Envelope

    private static func validate(_ value: JSONValue, depthChecked: Bool) throws(EventValidationError) -> Event {
        guard case .object(let object) = value else {
            throw EventValidationError(field: "", value: "", reason: "an event must be a JSON object, not \(value.kind)")
        }
        if !depthChecked, !fits(value, levels: Event.maximumDepth) { throw tooDeep() }
        let id = try requiredString(object, "id")
        try checkKeyText(id, field: "id", limit: maximumIDLength)
        let typeName = try requiredString(object, "type")
        guard let type = EventType(rawValue: typeName) else {
            if typeName.hasPrefix(EventType.extensionPrefix) {
                throw EventValidationError(
                    field: "type", value: typeName.excerpt,
                    reason: "is not a valid extension type: after `x.`, dot-separated parts of a-z, 0-9, `_` and `-`, at most \(EventType.maximumExtensionLength) bytes")
            }
            throw EventValidationError(
                field: "type", value: typeName.excerpt,
                reason: "is not an event type (see docs/EVENTS.md; your own types start with `x.`)")
        }
        let atText = try requiredString(object, "at")
        guard let at = Timestamp(rfc3339: atText) else {
            throw EventValidationError(field: "at", value: atText.excerpt, reason: "is not an RFC 3339 time")
        }
        let conversation = try dimension(object, .conversation)
        let customer = try dimension(object, .customer)
        let channel = try dimension(object, .channel)
        let team = try dimension(object, .team)
        let agent = try dimension(object, .agent)
        let priority = try dimension(object, .priority)
        if let attributes = object["attributes"], attributes.objectValue == nil, attributes != .null {
            throw EventValidationError(
                field: "attributes", value: describe(attributes), reason: "must be an object of extra dimensions")
        }
        func needs(_ dimension: EventDimension, _ present: String?) throws(EventValidationError) {
            guard present != nil else {
                throw EventValidationError(field: dimension.key, value: "", reason: "is required for \(type.rawValue) events")
            }
        }
        switch type {
        case .surveyAnswered, .extension: break
        case .orderPlaced, .customerStarted, .customerChurned: try needs(.customer, customer)
        default: try needs(.conversation, conversation)
        }
        let payload: EventPayload = switch type {
        case .conversationOpened: .conversationOpened
        case .messageCreated: try messagePayload(object)
        case .conversationAssigned: try assignedPayload(agent: agent, team: team)
        case .conversationTransferred:
            .conversationTransferred(fromTeam: try optionalString(object, "from_team"), fromAgent: try optionalString(object, "from_agent"))
        case .conversationEscalated: .conversationEscalated
        case .statusChanged:
            .statusChanged(
                status: try oneOf(object, "status", ConversationStatus.self, required: true)!,
                previous: try oneOf(object, "previous", ConversationStatus.self, required: false))
        case .contactQueued: .contactQueued
        case .contactAnswered: .contactAnswered
        case .contactAbandoned: .contactAbandoned
        case .contactEnded: .contactEnded
        case .holdStarted: .holdStarted
        case .holdEnded: .holdEnded
        case .wrapupEnded: .wrapupEnded
        case .surveyAnswered: try surveyPayload(object)
        case .qaScored: try qaPayload(object)
        case .orderPlaced: try orderPayload(object)
        case .customerStarted: .customerStarted
        case .customerChurned: .customerChurned
        case .extension: .extension
        }
        return Event(
            id: id, type: type, at: at, conversation: conversation, customer: customer, channel: channel, team: team,
            agent: agent, priority: priority, payload: payload, object: object)
    }

    /// Whether `value` nests at most `levels` deep (a scalar is 0 levels, `[]` is 1).
    private static func fits(_ value: JSONValue, levels: Int) -> Bool {
        switch value {
        case .null, .bool, .number, .string: return true
        case .array(let items):
            guard levels > 0 else { return false }
            for item in items where !fits(item, levels: levels - 1) { return false }
            return true
        case .object(let object):
            guard levels > 0 else { return false }
            for entry in object where !fits(entry.value, levels: levels - 1) { return false }
            return true
        }
    }

    private static func tooDeep() -> EventValidationError {
        EventValidationError(
            field: "", value: "",
            reason: "the event nests arrays and objects more than \(Event.maximumDepth) levels deep (the event itself is level 1)")
    }

    /// Checks a string that becomes a key column: its UTF-8 length and that it has no control
    /// character (U+0000–U+001F, U+007F–U+009F), which would be cut or garble a C string, a
    /// log line or a terminal.
    private static func checkKeyText(_ text: String, field: String, limit: Int) throws(EventValidationError) {
        let length = text.utf8.count
        guard length <= limit else {
            throw EventValidationError(field: field, value: text.excerpt, reason: "is longer than \(limit) bytes (UTF-8)")
        }
        let found = text.utf8.withContiguousStorageIfAvailable(controlCharacter)
            ?? Array(text.utf8).withUnsafeBufferPointer(controlCharacter)
        guard let control = found else { return }
        let hex = String(control.scalar, radix: 16, uppercase: true)
        throw EventValidationError(
            field: field, value: "",
            reason: "contains the control character U+\(String(repeating: "0", count: 4 - hex.count) + hex) at byte \(control.offset); control characters are not allowed here")
    }

    /// The first C0 or C1 control character in UTF-8 `bytes`, and its byte offset.
    private static func controlCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalar: UInt32, offset: Int)? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F { return (UInt32(byte), index) }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                return (UInt32(bytes[index + 1]), index)
            }
            index += 1
        }
        return nil
    }

    // MARK: Per type

    private static func messagePayload(_ object: JSONObject) throws(EventValidationError) -> EventPayload {
        let author = try oneOf(object, "author", MessageAuthor.self, required: true)!
        var isPublic: Bool?
        if let flag = object["public"], flag != .null {
            guard let value = flag.boolValue else {
                throw EventValidationError(field: "public", value: describe(flag), reason: "must be true or false")
            }
            isPublic = value
        }
        return .messageCreated(author: author, isPublic: isPublic)
    }

    private static func assignedPayload(agent: String?, team: String?) throws(EventValidationError) -> EventPayload {
        guard agent != nil || team != nil else {
            throw EventValidationError(field: "agent", value: "", reason: "or `team` is required for conversation.assigned events")
        }
        return .conversationAssigned
    }

    private static func surveyPayload(_ object: JSONObject) throws(EventValidationError) -> EventPayload {
        let survey = try oneOf(object, "survey", SurveyKind.self, required: true)!
        let score = try requiredNumber(object, "score")
        guard let whole = score.int64Value, survey.scale.contains(Int(whole)) else {
            throw EventValidationError(
                field: "score", value: score.literal.excerpt,
                reason: "is not a whole number from \(survey.scale.lowerBound) to \(survey.scale.upperBound) (\(survey.rawValue))")
        }
        return .surveyAnswered(survey: survey, score: Int(whole))
    }

    private static func qaPayload(_ object: JSONObject) throws(EventValidationError) -> EventPayload {
        let score = try requiredNumber(object, "score").doubleValue
        guard (0...100).contains(score) else {
            throw EventValidationError(field: "score", value: describe(object["score"]!), reason: "is not from 0 to 100")
        }
        var categories: [QACategory] = []
        if let value = object["categories"] {
            guard let items = value.arrayValue else {
                throw EventValidationError(field: "categories", value: describe(value), reason: "must be an array")
            }
            categories.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                let path = "categories[\(index)]"
                guard let category = item.objectValue else {
                    throw EventValidationError(field: path, value: describe(item), reason: "must be an object {name, score, weight}")
                }
                let name = try requiredString(category, "name", path: path)
                let categoryScore = try requiredNumber(category, "score", path: path).doubleValue
                guard (0...100).contains(categoryScore) else {
                    throw EventValidationError(field: "\(path).score", value: describe(category["score"]!), reason: "is not from 0 to 100")
                }
                var weight: Double?
                if let weightValue = category["weight"] {
                    guard let number = weightValue.numberValue, number > 0 else {
                        throw EventValidationError(field: "\(path).weight", value: describe(weightValue), reason: "must be a number above 0")
                    }
                    weight = number
                }
                categories.append(QACategory(name: name, score: categoryScore, weight: weight))
            }
        }
        return .qaScored(score: score, categories: categories)
    }

    private static func orderPayload(_ object: JSONObject) throws(EventValidationError) -> EventPayload {
        let amount = try requiredNumber(object, "amount")
        guard amount.doubleValue >= 0 else {
            throw EventValidationError(field: "amount", value: amount.literal.excerpt, reason: "must not be negative")
        }
        let currency = try requiredString(object, "currency")
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            throw EventValidationError(field: "currency", value: currency.excerpt, reason: "is not a three-letter ISO 4217 code such as EUR")
        }
        return .orderPlaced(amount: amount, currency: currency)
    }

    // MARK: Fields

    private static func dimension(_ object: JSONObject, _ dimension: EventDimension) throws(EventValidationError) -> String? {
        guard let text = try optionalString(object, dimension.key) else { return nil }
        try checkKeyText(text, field: dimension.key, limit: maximumDimensionLength)
        return text
    }

    private static func requiredString(_ object: JSONObject, _ key: String, path: String = "") throws(EventValidationError) -> String {
        let field = path.isEmpty ? key : "\(path).\(key)"
        guard let value = object[key], value != .null else {
            throw EventValidationError(field: field, value: "", reason: "is required")
        }
        guard let text = value.stringValue else {
            throw EventValidationError(field: field, value: describe(value), reason: "must be a string, not \(value.kind)")
        }
        guard !text.isEmpty else { throw EventValidationError(field: field, value: "\"\"", reason: "must not be empty") }
        return text
    }

    private static func optionalString(_ object: JSONObject, _ key: String) throws(EventValidationError) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let text = value.stringValue else {
            throw EventValidationError(field: key, value: describe(value), reason: "must be a string, not \(value.kind)")
        }
        guard !text.isEmpty else { throw EventValidationError(field: key, value: "\"\"", reason: "must not be empty") }
        return text
    }

    private static func requiredNumber(_ object: JSONObject, _ key: String, path: String = "") throws(EventValidationError) -> JSONNumber {
        let field = path.isEmpty ? key : "\(path).\(key)"
        guard let value = object[key], value != .null else {
            throw EventValidationError(field: field, value: "", reason: "is required")
        }
        guard let number = value.jsonNumberValue else {
            throw EventValidationError(field: field, value: describe(value), reason: "must be a number, not \(value.kind)")
        }
        return number
    }

    private static func oneOf<Choice: RawRepresentable & CaseIterable>(
        _ object: JSONObject, _ key: String, _ choices: Choice.Type, required: Bool
    ) throws(EventValidationError) -> Choice? where Choice.RawValue == String {
        guard let value = object[key], value != .null else {
            if required {
                throw EventValidationError(field: key, value: "", reason: "is required (one of \(list(choices)))")
            }
            return nil
        }
        guard let text = value.stringValue, let choice = Choice(rawValue: text) else {
            throw EventValidationError(field: key, value: describe(value), reason: "is not one of \(list(choices))")
        }
        return choice
    }

    private static func list<Choice: RawRepresentable & CaseIterable>(_ choices: Choice.Type) -> String
    where Choice.RawValue == String {
        choices.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// A value as error messages show it: its compact JSON, cut to an excerpt.
    private static func describe(_ value: JSONValue) -> String {
        JSONWriter.string(value).excerpt
    }
}
