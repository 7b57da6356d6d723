import Foundation

/// The report as JSON: the ``ReportModel`` itself, keys in snake_case (the model's own coding
/// keys: dimension names and other data keys are written as they are), sorted, pretty-printed;
/// an absent optional (a figure without data, a key metric without a target) has no key.
public struct JSONReport: Sendable {
    /// The model to write.
    public var model: ReportModel

    /// Creates a renderer.
    public init(_ model: ReportModel) {
        self.model = model
    }

    /// The JSON text, ending with a newline.
    public func render() -> String {
        String(decoding: Self.encoder().encodeOrEmpty(model), as: UTF8.self) + "\n"
    }

    /// The encoder reports use: keys sorted, pretty-printed, slashes unescaped.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The decoder that reads a report back.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

extension JSONEncoder {
    /// The model encoded (strings, numbers — non-finite ones as strings — and arrays always
    /// encode; `{}` is only a guard).
    fileprivate func encodeOrEmpty(_ model: ReportModel) -> Data {
        (try? encode(model)) ?? Data("{}".utf8)
    }
}
