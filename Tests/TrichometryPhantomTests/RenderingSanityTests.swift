import XCTest
import TrichometryImageIO
@testable import TrichometryPhantom

final class RenderingSanityTests: XCTestCase {
    /// Renders a scene holding only one hair, then compares its centerline with skin beside it
    /// (medians over points along the middle half of the shaft; NaN when too few points are usable).
    func contrast(of hair: HairShaft, in scene: PhantomScene) -> (shaft: Double, skin: Double) {
        var single = scene
        single.hairs = [hair]
        single.paintOrder = [0]
        single.openings = []
        var pairs: [(Point, Point)] = []
        let path = hair.path
        let side = hair.radiusPx * 3 + 8
        let inImage = { (p: Point) in p.x >= 0 && p.y >= 0 && p.x < Double(scene.width) && p.y < Double(scene.height) }
        for k in stride(from: path.count / 4, to: path.count * 3 / 4, by: 7) {
            let p = path[k], q = path[min(path.count - 1, k + 1)]
            let d = q - p
            let len = (d.x * d.x + d.y * d.y).squareRoot()
            guard len > 0 else { continue }
            let beside = p + Point(-d.y / len, d.x / len) * side
            guard single.field.contains(p), single.field.contains(beside), inImage(p), inImage(beside) else { continue }
            pairs.append((p, beside))
        }
        guard pairs.count >= 3 else { return (.nan, .nan) }
        let image = PhantomGenerator.render(single)
        let shaft = pairs.map { PhantomTestSupport.luminance(image, Int($0.0.x), Int($0.0.y)) }
        let skin = pairs.map { PhantomTestSupport.luminance(image, Int($0.1.x), Int($0.1.y)) }
        return (PhantomTestSupport.median(shaft), PhantomTestSupport.median(skin))
    }

    func straightHair(in scene: PhantomScene, look: HairLook, diameterUm: Double) -> HairShaft {
        let y = Double(scene.height) / 2
        let path = CurveTracer().trace(from: Point(20, y), angle: 0.05, length: Double(scene.width) - 40)
        return HairShaft(path: path, diameterUm: diameterUm, radiusPx: diameterUm / 2 / scene.umPerPx, look: look,
                         tip: .cut(slant: 0, ragged: 0), unitId: 0, phase: nil,
                         lighterThanSkin: SceneBuilder.isLighter(look: look, skin: scene.skin.base),
                         rootShadow: RootShadow(path: [], widthPx: 0, strength: 0, fadePx: 1), detailSeed: 1)
    }

    func testDarkHairIsDarkerThanTheSkinBesideIt() {
        let scene = SceneBuilder.build(PhantomRequest(preset: .natural, seed: 3, width: 240, height: 160, umPerPx: 3))
        let look = HairLook(colour: Colour(0.1, 0.07, 0.05), opticalDepth: 3, specular: 0.03, pigmentVariation: 0.1)
        let hair = straightHair(in: scene, look: look, diameterUm: 70)
        XCTAssertFalse(hair.lighterThanSkin)
        let (shaft, skin) = contrast(of: hair, in: scene)
        XCTAssertLessThan(shaft, skin - 60, "dark shaft \(shaft) vs skin \(skin)")
    }

    func testWhiteHairIsLighterThanTheSkinBesideIt() {
        let scene = SceneBuilder.build(PhantomRequest(preset: .light, seed: 3, width: 240, height: 160, umPerPx: 3))
        let look = HairLook(colour: Colour(0.97, 0.96, 0.93), opticalDepth: 2.5, specular: 0.02, pigmentVariation: 0.05)
        let hair = straightHair(in: scene, look: look, diameterUm: 70)
        XCTAssertTrue(hair.lighterThanSkin)
        let (shaft, skin) = contrast(of: hair, in: scene)
        XCTAssertGreaterThan(shaft, skin + 8, "white shaft \(shaft) vs skin \(skin)")
    }

