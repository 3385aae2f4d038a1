import XCTest
@testable import TrichometryPhantom

final class PhantomRandomTests: XCTestCase {
    func testSameSeedGivesSameStream() {
        var a = PhantomRandom(seed: 42), b = PhantomRandom(seed: 42)
        for _ in 0..<100 { XCTAssertEqual(a.next(), b.next()) }
    }

    func testKnownFirstValuePinsTheAlgorithm() {
        // xoshiro256** seeded by SplitMix64(0), checked against an independent implementation.
        // If this changes, every phantom changes: regenerate SampleImages and say so.
        var rng = PhantomRandom(seed: 0)
        XCTAssertEqual(rng.next(), 0x99EC_5F36_CB75_F2B4)
        XCTAssertNotEqual(PhantomRandom(seed: 1).peek(), PhantomRandom(seed: 0).peek())
    }

    func testStreamsAreIndependentOfEachOther() {
        var skin = PhantomRandom(seed: 7, stream: "skin"), hairs = PhantomRandom(seed: 7, stream: "hairs")
        XCTAssertNotEqual(skin.next(), hairs.next())
    }

    func testUniformStaysInRangeAndCoversIt() {
        var rng = PhantomRandom(seed: 3)
        var low = 1.0, high = 0.0
        for _ in 0..<10_000 {
            let u = rng.unit()
            XCTAssertGreaterThanOrEqual(u, 0); XCTAssertLessThan(u, 1)
            low = min(low, u); high = max(high, u)
        }
        XCTAssertLessThan(low, 0.01); XCTAssertGreaterThan(high, 0.99)
        for _ in 0..<1000 { XCTAssertTrue((3...5).contains(rng.int(3...5))) }
    }

    func testNormalHasUnitSpread() {
        var rng = PhantomRandom(seed: 11)
        let draws = (0..<20_000).map { _ in rng.normal() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
    }

    func testStringHashIsStable() {
        // FNV-1a reference value for "a".
        XCTAssertEqual(PhantomRandom.fnv1a("a"), 0xAF63_DC4C_8601_EC8C)
    }
}

extension PhantomRandom {
    func peek() -> UInt64 { var copy = self; return copy.next() }
}
