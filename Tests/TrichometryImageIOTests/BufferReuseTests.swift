import XCTest
@testable import TrichometryImageIO

final class BufferReuseTests: XCTestCase {
    /// On glibc the policy is accepted (a threshold above glibc's 32 MiB maximum would be refused), and
    /// large buffers still allocate, fill and free correctly afterwards.
    func testPolicyIsAppliedAndLargeBuffersStillWork() {
        #if canImport(Glibc)
        XCTAssertTrue(BufferReuse.keepFreedImageBuffers())
        #else
        XCTAssertFalse(BufferReuse.keepFreedImageBuffers())
        #endif
        for round in 0..<3 {
            var plane = [Float](repeating: 0, count: 6_000_000)   // 24 MB: below the threshold, from the heap
            plane[plane.count - 1] = Float(round)
            XCTAssertEqual(plane.reduce(0, +), Float(round))
        }
    }
}
