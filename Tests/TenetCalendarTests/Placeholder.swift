import Testing
@testable import TenetCalendar
