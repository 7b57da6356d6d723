import Testing
import TenetReportServer

/// The report plugin's settings from its environment, and the errors that name the variable.
@Suite struct ReportSettingsTests {
    @Test func defaultsAreBothPeriodsEveryFormatTenPastMidnight() throws {
        let settings = try ReportSettings(variables: [:])
        #expect(settings.periods == [.day, .week])
        #expect(settings.formats == ["html", "md", "csv", "json"])
        #expect(settings.afterMinutes == 10)
        #expect(settings.retryInitial == .seconds(30) && settings.retryMax == .seconds(900))
    }

    @Test func variablesAreRead() throws {
        let settings = try ReportSettings(variables: [
            "TENET_REPORT_SCHEDULE": "weekly, daily", "TENET_REPORT_FORMATS": "json,markdown", "TENET_REPORT_AT": "06:45",
            "TENET_REPORT_RETRY": "5s", "TENET_REPORT_RETRY_MAX": "1m", "TENET_REPORT_HISTORY": "0", "TENET_REPORT_METRICS": "m2",
        ])
        #expect(settings.periods == [.day, .week])
        #expect(settings.formats == ["md", "json"])
        #expect(settings.afterMinutes == 6 * 60 + 45)
        #expect(settings.retryInitial == .seconds(5) && settings.retryMax == .seconds(60))
        #expect(settings.history == 0 && settings.metricsPlugin == "m2")
        #expect(try ReportSettings(variables: ["TENET_REPORT_SCHEDULE": "off"]).periods == [])
        #expect(try ReportSettings(variables: ["TENET_REPORT_SCHEDULE": "weekly"]).periods == [.week])
        #expect(ReportSettings.timeOfDayText(6 * 60 + 5) == "06:05")
    }

    @Test(arguments: [
        ("TENET_REPORT_AT", "24:00", "TENET_REPORT_AT: '24:00' is not a time of day HH:MM (00:00 to 23:59)"),
        ("TENET_REPORT_AT", "7:30", "TENET_REPORT_AT: '7:30' is not a time of day HH:MM (00:00 to 23:59)"),
        ("TENET_REPORT_SCHEDULE", "hourly", "TENET_REPORT_SCHEDULE: 'hourly' is not daily, weekly, daily,weekly or off (`hourly` is none of them)"),
        ("TENET_REPORT_FORMATS", "html,pdf", "TENET_REPORT_FORMATS: 'html,pdf' names `pdf`: use html, md, csv and json"),
        ("TENET_REPORT_RETRY", "soon", "TENET_REPORT_RETRY: 'soon' is not a positive duration such as 30s or 5m"),
        ("TENET_REPORT_HISTORY", "30", "TENET_REPORT_HISTORY: '30' is not a whole number from 0 to 24"),
    ])
    func aWrongValueNamesTheVariable(variable: String, value: String, message: String) {
        #expect(throws: ReportSettingsError.self) { try ReportSettings(variables: [variable: value]) }
        do {
            _ = try ReportSettings(variables: [variable: value])
        } catch {
            #expect(error.description == message)
            #expect(error.variable == variable)
        }
    }
}
