import TenetModels

/// Writes and reads the header frame by hand: every message has one, so this is on the hot
/// path of every publisher and receiver (Foundation's JSON coders cost several times more).
extension BusHeader {
    /// The header as compact JSON, keys in alphabetical order.
    public func jsonBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(160)
        output.append(UInt8(ascii: "{"))
        if let correlation {
            output.append(contentsOf: #""correlation":"#.utf8)
            JSONWriter.writeString(correlation, into: &output)
            output.append(UInt8(ascii: ","))
        }
        output.append(contentsOf: #""id":"#.utf8)
        JSONWriter.writeString(id, into: &output)
        output.append(contentsOf: #","instance":"#.utf8)
        JSONWriter.writeString(instance, into: &output)
        output.append(contentsOf: #","sender":"#.utf8)
        JSONWriter.writeString(sender, into: &output)
        output.append(contentsOf: #","seq":"#.utf8)
        output.append(contentsOf: String(seq).utf8)
        output.append(contentsOf: #","time":"#.utf8)
        JSONWriter.writeString(time, into: &output)
        output.append(contentsOf: #","type":"#.utf8)
        JSONWriter.writeString(type, into: &output)
        output.append(contentsOf: #","version":"#.utf8)
        output.append(contentsOf: String(version).utf8)
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Reads a header frame; unknown fields are ignored.
    ///
    /// - Throws: a reason naming the missing or mistyped field.
    public init(json bytes: [UInt8]) throws(BusProtocolError) {
        let object: JSONObject
        do {
            guard let parsed = try JSONParser.parse(bytes).objectValue else {
                throw BusProtocolError(code: .badHeader, message: "the header is not a JSON object")
            }
            object = parsed
        } catch let error as JSONParseError {
            throw BusProtocolError(code: .badHeader, message: error.description)
        } catch let error as BusProtocolError {
            throw error
        } catch {
            throw BusProtocolError(code: .badHeader, message: "\(error)")
        }
        func text(_ key: String) throws(BusProtocolError) -> String {
            guard let value = object[key] else { throw BusProtocolError(code: .badHeader, message: "`\(key)` is missing") }
            guard let text = value.stringValue else {
                throw BusProtocolError(code: .badHeader, message: "`\(key)`: expected a string, found \(value.kind)")
            }
            return text
        }
        func whole(_ key: String) throws(BusProtocolError) -> Double {
            guard let value = object[key] else { throw BusProtocolError(code: .badHeader, message: "`\(key)` is missing") }
            guard let number = value.numberValue, number >= 0, number.rounded() == number, number < 1.8e19 else {
                throw BusProtocolError(code: .badHeader, message: "`\(key)`: expected a whole number, found \(value.kind)")
            }
            return number
        }
        let version = try whole("version")
        let seq = try whole("seq")
        var correlation: String?
        if let value = object["correlation"], value != .null {
            guard let text = value.stringValue else {
                throw BusProtocolError(code: .badHeader, message: "`correlation`: expected a string, found \(value.kind)")
            }
            correlation = text
        }
        self.init(
            version: version > Double(Int.max) ? Int.max : Int(version), id: try text("id"), sender: try text("sender"),
            instance: try text("instance"), seq: UInt64(seq), time: try text("time"), type: try text("type"),
            correlation: correlation)
    }
}
