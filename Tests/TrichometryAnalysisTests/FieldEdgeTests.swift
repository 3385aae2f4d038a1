import XCTest
@testable import TrichometryAnalysis

/// `FieldEdgeTest.runsAlongRim`: a detection lying along the excluded region's rim for most of its length is
/// the rim; the stretch of it within reach of the image's frame tells neither way.
final class FieldEdgeTests: XCTestCase {
    let (w, h) = (200, 100)

    /// Distance to the field's edge with columns x < 20 excluded (distance 0 there), the frame included.
    func distanceToEdge() -> [Float] {
        var d = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let frame = Float(min(min(x, w - 1 - x), min(y, h - 1 - y))) + 0.5
                d[y * w + x] = x < 20 ? 0 : min(Float(x - 20) + 0.5, frame)
            }
        }
        return d
    }

    func measurement(_ points: [PixelPoint]) -> ShaftMeasurer.Measurement {
        let path = ShaftPath(points: points, startKind: .tip, endKind: .tip, crossings: [], radiusEstimate: 2, polarity: .darker)
        return ShaftMeasurer.Measurement(path: path, centerline: points, lengthPixels: Double(points.count), diameterPixels: 4,
                                         contrast: 0.3, signalToNoise: 50, profileSamples: 50, fitRMS: 0.01,
                                         skinTransmission: 1, axisTransmission: 0.7, startTruncated: false, endTruncated: false)
    }

    /// A trace 4 px inside the rim, running down it into the bottom frame: 60 points along the rim clear of
    /// the frame, then 40 within reach of the frame. Judged on the 60, it is the rim; counting the 40 against it
    /// (as before) left it at 60 % and a hair.
    func testRimTraceRunningIntoTheFrameIsTheRim() {
        let along = (0..<60).map { PixelPoint(x: 24.5, y: 30.5 + Double($0) * 0.25) }
        let intoFrame = (0..<40).map { PixelPoint(x: 24.5 + Double($0) * 0.1, y: 95.5 + Double($0) * 0.1) }
        XCTAssertTrue(FieldEdgeTest.runsAlongRim(measurement(along + intoFrame), distanceToEdge: distanceToEdge(), width: w, height: h))
    }

    /// A hair crossing the field towards the rim and ending there is close to it only at its end.
    func testHairEndingAtTheRimIsNotTheRim() {
        let hair = (0..<100).map { PixelPoint(x: 21.5 + Double($0), y: 50.5) }
        XCTAssertFalse(FieldEdgeTest.runsAlongRim(measurement(hair), distanceToEdge: distanceToEdge(), width: w, height: h))
    }
}
