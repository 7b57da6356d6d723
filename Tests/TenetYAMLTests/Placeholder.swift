import Testing
@testable import TenetYAML
