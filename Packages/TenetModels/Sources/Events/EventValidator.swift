/// Checks raw events and turns them into ``Event``s, or says precisely what is wrong.
///
/// Rules (documented in `docs/EVENTS.md`): every event is an object with a non-empty string
/// `id` (at most 256 characters), a known `type` and an RFC 3339 `at`; dimension fields, when
/// present, are non-empty strings; `attributes`, when present, is an object; each type adds the
/// fields it needs. Fields Tenet does not know are kept as they are.
public enum EventValidator {
    /// The longest accepted `id`, in characters.
    public static let maximumIDLength = 256
    /// The longest accepted dimension value, in characters.
    public static let maximumDimensionLength = 256

    /// Statuses a conversation can have.
    public static let statuses = ["open", "pending", "on_hold", "solved", "closed"]
    /// Authors a message can have.
    public static let authors = ["customer", "agent", "bot", "system"]

    /// Validates one event given as parsed JSON.
    public static func validate(_ value: JSONValue) throws(EventValidationError) -> Event {
        guard case .object(let object) = value else {
            throw EventValidationError(field: "", value: "", reason: "an event must be a JSON object, not \(value.kind)")
        }
        let id = try requiredString(object, "id")
        guard id.count <= maximumIDLength else {
            throw EventValidationError(
                field: "id", value: shorten(id), reason: "is longer than \(maximumIDLength) characters")
        }
        let typeName = try requiredString(object, "type")
        guard let type = EventType(rawValue: typeName) else {
            throw EventValidationError(
                field: "type", value: shorten(typeName), reason: "is not an event type (see docs/EVENTS.md)")
        }
        let atText = try requiredString(object, "at")
        guard let at = Timestamp(rfc3339: atText) else {
            throw EventValidationError(field: "at", value: shorten(atText), reason: "is not an RFC 3339 time")
        }
        var dimensions: [String: String] = [:]
        for name in Event.dimensionFields {
            if let text = try optionalString(object, name) {
                guard text.count <= maximumDimensionLength else {
                    throw EventValidationError(
                        field: name, value: shorten(text), reason: "is longer than \(maximumDimensionLength) characters")
                }
                dimensions[name] = text
            }
        }
        if let attributes = object["attributes"], attributes.objectValue == nil, attributes != .null {
            throw EventValidationError(
                field: "attributes", value: describe(attributes), reason: "must be an object of extra dimensions")
        }
        try validateFields(of: type, in: object, dimensions: dimensions)
        return Event(
            id: id, type: type, at: at, conversation: dimensions["conversation"], customer: dimensions["customer"],
            channel: dimensions["channel"], team: dimensions["team"], agent: dimensions["agent"],
            priority: dimensions["priority"], object: object)
    }

