import Testing
import TenetReporting

@Suite struct FigureTextTests {
    @Test func figuresAsTenetMetricsWritesThem() {
        #expect(FigureText.value(2700, unit: "seconds") == "45m 00s")
        #expect(FigureText.value(91.25, unit: "percent") == "91.2%")
        #expect(FigureText.value(8.46, unit: "score") == "8.5")
        #expect(FigureText.value(12.5, unit: "money", currency: "EUR") == "12.50 EUR")
        #expect(FigureText.value(126, unit: "count") == "126")
        #expect(FigureText.value(nil, unit: "seconds") == "no data")
    }

    @Test func changesTooSmallToShowHaveNoSign() {
        // Two rates both shown as 100.0% differ in the last digits: no change, not "-0.0 pt".
        #expect(FigureText.change(-1.4e-14, unit: "percent") == "0.0 pt")
        #expect(FigureText.change(0.04, unit: "percent") == "0.0 pt")
        #expect(FigureText.change(0.06, unit: "percent") == "+0.1 pt")
        #expect(FigureText.change(-0.4, unit: "seconds") == "0s")
        #expect(FigureText.change(-125, unit: "seconds") == "-2m 05s")
        #expect(FigureText.change(nil, unit: "seconds") == "-")
    }
}
