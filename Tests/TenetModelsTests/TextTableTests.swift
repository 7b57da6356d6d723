import TenetModels
import Testing

@Suite struct TextTableTests {
    @Test func columnsPaddedToTheWidestCellLastOneNot() {
        let text = TextTable.align([["NAME", "STATE", "NOTE"], ["store", "running", "ok"], ["ingest", "backoff", "exit code 1 — bad port"]])
        #expect(
            text == """
                NAME    STATE    NOTE
                store   running  ok
                ingest  backoff  exit code 1 — bad port
                """)
    }

    @Test func anEmptyFirstCellKeepsTheRowAligned() {
        // The scorecard's copy trimmed leading spaces too, which shifted such a row left.
        #expect(TextTable.align([["TEAM", "N"], ["", "3"], ["support", ""]]) == "TEAM     N\n         3\nsupport")
    }

    @Test func shortRowsAndNoRows() {
        #expect(TextTable.align([["A", "B", "C"], ["long"]]) == "A     B  C\nlong")
        #expect(TextTable.align([]) == "")
    }
}
