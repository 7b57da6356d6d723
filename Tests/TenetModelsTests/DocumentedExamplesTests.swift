import Foundation
import Testing
import TenetModels

@Suite("docs/EVENTS.md")
struct DocumentedExamplesTests {
    @Test("every JSON example in docs/EVENTS.md is a valid event")
    func examples() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/EVENTS.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        let blocks = text.components(separatedBy: "```json\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count == 21)
        for block in blocks {
            #expect(throws: Never.self, "\(block)") { try EventValidator.validate(json: Array(block.utf8)) }
        }
    }
}
