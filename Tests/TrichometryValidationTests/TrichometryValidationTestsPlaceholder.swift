import XCTest
final class TrichometryValidationTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
