import Foundation
import Testing
import TenetModels
import TenetPhilosophy
import TenetYAML

/// Whatever the file holds, the checker answers with findings, never a crash.
@Suite("The philosophy reader under mangled input")
struct PhilosophyFuzzTests {
    static let example: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("philosophy.example.yaml"), encoding: .utf8)) ?? ""
    }()

    /// One mutation of `lines`: delete, duplicate or swap lines, change, insert or delete bytes,
    /// re-indent, truncate.
    static func mutate(_ text: String, _ random: inout SeededRandom) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let noise = ["{", "}", "[", "]", ":", "-", "\"", "'", "&a", "*a", "!!str", "~", "#", "\t", "24:00", "99:99", "é", "\u{0}", "%", ">="]
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !lines.isEmpty else { break }
            let index = Int.random(in: 0..<lines.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
            case 3:
                var characters = Array(lines[index])
                let place = characters.isEmpty ? 0 : Int.random(in: 0...characters.count, using: &random)
                characters.insert(contentsOf: noise.randomElement(using: &random)!, at: place)
                lines[index] = String(characters)
            case 4:
                var characters = Array(lines[index])
                if !characters.isEmpty { characters.remove(at: Int.random(in: 0..<characters.count, using: &random)) }
                lines[index] = String(characters)
            case 5: lines[index] = String(repeating: " ", count: Int.random(in: 0...12, using: &random)) + lines[index].drop { $0 == " " }
            default: lines = Array(lines.prefix(index))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mangledCopiesOfTheExampleGetFindingsWithPlaces() {
        #expect(!Self.example.isEmpty)
        var random = SeededRandom(seed: 7)
        var withErrors = 0
        for _ in 0..<1000 {
            let text = Self.mutate(Self.example, &random)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            let result = PhilosophyParser.parse(text) { _ in .success("BEGIN:VCALENDAR\nEND:VCALENDAR\n") }
            if result.diagnostics.contains(where: { $0.severity == .error }) {
                withErrors += 1
                #expect(result.philosophy == nil)
            } else {
                #expect(result.philosophy != nil)
            }
            for finding in result.diagnostics {
                #expect(finding.position.line <= lineCount + 1, "\(finding)")
                #expect(!finding.message.isEmpty)
            }
        }
        // Most mutations break something; a check that never found an error would be suspect.
        #expect(withErrors > 500)
    }

    @Test func hostileDocumentsAreRefusedWithAClearError() {
        let deep = String(repeating: "[", count: 100_000)
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + (1...8).map { "\(Character(UnicodeScalar(UInt8(97 + $0)))): &\(Character(UnicodeScalar(UInt8(97 + $0)))) [" + Array(repeating: "*\(Character(UnicodeScalar(UInt8(96 + $0))))", count: 10).joined(separator: ", ") + "]" }.joined(separator: "\n")
        let huge = "purpose: \"" + String(repeating: "x", count: 5 << 20) + "\"\n"
        for text in [deep, bomb, huge, "\u{FEFF}", "---\n---\n", "values: !!binary aGVsbG8=\n"] {
            let result = PhilosophyParser.parse(text)
            #expect(result.philosophy == nil || result.diagnostics.isEmpty == false)
            #expect(result.diagnostics.allSatisfy { !$0.message.isEmpty })
        }
        #expect(PhilosophyParser.parse(deep).diagnostics.first?.code == .syntax)
        #expect(PhilosophyParser.parse(bomb).diagnostics.first?.code == .syntax)
        #expect(PhilosophyParser.parse(huge).diagnostics.first?.message.contains("larger than 4 MiB") == true)
    }
}
