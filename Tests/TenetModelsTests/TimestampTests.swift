import Testing
import TenetModels

@Suite("Timestamps and durations")
struct TimestampTests {
    @Test("RFC 3339 in UTC with milliseconds", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(1_795_335_616_123_456_789), "2026-11-22T08:20:16.123Z"),
        (Int64(951_782_400_000_000_000), "2000-02-29T00:00:00.000Z"),
        (Int64(-1_000_000), "1969-12-31T23:59:59.999Z"),
    ])
    func formats(nanoseconds: Int64, expected: String) {
        #expect(Timestamp(nanosecondsSinceEpoch: nanoseconds).rfc3339 == expected)
    }

    @Test("now is a plausible time")
    func now() {
        let text = Timestamp.now().rfc3339
        #expect(text.count == 24)
        #expect(text.hasSuffix("Z"))
        #expect(text >= "2025")
    }

    @Test("durations as people write them", arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("5s", .seconds(5)),
        ("15m", .seconds(900)),
        ("4h", .seconds(14_400)),
        ("1h30m", .seconds(5_400)),
        ("2d", .seconds(172_800)),
        ("1.5", .milliseconds(1500)),
        (" 3s ", .seconds(3)),
        ("0", .zero),
    ])
    func parses(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test("text that is not a duration is refused", arguments: ["", "s", "5x", "-3s", "five", "5 s", "1h-2m"])
    func refuses(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("formatting picks the shortest exact unit")
    func formatsDurations() {
        #expect(DurationText.format(.milliseconds(250)) == "250ms")
        #expect(DurationText.format(.seconds(90)) == "90s")
        #expect(DurationText.format(.seconds(120)) == "2m")
        #expect(DurationText.format(.seconds(7200)) == "2h")
        #expect(DurationText.format(.zero) == "0s")
    }
}
