import XCTest
@testable import TrichometryAnalysis

/// `CrossingResolver.joinCollinearPieces` on hand-made pieces: which gaps close and which stay open.
final class PieceJoiningTests: XCTestCase {
    private func piece(_ points: [(Double, Double)], radius: Double) -> ShaftPath {
        ShaftPath(points: points.map { PixelPoint(x: $0.0, y: $0.1) }, startKind: .tip, endKind: .tip,
                  crossings: [], radiusEstimate: radius, polarity: .darker)
    }

    private func straight(x from: Int, to: Int, y: Double) -> [(Double, Double)] {
        (from...to).map { (Double($0) + 0.5, y) }
    }

    /// A vertical band of shaft mask (a thick hair lying across) over columns `x0..<x1`.
    private func band(width: Int, height: Int, x0: Int, x1: Int) -> ByteMask {
        var mask = ByteMask(width: width, height: height)
        for y in 0..<height { for x in x0..<x1 { mask.bits[y * width + x] = 1 } }
        return mask
    }

    /// A thin hair passing under a thick one: 60 px apart, beyond the open-gap limit (40 px for this
    /// width), but all except a few pixels of the gap lie on the other shaft's mask.
    func testPiecesHiddenUnderAThickerShaftJoin() {
        let left = piece(straight(x: 20, to: 100, y: 50.5), radius: 2)
        let right = piece(straight(x: 160, to: 240, y: 50.5), radius: 2)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right]).count, 2)
        let occluder = band(width: 260, height: 100, x0: 106, x1: 155)
        let joined = CrossingResolver.joinCollinearPieces([left, right], occluders: occluder)
        XCTAssertEqual(joined.count, 1)
        XCTAssertEqual(joined.first?.points.count, left.points.count + right.points.count)
    }

    /// Two parallel hairs on either side of a thick one do not join, however well the gap is covered.
    func testOccludedPiecesMustContinueEachOther() {
        let left = piece(straight(x: 20, to: 100, y: 50.5), radius: 2)
        let right = piece(straight(x: 160, to: 240, y: 64.5), radius: 2)
        let occluder = band(width: 260, height: 100, x0: 106, x1: 155)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right], occluders: occluder).count, 2)
    }

    /// A wide shaft cut by a hair lying over it: each piece's skeleton hooks towards a corner of the cut
    /// in its last few pixels. The straight parts line up, so the pieces join.
    func testPiecesWhoseEndsHookAtASlantedCutJoin() {
        let hookA = (1...10).map { (100.5 + Double($0), 50.5 + Double($0)) }       // ends at (110.5, 60.5)
        let hookB = (0..<10).map { (116.5 + Double($0), 40.5 + Double($0)) }       // starts at (116.5, 40.5)
        let left = piece(straight(x: 0, to: 100, y: 50.5) + hookA, radius: 9)
        let right = piece(hookB + straight(x: 126, to: 300, y: 50.5), radius: 9)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right]).count, 1)
    }

    /// A curved hair (a circle of 50 px radius, 185 µm at 3.7 µm/px) broken by a 7 px gap: the ends' directions,
    /// fitted over a dozen pixels behind each end, differ by nearly 30°, and the chord between the pieces leaves
    /// each at half that, as an arc's chord does, so they join. (At 40 px the fitted directions turn by more
    /// than the 30° a short gap may: a curl that tight is rare, and was traded for steadier directions.) Two
    /// straight pieces as far apart but offset sideways by 5 px (two hairs side by side, not one bending) do not.
    func testCurvedHairAcrossAShortGapJoins() {
        func arc(from a0: Double, to a1: Double) -> [(Double, Double)] {
            stride(from: a0, through: a1, by: 1.0 / 50).map { (t: Double) -> (Double, Double) in
                let x: Double = 100 + 50 * cos(t)
                let y: Double = 100 - 50 * sin(t)
                return (x, y)
            }
        }
        let left = piece(arc(from: 0.2, to: 1.5), radius: 2)
        let right = piece(arc(from: 1.65, to: 2.9), radius: 2)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right]).count, 1)
        let straightLeft = piece(straight(x: 20, to: 100, y: 50.5), radius: 2)
        let offsetRight = piece(straight(x: 106, to: 180, y: 55.5), radius: 2)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([straightLeft, offsetRight]).count, 2)
    }

    /// Gap evidence over a 200 × 60 field whose darkness along the line y = 30.5 (rows `band`) is `value(x)`.
    private func evidence(band: ClosedRange<Int>, _ value: (Int) -> Float) -> GapEvidence {
        let width = 200, height = 60
        var plane = FloatPlane(width: width, height: height)
        for x in 0..<width {
            for y in band { plane.samples[y * width + x] = value(x) }
        }
        return GapEvidence(darkness: plane, field: ByteMask(width: width, height: height, repeating: 1))
    }

    /// Two hairs in line, as hairs on a scalp often are, with bare skin between them stay two; a hair
    /// that only fades for a stretch is joined.
    func testGapMustShowTheShaft() {
        let left = piece(straight(x: 10, to: 80, y: 30.5), radius: 2)
        let right = piece(straight(x: 110, to: 180, y: 30.5), radius: 2)
        func darkness(gap value: Float) -> GapEvidence { evidence(band: 29...31) { ($0 > 80 && $0 < 110) ? value : 0.3 } }
        let bare = darkness(gap: 0)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right], evidence: bare).count, 2)
        let faded = darkness(gap: 0.15)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right], evidence: faded).count, 1)
        // Without evidence the geometry alone decides, as inside one segmentation pass.
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right]).count, 1)
    }

    /// A stub and the far fainter line running on from its end (its root seen through the skin, a furrow)
    /// stay apart, even in one segmentation pass where the geometry alone decides the rest; a piece of like
    /// contrast across the same gap joins.
    func testPiecesOfVeryDifferentContrastStayApart() {
        let stub = piece(straight(x: 110, to: 190, y: 30.5), radius: 3)
        let line = piece(straight(x: 10, to: 100, y: 30.5), radius: 3)
        func contrast(line value: Float) -> PieceContrast {
            PieceContrast(evidence: evidence(band: 28...32) { $0 > 105 ? 0.8 : value }, inColour: false)
        }
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([stub, line], contrast: contrast(line: 0.15)).count, 2)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([stub, line], contrast: contrast(line: 0.5)).count, 1)
        // At the final join the evidence's plane gives the contrasts.
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([stub, line], evidence: contrast(line: 0.15).evidence).count, 2)
        XCTAssertTrue(PieceContrast.similar(0.25, 0.75))
        XCTAssertFalse(PieceContrast.similar(0.25, 0.76))
        XCTAssertTrue(PieceContrast.similar(0, 0.9))
    }

    /// Two dark pieces 60 px apart (beyond the open-gap limit) whose gap lies on a shaft mask: they join when
    /// that mask is a shaft dark enough to hide them (a hair lying across), not when it is a faint streak (the
    /// root of the hair ahead, seen through the skin and running back from its opening, whose mask reaches the
    /// tip of the hair behind).
    func testOnlyAShaftStrongEnoughToHideThePiecesCoversTheirGap() {
        let left = piece(straight(x: 10, to: 70, y: 30.5), radius: 2)
        let right = piece(straight(x: 130, to: 190, y: 30.5), radius: 2)
        let covered = band(width: 200, height: 60, x0: 72, x1: 128)
        func gap(darkness value: Float) -> GapEvidence { evidence(band: 28...32) { ($0 > 70 && $0 < 130) ? value : 0.8 } }
        let underAHair = gap(darkness: 0.9)
        XCTAssertTrue(underAHair.canHide(30 * 200 + 100, strength: 0.8))
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right], occluders: covered, evidence: underAHair).count, 1)
        let alongAStreak = gap(darkness: 0.1)
        XCTAssertFalse(alongAStreak.canHide(30 * 200 + 100, strength: 0.8))
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right], occluders: covered, evidence: alongAStreak).count, 2)
        // A white hair lying across hides a dark one as well: it differs from the skin the other way.
        let underAWhiteHair = gap(darkness: -0.5)
        XCTAssertEqual(CrossingResolver.joinCollinearPieces([left, right], occluders: covered, evidence: underAWhiteHair).count, 1)
    }
}
