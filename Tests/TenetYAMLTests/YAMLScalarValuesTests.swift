import Testing
import TenetYAML

@Suite("YAML scalar values")
struct YAMLScalarValuesTests {
    private func plain(_ text: String) -> YAMLScalar { YAMLScalar(text: text, style: .plain) }

    @Test("Booleans: true/yes/on and false/no/off in any case, quoted or not; null and the rest are not")
    func booleans() {
        #expect(["true", "Yes", "ON", "tRuE"].map { plain($0).boolValue } == [true, true, true, true])
        #expect(["false", "NO", "off"].map { plain($0).boolValue } == [false, false, false])
        #expect(YAMLScalar(text: "yes", style: .doubleQuoted).boolValue == true)
        #expect(["", "~", "1", "0", "y", "n", "maybe"].map { plain($0).boolValue } == [nil, nil, nil, nil, nil, nil, nil])
    }

    @Test("whole numbers: decimal (leading zeros too), 0x, 0o, 0b, signs and `_`; not base 60, floats or overflow")
    func integers() {
        let texts = ["010", "-7", "+7", "0x1F", "-0x10", "0o17", "0b101", "1_000_000", "0"]
        #expect(texts.map { plain($0).integerValue } == [10, -7, 7, 31, -16, 15, 5, 1_000_000, 0])
        let refused = ["1:30", "1.0", "1e3", "0x", "0x-1", "+-1", "--1", "0o8", "ten", "", "~", "99999999999999999999", " 1"]
        #expect(refused.map { plain($0).integerValue } == Array(repeating: nil, count: refused.count))
        #expect(YAMLScalar(text: "12", style: .singleQuoted).integerValue == 12)
    }

    @Test("numbers: integers and decimals; not infinities, NaN, hexadecimal floats or base 60")
    func numbers() {
        let texts = ["1.5", ".5", "-2e-3", "3", "0x10", "1_000.25", "99999999999999999999"]
        #expect(texts.map { plain($0).numberValue } == [1.5, 0.5, -0.002, 3, 16, 1000.25, 1e20])
        let refused = [".inf", "inf", "nan", ".NaN", "0x1p3", "1:30", "1,5", "", "~", "1e400"]
        #expect(refused.map { plain($0).numberValue } == Array(repeating: nil, count: refused.count))
    }
}
