import TenetModels
import Testing

@Suite struct DurationTextDisplayTests {
    @Test(arguments: [
        (0.0, "0s"), (59.9, "59s"), (60, "1m"), (754, "12m"), (3600, "1h"), (3900, "1h05m"), (86_399, "23h59m"), (86_400, "1d"),
        (273_600, "3d04h"), (-720, "-12m"), (-0.4, "0s"), (-93_600, "-1d02h"), (.infinity, "-"), (.nan, "-"),
    ])
    func age(seconds: Double, text: String) {
        #expect(DurationText.age(seconds: seconds) == text)
    }

    @Test(arguments: [
        (45.0, "45s"), (59.6, "1m 00s"), (725, "12m 05s"), (12_000, "3h 20m"), (187_200, "2d 04h"), (-725, "-12m 05s"), (.nan, "-"),
    ])
    func figure(seconds: Double, text: String) {
        #expect(DurationText.figure(seconds: seconds) == text)
    }
}
