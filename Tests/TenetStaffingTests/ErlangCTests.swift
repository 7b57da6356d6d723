import Testing
@testable import TenetStaffing