    /// Parses one line of JSON text and validates it.
    public static func validate(json line: some Collection<UInt8>) throws(EventValidationError) -> Event {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw EventValidationError(field: "", value: "", reason: "not valid JSON: \(error.reason) (column \(error.column))")
        }
        return try validate(value)
    }

    // MARK: Per type

    private static func validateFields(
        of type: EventType, in object: JSONObject, dimensions: [String: String]
    ) throws(EventValidationError) {
        func needs(_ dimension: String) throws(EventValidationError) {
            guard dimensions[dimension] != nil else {
                throw EventValidationError(field: dimension, value: "", reason: "is required for \(type.rawValue) events")
            }
        }
        switch type {
        case .conversationOpened, .conversationEscalated, .contactQueued, .contactAnswered, .contactAbandoned,
            .contactEnded, .holdStarted, .holdEnded, .wrapupEnded:
            try needs("conversation")
        case .messageCreated:
            try needs("conversation")
            try oneOf(object, "author", authors, required: true)
            if let flag = object["public"], flag != .null, flag.boolValue == nil {
                throw EventValidationError(field: "public", value: describe(flag), reason: "must be true or false")
            }
        case .conversationAssigned:
            try needs("conversation")
            guard dimensions["agent"] != nil || dimensions["team"] != nil else {
                throw EventValidationError(field: "agent", value: "", reason: "or `team` is required for conversation.assigned events")
            }
        case .conversationTransferred:
            try needs("conversation")
            for name in ["from_team", "from_agent"] { _ = try optionalString(object, name) }
        case .statusChanged:
            try needs("conversation")
            try oneOf(object, "status", statuses, required: true)
            try oneOf(object, "previous", statuses, required: false)
        case .surveyAnswered:
            let survey = try oneOf(object, "survey", ["csat", "nps", "ces"], required: true) ?? ""
            let range: ClosedRange<Double> = switch survey {
            case "csat": 1...5
            case "nps": 0...10
            default: 1...7
            }
            let score = try requiredNumber(object, "score")
            guard range.contains(score), score.rounded() == score else {
                throw EventValidationError(
                    field: "score", value: describe(.number(score)),
                    reason: "is not a whole number from \(Int(range.lowerBound)) to \(Int(range.upperBound)) (\(survey))")
            }
        case .qaScored:
            try needs("conversation")
            let score = try requiredNumber(object, "score")
            guard (0...100).contains(score) else {
                throw EventValidationError(field: "score", value: describe(.number(score)), reason: "is not from 0 to 100")
            }
            if let categories = object["categories"] {
                guard let items = categories.arrayValue else {
                    throw EventValidationError(field: "categories", value: describe(categories), reason: "must be an array")
                }
                for (index, item) in items.enumerated() {
                    let path = "categories[\(index)]"
                    guard let category = item.objectValue else {
                        throw EventValidationError(field: path, value: describe(item), reason: "must be an object {name, score, weight}")
                    }
                    _ = try requiredString(category, "name", path: path)
                    let categoryScore = try requiredNumber(category, "score", path: path)
                    guard (0...100).contains(categoryScore) else {
                        throw EventValidationError(field: "\(path).score", value: describe(.number(categoryScore)), reason: "is not from 0 to 100")
                    }
                    if let weight = category["weight"] {
                        guard let number = weight.numberValue, number > 0 else {
                            throw EventValidationError(field: "\(path).weight", value: describe(weight), reason: "must be a number above 0")
                        }
                    }
                }
            }
        case .orderPlaced:
            try needs("customer")
            let amount = try requiredNumber(object, "amount")
            guard amount >= 0 else {
                throw EventValidationError(field: "amount", value: describe(.number(amount)), reason: "must not be negative")
            }
            let currency = try requiredString(object, "currency")
            guard currency.count == 3, currency.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw EventValidationError(field: "currency", value: shorten(currency), reason: "is not a three-letter ISO 4217 code such as EUR")
            }
        case .customerStarted, .customerChurned:
            try needs("customer")
        }
    }

    // MARK: Fields

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

    private static func requiredNumber(_ object: JSONObject, _ key: String, path: String = "") throws(EventValidationError) -> Double {
        let field = path.isEmpty ? key : "\(path).\(key)"
        guard let value = object[key], value != .null else {
            throw EventValidationError(field: field, value: "", reason: "is required")
        }
        guard let number = value.numberValue else {
            throw EventValidationError(field: field, value: describe(value), reason: "must be a number, not \(value.kind)")
        }
        return number
    }

    @discardableResult
    private static func oneOf(
        _ object: JSONObject, _ key: String, _ allowed: [String], required: Bool
    ) throws(EventValidationError) -> String? {
        guard let value = object[key], value != .null else {
            if required { throw EventValidationError(field: key, value: "", reason: "is required (one of \(allowed.joined(separator: ", ")))") }
            return nil
        }
        guard let text = value.stringValue, allowed.contains(text) else {
            throw EventValidationError(field: key, value: describe(value), reason: "is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }

    private static func describe(_ value: JSONValue) -> String {
        shorten(JSONWriter.string(value))
    }

    private static func shorten(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }
}
