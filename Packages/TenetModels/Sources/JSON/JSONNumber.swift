/// A JSON number exactly as it was written: `12345678901234567890123`, `1.50` and `1e2` stay
/// those texts, so an event keeps every digit its producer sent.
///
/// Two numbers are equal when their texts are equal (`1.5` and `1.50` are different numbers
/// here, as they are different JSON texts). Read the value with ``doubleValue`` (nearest
/// double), ``int64Value`` (exact, or `nil`) or ``literal`` (the text itself).
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral
{
    /// The number's text: always a valid RFC 8259 number whose value is a finite double.
    public let literal: String

    /// Wraps text the parser has already checked.
    init(checkedLiteral: String) {
        literal = checkedLiteral
    }

    /// The number written as `literal`, or `nil` when `literal` is not exactly one RFC 8259
    /// number (no spaces around it) or is beyond the range of a double (`1e999`).
    public init?(literal: String) {
        guard case .number(let number)? = try? JSONParser.parse(literal), number.literal == literal else { return nil }
        self = number
    }

    /// An integer, in decimal.
    public init(_ value: Int) { literal = String(value) }

    /// An integer, in decimal.
    public init(_ value: Int64) { literal = String(value) }

    /// An integer, in decimal.
    public init(_ value: UInt64) { literal = String(value) }

    /// A double: a whole number below 2⁵³ in magnitude as an integer (`3`), anything else in
    /// Swift's shortest round-tripping form (`0.25`, `1e+16`). `value` must be finite: JSON has
    /// no NaN or infinity.
    public init(_ value: Double) {
        precondition(value.isFinite, "JSON has no \(value)")
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
            literal = String(Int64(value))
        } else {
            literal = "\(value)"
        }
    }

    /// An integer literal in code: `.number(3)`.
    public init(integerLiteral value: Int64) { self.init(value) }

    /// A floating-point literal in code: `.number(0.25)`, written as `JSONNumber(Double)` does.
    public init(floatLiteral value: Double) { self.init(value) }

    /// The nearest double (always finite).
    public var doubleValue: Double { Double(literal) ?? 0 }

    /// The exact value when it is a whole number that fits in 64 bits (`42`, `-7`, `4.0`,
    /// `1e3`); `nil` for a fraction (`4.5`) or a larger integer.
    public var int64Value: Int64? {
        if let plain = Int64(literal) { return plain }
        guard let decimal = DecimalParts(literal: literal) else { return nil }
        return decimal.int64Value
    }

    /// Whether the value is a whole number (`4`, `4.0`, `1e3`; not `4.5`), exactly.
    public var isWholeNumber: Bool {
        if Int64(literal) != nil { return true }
        return DecimalParts(literal: literal)?.isWholeNumber ?? false
    }

    public var description: String { literal }

    /// A number as sign, significant digits and a power of ten: `-1.50e3` is `-(15 × 10²)`.
    private struct DecimalParts {
        var negative = false
        /// The significant digits, without leading or trailing zeros (empty for zero).
        var digits: [UInt8] = []
        /// The value is `digits × 10^exponent`.
        var exponent = 0

        init?(literal: String) {
            var bytes = literal.utf8[...]
            if bytes.first == UInt8(ascii: "-") {
                negative = true
                bytes = bytes.dropFirst()
            }
            var sawDigit = false
            var inFraction = false
            var fractionDigits = 0
            while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
                bytes = bytes.dropFirst()
                if byte == UInt8(ascii: ".") {
                    inFraction = true
                    continue
                }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                sawDigit = true
                if inFraction { fractionDigits += 1 }
                if digits.isEmpty && byte == UInt8(ascii: "0") { continue }
                digits.append(byte - UInt8(ascii: "0"))
            }
            guard sawDigit else { return nil }
            var written = 0
            if !bytes.isEmpty {
                bytes = bytes.dropFirst()
                var sign = 1
                if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
                    sign = bytes.first == UInt8(ascii: "-") ? -1 : 1
                    bytes = bytes.dropFirst()
                }
                guard !bytes.isEmpty else { return nil }
                for byte in bytes {
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    // Saturate: an exponent beyond a billion only matters for zero or overflow.
                    written = min(written * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000_000)
                }
                written *= sign
            }
            exponent = written - fractionDigits
            while digits.last == 0 {
                digits.removeLast()
                exponent += 1
            }
        }

        var isWholeNumber: Bool { digits.isEmpty || exponent >= 0 }

        var int64Value: Int64? {
            if digits.isEmpty { return 0 }
            guard exponent >= 0, digits.count + exponent <= 19 else { return nil }
            var magnitude: UInt64 = 0
            for digit in digits + [UInt8](repeating: 0, count: exponent) {
                let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowAgain) = times.addingReportingOverflow(UInt64(digit))
                guard !overflow, !overflowAgain else { return nil }
                magnitude = sum
            }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            return Int64(exactly: magnitude)
        }
    }
}
