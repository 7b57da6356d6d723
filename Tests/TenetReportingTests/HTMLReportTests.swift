import Foundation
import Testing
import TenetReporting

@Suite struct HTMLReportTests {
    @Test func containsTheFiguresChartsAndNoExternalReference() throws {
        let html = HTMLReport(try ReportFixture.model).render()
        for figure in ["45m 00s", "50m 00s", "-5m 00s (better)", "75.0%", "66.7%", "<= 1h", "&gt;= 70%", "mon 09:00", "1h 05m", "15m 00s"] {
            // `<= 1h` is escaped like every text.
            let expected = figure.replacingOccurrences(of: "<", with: "&lt;")
            #expect(html.contains(expected), "\(figure)")
        }
        #expect(html.contains("<svg"))
        // One trend line per key metric with history (Speed, Quality), one distribution (the duration).
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.components(separatedBy: "role=\"img\"").count - 1 == 3)
        for forbidden in ["http://", "https://", "src=", "<script", "<link", "url("] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("@media print"))
        #expect(html.contains("<th scope=\"col\">Actual</th>"))
        #expect(html.contains("<title id=\"dist-value-Speed-0-t\">Distribution of first_response_time (calendar time), 4 measurements</title>"))
        // The percentile marks of 600, 1200, 2000, 3000 s: median 1600 s, p90 2700 s, p99 2970 s.
        #expect(html.contains("p50 26m 40s, p90 45m 00s, p99 49m 30s"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }

    @Test func textIsEscaped() throws {
        var model = try ReportFixture.model
        model.purpose = "<b>Bold</b> & \"quoted\""
        let html = HTMLReport(model).render()
        #expect(html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;"))
        #expect(!html.contains("<b>Bold"))
    }
}
