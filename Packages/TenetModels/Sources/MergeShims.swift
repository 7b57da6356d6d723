// Temporary until the models branch lands (deleted at merge).
extension JSONParser {
    public static func parse(_ bytes: some Collection<UInt8>, maximumDepth: Int) throws(JSONParseError) -> JSONValue {
        try parse(bytes)
    }
}
extension Event {
    public static let maximumDepth = 126
    public static func parsingDepth(envelopeLevels: Int) -> Int { maximumDepth + envelopeLevels }
}
