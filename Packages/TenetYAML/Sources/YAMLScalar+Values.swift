/// The one place that says which texts are Booleans and numbers, for every reader of Tenet's
/// YAML files (``YAMLFieldReader`` and the stack-file and CSV-mapping readers).
///
/// The rules are YAML 1.2's core schema, less its surprises, and they ignore quoting: `"yes"`
/// is as true as `yes`. A null scalar is none of these.
extension YAMLScalar {
    /// `true` for `true`, `yes`, `on`, `false` for `false`, `no`, `off` (in any case); `nil`
    /// for anything else.
    public var boolValue: Bool? {
        guard !isNull else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A whole number: decimal digits with an optional sign (`010` is ten, not YAML 1.1's
    /// octal eight), or `0x…`, `0o…`, `0b…`; `_` may separate digits (`100_000`). `nil` for
    /// anything else, for `1:30` (YAML 1.1's base 60) and for numbers beyond `Int`.
    public var integerValue: Int? {
        guard !isNull else { return nil }
        var digits = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            radix = base
            digits = digits.dropFirst(2)
        }
        // `Int(_:radix:)` would take a second sign (`0x-1`, `+-1`).
        guard let first = digits.first, first.isHexDigit else { return nil }
        return Int((negative ? "-" : "") + digits, radix: radix)
    }

    /// A finite number: an integer as for ``integerValue`` or a decimal such as `1.5`, `.5`,
    /// `2e-3`; `_` may separate digits. `nil` for anything else, `.inf` and `.nan` included.
    public var numberValue: Double? {
        guard !isNull else { return nil }
        if let integer = integerValue { return Double(integer) }
        let digits = text.replacingOccurrences(of: "_", with: "")
        // Swift also reads `inf`, `nan` and hexadecimal floats; YAML does not.
        guard digits.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
            let number = Double(digits), number.isFinite
        else { return nil }
        return number
    }
}
