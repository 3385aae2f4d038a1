import XCTest
@testable import TrichometryAnalysis

/// Which end of a hair leaves the skin, and which hairs share an opening (`FollicularUnitGrouper`).
final class FollicularUnitGrouperTests: XCTestCase {
    func line(_ a: (Double, Double), _ b: (Double, Double)) -> [PixelPoint] {
        let n = Int((hypot(b.0 - a.0, b.1 - a.1)).rounded())
        return (0...n).map { k in
            let t = Double(k) / Double(n)
            return PixelPoint(x: a.0 + t * (b.0 - a.0), y: a.1 + t * (b.1 - a.1))
        }
    }

    func hair(_ points: [PixelPoint], startShared: Bool = false, endShared: Bool = false,
              halfWidth: Double = 4) -> FollicularUnitGrouper.Input {
        FollicularUnitGrouper.Input(start: points[0], end: points[points.count - 1], startShared: startShared,
                                    endShared: endShared, startTruncated: false, endTruncated: false,
                                    centerline: points, halfWidth: halfWidth)
    }

    /// Two hairs leave one opening at (20, 50) and lie together for 100 px; the second is traced only from
    /// where they part, a junction on the first one's shaft. It forked off the first: one unit, and the
    /// junction is its emergence end, though its other end stopped at a junction too (a crossing).
    func testHairForkingOffAnotherOnesShaftSharesItsUnit() {
        let first = hair(line((20, 50), (260, 50)))
        let second = hair(line((240, 110), (120, 51)), startShared: true, endShared: true)
        let grouping = FollicularUnitGrouper.group([first, second], radius: 30)
        XCTAssertEqual(grouping.unitCount, 1)
        XCTAssertEqual(grouping.emergenceAtStart, [true, false])
        // The same in the other order, and with the first hair's opening at its end (traced tip first).
        let reversed = FollicularUnitGrouper.group([second, first], radius: 30)
        XCTAssertEqual(reversed.unitCount, 1)
        XCTAssertEqual(reversed.emergenceAtStart, [false, true])
        let tipFirst = hair(line((260, 50), (20, 50)), endShared: true)
        let flipped = FollicularUnitGrouper.group([tipFirst, second], radius: 30)
        XCTAssertEqual(flipped.unitCount, 1)
        XCTAssertEqual(flipped.emergenceAtStart, [false, false])
    }

    /// Two hairs of one unit outside the frame cross its left edge together (cut there) and fan out, their sharp
    /// tips 120 px apart: the cut ends stand for their opening, and they are one unit. A free end that fades
    /// softly, or whose fade could not be read, is still taken for the opening, as before.
    func testSharpTipsOppositeFrameCutsPutTheOpeningBeyondTheFrame() {
        func entering(_ tip: (Double, Double), tipFade: Double?) -> FollicularUnitGrouper.Input {
            var h = hair(line((0.5, 100), tip))
            h.startTruncated = true
            h.endSoftness = tipFade
            return h
        }
        let sharp = FollicularUnitGrouper.group([entering((300, 40), tipFade: 2.5), entering((300, 160), tipFade: 3)], radius: 30)
        XCTAssertEqual(sharp.emergenceAtStart, [true, true])
        XCTAssertEqual(sharp.unitCount, 1)
        let soft = FollicularUnitGrouper.group([entering((300, 40), tipFade: 14), entering((300, 160), tipFade: nil)], radius: 30)
        XCTAssertEqual(soft.emergenceAtStart, [false, false])
        XCTAssertEqual(soft.unitCount, 2)
    }

    /// The end that fades out softly is the opening: it outweighs a junction at the other end, not another
    /// hair's end beside the sharp one, and an unclear difference changes nothing.
    func testSofterEndIsTheOpening() {
        var single = hair(line((20, 50), (200, 50)))
        single.startSoftness = 2; single.endSoftness = 12
        XCTAssertEqual(FollicularUnitGrouper.group([single], radius: 30).emergenceAtStart, [false])
        var atJunction = single
        atJunction.startShared = true
        XCTAssertEqual(FollicularUnitGrouper.group([atJunction], radius: 30).emergenceAtStart, [false])
        var unclear = atJunction
        unclear.endSoftness = 5
        XCTAssertEqual(FollicularUnitGrouper.group([unclear], radius: 30).emergenceAtStart, [true])
        // A second hair ending 10 px from the sharp end: two hairs from one opening, whatever the fades say.
        let mate = hair(line((25, 58), (180, 150)))
        XCTAssertEqual(FollicularUnitGrouper.group([single, mate], radius: 30).emergenceAtStart, [true, true])
        XCTAssertEqual(FollicularUnitGrouper.softerEnd(start: 3, end: 8), false)
        XCTAssertNil(FollicularUnitGrouper.softerEnd(start: 3, end: 7.9))
        XCTAssertNil(FollicularUnitGrouper.softerEnd(start: nil, end: 20))
    }

    /// A piece carrying on from just beyond another hair's tip (a hair broken at a crossing) is not a fork of
    /// it. (The unit radius is kept below the gap so that only the fork rule could join them.)
    func testPieceBeyondAnotherHairsTipIsNoFork() {
        let first = hair(line((20, 50), (200, 50)))
        let piece = hair(line((205, 50), (300, 52)), startShared: true)
        XCTAssertEqual(FollicularUnitGrouper.group([first, piece], radius: 3).unitCount, 2)
    }

    /// The same junction end, but the second hair meets the first at a steep angle (a T: it ends under or
    /// against it), or runs back towards the first one's opening: separate units.
    func testHairMeetingAnotherSteeplyOrBackwardsIsItsOwnUnit() {
        let first = hair(line((20, 50), (260, 50)))
        let steep = hair(line((120, 54), (150, 200)), startShared: true)
        XCTAssertEqual(FollicularUnitGrouper.group([first, steep], radius: 30).unitCount, 2)
        let backwards = hair(line((120, 51), (10, 110)), startShared: true)
        XCTAssertEqual(FollicularUnitGrouper.group([first, backwards], radius: 30).unitCount, 2)
        // A plain tip lying on another hair (no junction there) is not a fork either.
        let tip = hair(line((120, 51), (240, 110)))
        XCTAssertEqual(FollicularUnitGrouper.group([first, tip], radius: 30).unitCount, 2)
    }

    /// Hairs whose emergence ends lie within the radius share a unit, whatever their direction.
    func testNearbyEmergencePointsShareAUnit() {
        let a = hair(line((100, 100), (100, 300)), startShared: true)
        let b = hair(line((110, 100), (300, 120)), startShared: true)
        let c = hair(line((400, 400), (600, 400)))
        let grouping = FollicularUnitGrouper.group([a, b, c], radius: 30)
        XCTAssertEqual(grouping.unitCount, 2)
        XCTAssertEqual(grouping.unitOfHair[0], grouping.unitOfHair[1])
        XCTAssertNotEqual(grouping.unitOfHair[0], grouping.unitOfHair[2])
    }
}
