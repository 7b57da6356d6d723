import Testing

@testable import TenetCalendar

@Suite struct ICalendarHolidaysTests {
    typealias F = Fixture

    @Test func readsAllDayEventsWithFoldingEscapesRangesAndYearlyRules() throws {
        let text = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Holidays//EN",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Berlin",
            "DTSTART:19700329T020000",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:1@example",
            "DTSTART;VALUE=DATE:20261224",
            "DTEND;VALUE=DATE:20261227",
            "SUMMARY:Christmas\\, closed \\; see\\nnotice \\\\ ",
            " (folded)",
            "BEGIN:VALARM",
            "DTSTART:20261223T090000",
            "END:VALARM",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART:20200101",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=1;BYMONTHDAY=1",
            "SUMMARY:New Year",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART;VALUE=DATE:20240229",
            "RRULE:FREQ=YEARLY;COUNT=3",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART;VALUE=DATE:20200501",
            "DURATION:P2D",
            "RRULE:FREQ=YEARLY;UNTIL=20250430",
            "X-CUSTOM;FOO=\"a:b\":ignored",
            "END:VEVENT",
            "BEGIN:VTODO",
            "DTSTART:20261201T100000",
            "END:VTODO",
            "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n"
        let holidays = try ICalendarHolidays.parse(text)
        let christmas = "Christmas, closed ; see\nnotice \\ (folded)"
        #expect(
            holidays == [
                Holiday(.date(F.date("2026-12-24")), name: christmas),
                Holiday(.date(F.date("2026-12-25")), name: christmas),
                Holiday(.date(F.date("2026-12-26")), name: christmas),
                Holiday(.yearly(month: 1, day: 1, from: 2020, until: nil), name: "New Year"),
                // COUNT=3 from a leap day: 2024, 2028, 2032.
                Holiday(.yearly(month: 2, day: 29, from: 2024, until: 2032)),
                // UNTIL=2025-04-30 is before May 1st 2025: the last occurrence is 2024's.
                Holiday(.yearly(month: 5, day: 1, from: 2020, until: 2024)),
                Holiday(.yearly(month: 5, day: 2, from: 2020, until: 2024)),
            ])
    }

    @Test func acceptsLineFeedsAndAYearlyEventAcrossTheNewYear() throws {
        let text = """
            BEGIN:VCALENDAR
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20251231
            DTEND;VALUE=DATE:20260102
            RRULE:FREQ=YEARLY;UNTIL=20271231T235959Z
            SUMMARY:Turn of the year
            END:VEVENT
            END:VCALENDAR
            """
        // Occurrences start Dec 31st of 2025, 2026, 2027 (UNTIL 2027-12-31): Jan 1st of 2026,
        // 2027 and 2028.
        #expect(
            try ICalendarHolidays.parse(text) == [
                Holiday(.yearly(month: 12, day: 31, from: 2025, until: 2027), name: "Turn of the year"),
                Holiday(.yearly(month: 1, day: 1, from: 2026, until: 2028), name: "Turn of the year"),
            ])
    }

    /// A calendar whose one VEVENT holds `lines`; the event's lines start at line 3.
    static func event(_ lines: String...) -> String {
        (["BEGIN:VCALENDAR", "BEGIN:VEVENT"] + lines + ["END:VEVENT", "END:VCALENDAR"]).joined(separator: "\n")
    }

    static func error(_ text: String) -> ICalendarError? {
        do {
            _ = try ICalendarHolidays.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyMistakeIsReportedWithItsLine() {
        let cases: [(text: String, code: ICalendarError.Code, line: Int, message: String)] = [
            (Self.event("DTSTART:20261225T090000Z"), .timedEvent, 3, "DTSTART `20261225T090000Z` has a time: only all-day events are holidays (DTSTART;VALUE=DATE:YYYYMMDD)"),
            (Self.event("DTSTART;VALUE=DATE-TIME:20261225"), .timedEvent, 3, "DTSTART `20261225` has a time: only all-day events are holidays (DTSTART;VALUE=DATE:YYYYMMDD)"),
            (Self.event("SUMMARY:No date"), .missingStart, 2, "the VEVENT begun here has no DTSTART: a holiday needs its date"),
            (Self.event("DTSTART;VALUE=DATE:20260230"), .badDate, 3, "DTSTART `20260230` is not a date: expected YYYYMMDD, such as 20261225"),
            (Self.event("DTSTART;VALUE=DATE:2026-12-25"), .badDate, 3, "DTSTART `2026-12-25` is not a date: expected YYYYMMDD, such as 20261225"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261225"), .badDate, 4,
             "DTEND 2026-12-25 is not after DTSTART 2026-12-25 (line 3): DTEND is the first day after the event"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=MONTHLY"), .unsupported, 4,
             "RRULE FREQ=MONTHLY is not supported: holidays repeat with FREQ=YEARLY only"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY;BYDAY=1MO"), .unsupported, 4,
             "RRULE part BYDAY=1MO is not supported: a yearly holiday falls on its DTSTART's month and day"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY;INTERVAL=2"), .unsupported, 4,
             "RRULE INTERVAL=2 is not supported: a yearly holiday repeats every year (INTERVAL=1)"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY;COUNT=2;UNTIL=20301225"), .conflict, 4,
             "RRULE has both UNTIL and COUNT: give one of them"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "RRULE:COUNT=2"), .syntax, 4, "RRULE without FREQ: expected RRULE:FREQ=YEARLY"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY;UNTIL=20251225"), .badDate, 4,
             "RRULE UNTIL=2025-12-25 is before DTSTART 2026-12-25: the holiday would never fall"),
            (Self.event("DTSTART;VALUE=DATE:20260227", "DTEND;VALUE=DATE:20260302", "RRULE:FREQ=YEARLY"), .unsupported, 5,
             "a yearly event of several days across the end of February is not supported (its days shift in leap years): split it into one-day events"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "EXDATE;VALUE=DATE:20271225"), .unsupported, 4,
             "EXDATE is not supported: give each holiday as its own VEVENT"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "DTSTART;VALUE=DATE:20261226"), .conflict, 4,
             "a second DTSTART in the VEVENT begun at line 2"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "DURATION:PT8H"), .unsupported, 4,
             "DURATION `PT8H` is not a whole number of days or weeks (P1D, P2W), as an all-day event needs"),
            (Self.event("DTSTART;VALUE=DATE:20261225", "this line has no colon"), .syntax, 4,
             "`this line has no colon` is not a property: expected NAME:VALUE"),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nEND:VCALENDAR", .unterminated, 4,
             "END:VCALENDAR where END:VEVENT was expected (BEGIN:VEVENT at line 2)"),
            ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\n", .unterminated, 3,
             "BEGIN:VEVENT is never closed: END:VEVENT is missing"),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR", .unterminated, 4,
             "BEGIN:VEVENT inside the VEVENT begun at line 2: END:VEVENT is missing before it"),
            ("VERSION:2.0\nBEGIN:VCALENDAR\nEND:VCALENDAR", .syntax, 1, "VERSION outside a calendar: an iCalendar file starts with BEGIN:VCALENDAR"),
            ("", .syntax, 1, "no BEGIN:VCALENDAR: not an iCalendar file"),
            ("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR", .unterminated, 3, "END:VCALENDAR without a BEGIN:VCALENDAR"),
        ]
        for (text, code, line, message) in cases {
            let error = Self.error(text)
            #expect(error == ICalendarError(code: code, line: line, message: message), "for:\n\(text)")
        }
    }

    @Test func foldedLinesReportTheLineTheyStartOn() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:A long\r\n  name\r\nDTSTART;VALUE=DATE:2026\r\n 1301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(Self.error(text) == ICalendarError(code: .badDate, line: 5, message: "DTSTART `20261301` is not a date: expected YYYYMMDD, such as 20261225"))
    }
}
