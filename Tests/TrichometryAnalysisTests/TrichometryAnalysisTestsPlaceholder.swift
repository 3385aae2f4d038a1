import XCTest
final class TrichometryAnalysisTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