    func testGeneratedHairsAgreeWithTheirLighterThanSkinFlag() throws {
        var checked = 0
        for seed in UInt64(12)...UInt64(30) where checked < 4 {
            let scene = SceneBuilder.build(PhantomRequest(preset: .light, seed: seed, width: 320, height: 240))
            for hair in scene.hairs where PathMath.length(hair.path) > 150 && hair.diameterUm > 40 {
                // Skip hairs whose core is within a few percent of the skin: the flag is a close call there.
                let transmission = exp(-hair.look.opticalDepth)
                let core = scene.skin.base * transmission + hair.look.colour * (1 - transmission)
                guard abs(SceneBuilder.luminance(core) - SceneBuilder.luminance(scene.skin.base)) > 0.05 else { continue }
                let (shaft, skin) = contrast(of: hair, in: scene)
                guard shaft.isFinite, skin.isFinite else { continue }
                if hair.lighterThanSkin { XCTAssertGreaterThan(shaft, skin, "seed \(seed): \(hair.look)") } else { XCTAssertLessThan(shaft, skin) }
                checked += 1
                break
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 4)
    }

    func testThinnerShaftsAreFainter() {
        let scene = SceneBuilder.build(PhantomRequest(preset: .calibration, seed: 3, width: 240, height: 160, umPerPx: 3))
        var brown = HairLook(colour: Colour(0.15, 0.1, 0.07), opticalDepth: 0, specular: 0, pigmentVariation: 0)
        brown.opticalDepth = 3.5 * 15 / 70
        let thin = contrast(of: straightHair(in: scene, look: brown, diameterUm: 15), in: scene)
        brown.opticalDepth = 3.5
        let thick = contrast(of: straightHair(in: scene, look: brown, diameterUm: 70), in: scene)
        XCTAssertLessThan(thick.shaft - thick.skin, thin.shaft - thin.skin - 20)
        XCTAssertLessThan(thin.shaft, thin.skin - 3, "a vellus shaft is still visible")
    }

    func testApertureCornersAreBlackAndBannerIsBurntIn() throws {
        let sample = try PhantomTestSupport.sample(.artifacts, seed: 2, width: 320, height: 256)
        let scene = SceneBuilder.build(PhantomRequest(preset: .artifacts, seed: 2, width: 320, height: 256))
        let image = sample.image
        guard let banner = scene.field.banner, scene.field.aperture != nil else {
            return XCTFail("the artifacts preset always has an aperture and a banner")
        }
        // The two corners on the side away from the banner are outside the aperture.
        let y = banner.top < 1 ? image.height - 3 : 2
        for x in [2, image.width - 3] {
            XCTAssertLessThan(PhantomTestSupport.luminance(image, x, y), 14, "corner (\(x), \(y)) should be black")
        }
        // The banner rows hold the flat background and some text ink.
        let row = Int((banner.top + banner.bottom) / 2)
        let values = (0..<image.width).map { PhantomTestSupport.luminance(image, $0, row) }
        let background = SceneBuilder.luminance(scene.artifacts.bannerBackground) * 255
        XCTAssertGreaterThan(values.filter { abs($0 - background) < 2 }.count, image.width / 3)
        XCTAssertGreaterThan(values.filter { $0 > 150 }.count, 3, "banner text")
        XCTAssertLessThan(sample.truth.fieldAreaCm2,
                          Double(image.width * image.height) * sample.truth.umPerPx * sample.truth.umPerPx * 1e-8)
        XCTAssertTrue(sample.truth.image.hasSuffix(".jpg"))
    }

    func testImageHasTheRequestedShape() throws {
        let sample = try PhantomTestSupport.sample(.dense, width: 200, height: 150)
        XCTAssertEqual(sample.image.width, 200)
        XCTAssertEqual(sample.image.height, 150)
        XCTAssertEqual(sample.image.channels, 3)
        XCTAssertEqual(sample.truth.widthPx, 200)
        XCTAssertEqual(sample.truth.heightPx, 150)
    }
}
