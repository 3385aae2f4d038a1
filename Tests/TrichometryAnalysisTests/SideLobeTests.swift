import XCTest
@testable import TrichometryAnalysis

/// The flank reading (`ShaftMeasurer.flankDepths`) and the side-lobe rule built on it (`SideLobeTest`).
final class SideLobeTests: XCTestCase {
    /// A model centred at 0, 4 px wide, σ 1: its flanks are read beyond 2 + 2 + 1 = 5 px.
    let model = ShaftProfileModel(x0: 0, width: 4, contrast: 0.3, b0: 1, b1: 0, sigma: 1, shape: 0.5)

    func profile(_ level: (Double) -> Double) -> ShaftMeasurer.MeanProfile {
        let offsets = stride(from: -20.0, through: 20, by: 0.5).map { $0 }
        return ShaftMeasurer.MeanProfile(offsets: offsets, values: offsets.map(level), samples: 50, noise: 0.002)
    }

    func testDarkShaftOnSkinIsDarkerOnBothSides() {
        let p = profile { abs($0) <= 2 ? 0.7 : 1 }
        let f = ShaftMeasurer.flankDepths(p, model: model, axis: 0.7, polarity: .darker)
        XCTAssertEqual(f.weaker, 0.3, accuracy: 1e-12)
        XCTAssertEqual(f.stronger, 0.3, accuracy: 1e-12)
        XCTAssertEqual(f.strongerLevel, 1, accuracy: 1e-12)
    }

    /// Skin at the axis' own level on the left, a white hair (1.4) from 6 px on the right: one-sided.
    func testFlankOfABrightHairIsOneSided() {
        let p = profile { $0 > 6 ? 1.4 : 0.98 }
        let f = ShaftMeasurer.flankDepths(p, model: model, axis: 0.97, polarity: .darker)
        XCTAssertEqual(f.weaker, 0.01, accuracy: 1e-9)
        XCTAssertEqual(f.stronger, 0.43, accuracy: 1e-9)
        XCTAssertEqual(f.strongerLevel, 1.4, accuracy: 1e-12)
    }

    /// A dark hair with another dark hair from 9 px: trimmed at the neighbour, the near side reads the skin
    /// between the two, not the neighbour.
    func testNeighbourOfTheSamePolarityIsTrimmedAway() {
        let p = profile { u in abs(u) <= 2 ? 0.7 : (u >= 9 && u <= 13 ? 0.7 : 1) }
        let trimmed = ShaftMeasurer.trimmedAtNeighbours(p, polarity: .darker)
        let f = ShaftMeasurer.flankDepths(trimmed, model: model, axis: 0.7, polarity: .darker)
        XCTAssertEqual(f.weaker, 0.3, accuracy: 1e-12)
        XCTAssertEqual(f.stronger, 0.3, accuracy: 1e-12)
    }

    /// A bright line's flank beside a dark hair, mirrored: one-sided for the lighter polarity.
    func testLighterFlankOfADarkHairIsOneSided() {
        let p = profile { $0 < -6 ? 0.5 : 1.02 }
        let f = ShaftMeasurer.flankDepths(p, model: model, axis: 1.03, polarity: .lighter)
        XCTAssertEqual(f.weaker, 0.01, accuracy: 1e-9)
        XCTAssertEqual(f.stronger, 0.53, accuracy: 1e-9)
        XCTAssertEqual(f.strongerLevel, 0.5, accuracy: 1e-12)
    }

    func measurement(y: Double, length: Double = 120, diameter: Double, polarity: ShaftPolarity,
                     weaker: Double, stronger: Double, strongerLevel: Double) -> ShaftMeasurer.Measurement {
        let points = stride(from: 0.0, through: length, by: 1).map { PixelPoint(x: 20 + $0, y: y) }
        let path = ShaftPath(points: points, startKind: .tip, endKind: .tip, crossings: [], radiusEstimate: 0.5 * diameter,
                             polarity: polarity)
        return ShaftMeasurer.Measurement(path: path, centerline: points, lengthPixels: length, diameterPixels: diameter,
                                         contrast: polarity == .darker ? 0.2 : -0.2, signalToNoise: 30, profileSamples: 100,
                                         fitRMS: 0.01, skinTransmission: 1, axisTransmission: polarity == .darker ? 0.8 : 1.2,
                                         startTruncated: false, endTruncated: false,
                                         weakerFlankDepth: weaker, strongerFlankDepth: stronger, strongerFlankLevel: strongerLevel)
    }

    func testOneSidedLineAlongAWhiteHairIsDroppedAndAHairBesideItKept() {
        let white = measurement(y: 50, length: 300, diameter: 18, polarity: .lighter, weaker: 0.3, stronger: 0.32, strongerLevel: 1)
        // As wide as the hair itself, 16 px from its axis: too wide for `absorbRims`' thin rims.
        let lobe = measurement(y: 66, diameter: 14, polarity: .darker, weaker: 0.01, stronger: 0.4, strongerLevel: 1.38)
        let hair = measurement(y: 68, diameter: 14, polarity: .darker, weaker: 0.25, stronger: 0.6, strongerLevel: 1.35)
        let farLobe = measurement(y: 120, diameter: 14, polarity: .darker, weaker: 0.01, stronger: 0.4, strongerLevel: 1.38)
        XCTAssertTrue(SideLobeTest.isOneSided(lobe))
        XCTAssertFalse(SideLobeTest.isOneSided(hair))
        XCTAssertTrue(SideLobeTest.isOneSided(farLobe))
        let kept = SideLobeTest.absorb([white, lobe, hair, farLobe])
        XCTAssertEqual(kept.map { $0.centerline[0].y }, [50, 68, 120])
        // Against a shaft of its own polarity a one-sided reading means nothing here.
        let dark = measurement(y: 50, length: 300, diameter: 18, polarity: .darker, weaker: 0.3, stronger: 0.32, strongerLevel: 1)
        XCTAssertEqual(SideLobeTest.absorb([dark, lobe]).count, 2)
    }

    /// The one-sided reading alone: skin on the weak side but a merely darker (not bright) strong side is a
    /// hair at the edge of a shadow, not a lobe.
    func testOneSidedNeedsABrightNeighbour() {
        let m = measurement(y: 50, diameter: 8, polarity: .darker, weaker: 0.01, stronger: 0.4, strongerLevel: 1.02)
        XCTAssertFalse(SideLobeTest.isOneSided(m))
    }
}
