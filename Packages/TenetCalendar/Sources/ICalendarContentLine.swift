/// One unfolded content line of an iCalendar file (RFC 5545 §3.1): `NAME;PARAM=VALUE:VALUE`.
struct ICalendarContentLine {
    /// The line of the file it starts on.
    var line: Int
    /// The property name, upper-cased.
    var name: String
    /// Parameters by upper-cased name, values as written (quotes removed).
    var parameters: [String: String]
    /// Everything after the first colon outside quotes.
    var value: String

    /// The content lines of `text`, continuation lines joined; empty lines skipped.
    static func unfold(_ text: String) throws(ICalendarError) -> [ICalendarContentLine] {
        var logical: [(line: Int, text: String)] = []
        // CRLF is one Character in Swift: split on either line ending.
        var physical = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" }).map(String.init)
        if let first = physical.first, first.hasPrefix("\u{FEFF}") { physical[0] = String(first.dropFirst()) }
        for (index, line) in physical.enumerated() {
            if let first = line.first, first == " " || first == "\t" {
                guard !logical.isEmpty else {
                    throw ICalendarError(code: .syntax, line: index + 1, message: "a continuation line (starting with a space) with nothing before it to continue")
                }
                logical[logical.count - 1].text += line.dropFirst()
            } else if !line.isEmpty {
                logical.append((index + 1, line))
            }
        }
        var result: [ICalendarContentLine] = []
        for (line, text) in logical { result.append(try ICalendarContentLine(line: line, text: text)) }
        return result
    }

    init(line: Int, text: String) throws(ICalendarError) {
        self.line = line
        // Split at ';' and the first ':' that are not inside a quoted parameter value.
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var valueStart: String.Index?
        for index in text.indices {
            let character = text[index]
            if character == "\"" {
                quoted.toggle()
            } else if !quoted && character == ";" {
                pieces.append(current)
                current = ""
                continue
            } else if !quoted && character == ":" {
                valueStart = text.index(after: index)
                break
            }
            current.append(character)
        }
        pieces.append(current)
        guard let valueStart, let name = pieces.first, !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else {
            throw ICalendarError(code: .syntax, line: line, message: "`\(text.prefix(40))` is not a property: expected NAME:VALUE")
        }
        self.name = name.uppercased()
        value = String(text[valueStart...])
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            let parts = piece.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                throw ICalendarError(code: .syntax, line: line, message: "parameter `\(piece)` of \(self.name) is not NAME=VALUE")
            }
            parameters[parts[0].uppercased()] = parts[1].replacingQuotes
        }
        self.parameters = parameters
    }
}

extension Substring {
    fileprivate var replacingQuotes: String { String(filter { $0 != "\"" }) }
}
