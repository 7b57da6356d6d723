import Testing
import TenetModels

@Suite("Suggestion")
struct SuggestionTests {
    private let keys = ["zone", "week_start", "schedules", "first_response_time", "command"]

    @Test("a typo, a swap of neighbours or another case finds the known name", arguments: [
        ("comand", "command"), ("commmand", "command"), ("comamnd", "command"), ("zoen", "zone"), ("Zone", "zone"),
        ("SCHEDULES", "schedules"), ("shcedules", "schedules"), ("week-start", "week_start"),
        ("first_reponse_time", "first_response_time"),
    ])
    func close(text: String, expected: String) {
        #expect(Suggestion.closest(to: text, among: keys) == expected)
        #expect(Suggestion.hint(for: text, among: keys) == "; did you mean `\(expected)`?")
    }

    @Test("nothing close gives nothing", arguments: ["colour", "frt", "z", "", "zonezonezone", "cmd"])
    func nothingClose(text: String) {
        #expect(Suggestion.closest(to: text, among: keys) == nil)
        #expect(Suggestion.hint(for: text, among: keys) == "")
    }

    @Test("a tie goes to the earlier candidate; an exact name is its own suggestion")
    func ties() {
        #expect(Suggestion.closest(to: "cat", among: ["bat", "hat"]) == "bat")
        #expect(Suggestion.closest(to: "cat", among: ["hat", "bat"]) == "hat")
        #expect(Suggestion.closest(to: "zone", among: keys) == "zone")
        #expect(Suggestion.closest(to: "a", among: ["b"]) == "b")
    }
}
