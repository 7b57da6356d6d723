import Testing
@testable import TenetPhilosophy
