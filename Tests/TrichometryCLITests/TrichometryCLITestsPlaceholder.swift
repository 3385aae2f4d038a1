import XCTest
final class TrichometryCLITestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
