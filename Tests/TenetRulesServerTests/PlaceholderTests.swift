import Testing
import TenetRulesProtocol

@Test func theMethodsAreNamedAsDocumented() {
    #expect(RulesMethod.allCases.map(\.rawValue) == ["alerts", "sla", "silences", "silence", "expire", "stats"])
}
