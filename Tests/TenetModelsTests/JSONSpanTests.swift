import Testing
import TenetModels

@Suite("JSON spans")
struct JSONSpanTests {
    @Test("members and items are delimited by structure, whatever strings hold")
    func delimits() {
        let text = #" {"a": "x\"}]{[", "b" :[1, {"c":"]"}, "\\"], "n": -1.5e3 ,"t":true} "#
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let members = JSONSpan.members(ofObjectAt: 0, in: buffer)
            #expect(members?.map(\.key) == ["a", "b", "n", "t"])
            let values = members?.map { String(decoding: buffer[$0.value], as: UTF8.self) }
            #expect(values == [#""x\"}]{[""#, #"[1, {"c":"]"}, "\\"]"#, "-1.5e3", "true"])
            let b = members![1].value
            let items = JSONSpan.items(ofArrayAt: b.lowerBound, in: buffer)?.map { String(decoding: buffer[$0], as: UTF8.self) }
            #expect(items == ["1", #"{"c":"]"}"#, #""\\""#])
        }
    }

    @Test("cut-short and malformed input gives nil, never a range past the end")
    func malformed() {
        for text in [#"{"a":"#, #"{"a" 1}"#, #"{"a":"x"#, "[1,2", "{", #"{"a":1"#, "x"] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(JSONSpan.members(ofObjectAt: 0, in: buffer) == nil, "\(text)")
                #expect(JSONSpan.items(ofArrayAt: 0, in: buffer) == nil, "\(text)")
            }
        }
    }
}
