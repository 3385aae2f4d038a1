import XCTest
final class TrichometryPhantomTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
