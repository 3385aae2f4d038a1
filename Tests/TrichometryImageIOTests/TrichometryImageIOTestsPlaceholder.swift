import XCTest
final class TrichometryImageIOTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
