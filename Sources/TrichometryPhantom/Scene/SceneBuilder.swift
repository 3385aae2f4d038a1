#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lays out a phantom scene from a request: field, skin, follicular units, hairs, artifacts.
/// Each part draws from its own random stream so that tuning one part leaves the others unchanged.
enum SceneBuilder {
    static func build(_ request: PhantomRequest) -> PhantomScene {
        let seed = request.imageSeed
        var layoutRng = PhantomRandom(seed: seed, stream: "layout")
        let preset = request.preset
        let recipe = PresetRecipe.recipe(for: preset)
        let umPerPx = request.umPerPx ?? (layoutRng.uniform(preset.umPerPxRange) * 100).rounded() / 100
        let width = request.width, height = request.height
        let pxPerMm = 1000 / umPerPx

        let field = makeField(width: width, height: height, recipe: recipe, rng: &layoutRng)
        var skinRng = PhantomRandom(seed: seed, stream: "skin")
        let skin = makeSkin(recipe: recipe, umPerPx: umPerPx, rng: &skinRng)

        var scene = PhantomScene(width: width, height: height, umPerPx: umPerPx, field: field, skin: skin,
                                 hairs: [], paintOrder: [], openings: [], furrows: [], capillaries: [],
                                 optics: OpticsLook(blurSigmaPx: 0.7, defocusSigmaPx: 0, defocusAngle: 0,
                                                    vignetting: 0, gradient: 0, gradientAngle: 0,
                                                    noiseSigma: 0.008, whiteBalance: Colour(1, 1, 1), seed: 0),
                                 artifacts: ArtifactLook(), daysSinceClipping: nil)

        var hairRng = PhantomRandom(seed: seed, stream: "hairs")
        if preset == .calibration {
            placeCalibrationShafts(into: &scene, rng: &hairRng)
        } else {
            placeFollicularUnits(into: &scene, recipe: recipe, pxPerMm: pxPerMm, rng: &hairRng)
        }

        var lineRng = PhantomRandom(seed: seed, stream: "skin-lines")
        if !recipe.cleanSkin {
            scene.furrows = makeFurrows(width: width, height: height, pxPerMm: pxPerMm, umPerPx: umPerPx, rng: &lineRng)
            scene.capillaries = makeCapillaries(width: width, height: height, pxPerMm: pxPerMm, umPerPx: umPerPx, rng: &lineRng)
        }

        var opticsRng = PhantomRandom(seed: seed, stream: "optics")
        scene.optics = makeOptics(recipe: recipe, rng: &opticsRng)
        var artifactRng = PhantomRandom(seed: seed, stream: "artifacts")
        scene.artifacts = makeArtifacts(scene: scene, recipe: recipe, rng: &artifactRng)
        return scene
    }

    // MARK: Field

    static func makeField(width: Int, height: Int, recipe: PresetRecipe, rng: inout PhantomRandom) -> FieldGeometry {
        var field = FieldGeometry(width: width, height: height, aperture: nil, banner: nil)
        let w = Double(width), h = Double(height)
        if rng.chance(recipe.apertureChance) {
            let halfDiagonal = 0.5 * (w * w + h * h).squareRoot()
            let radius = halfDiagonal * rng.uniform(0.74, 0.9)
            let centre = Point(0.5 * w + rng.uniform(-0.02, 0.02) * w, 0.5 * h + rng.uniform(-0.02, 0.02) * h)
            field.aperture = .init(centre: centre, radius: radius)
        }
        if rng.chance(recipe.bannerChance) {
            let bannerHeight = max(12, (h * rng.uniform(0.03, 0.045)).rounded())
            if rng.chance(0.7) {
                field.banner = .init(top: 0, bottom: bannerHeight)
            } else {
                field.banner = .init(top: h - bannerHeight, bottom: h)
            }
        }
        return field
    }

    // MARK: Skin

    static func makeSkin(recipe: PresetRecipe, umPerPx: Double, rng: inout PhantomRandom) -> SkinLook {
        // Pale pink-beige to tan and brown skin; light hair is mostly seen on pale or tan skin.
        let tones: [Colour] = [Colour(0.90, 0.76, 0.70), Colour(0.86, 0.70, 0.62), Colour(0.88, 0.74, 0.64),
                               Colour(0.78, 0.60, 0.49), Colour(0.62, 0.45, 0.35)]
        let weights: [Double]
        switch recipe.palette {
        case .light: weights = [0.35, 0.3, 0.25, 0.1, 0]
        case .calibration: weights = [0.4, 0.3, 0.3, 0, 0]
        default: weights = [0.25, 0.25, 0.2, 0.2, 0.1]
        }
        let tone = tones[rng.weightedIndex(weights)]
        let shade = rng.normal(mean: 1, sd: 0.03)
        let base = Colour(min(1, tone.x * shade), min(1, tone.y * shade * rng.normal(mean: 1, sd: 0.02)),
                          min(1, tone.z * shade * rng.normal(mean: 1, sd: 0.03)))
        let clean = recipe.cleanSkin
        return SkinLook(base: base,
                        textureAmplitude: clean ? 0.012 : rng.uniform(0.06, 0.1),
                        rednessAmplitude: clean ? 0.01 : rng.uniform(0.02, 0.06),
                        networkStrength: clean ? 0 : rng.uniform(0.02, 0.08),
                        networkCellPx: rng.uniform(130, 260) / umPerPx,
                        poreCount: clean ? 0 : rng.int(2...4),
                        scaleCount: clean ? 0 : rng.int(0...3),
                        speckleCount: clean ? 0 : rng.int(0...25),
                        brownDotsPerMm2: clean ? 0 : rng.uniform(0, 0.8),
                        poreRadiusPx: rng.uniform(7, 14) / umPerPx,
                        seed: rng.next())
    }

    // MARK: Hairs

    static func placeFollicularUnits(into scene: inout PhantomScene, recipe: PresetRecipe, pxPerMm: Double,
                                     rng: inout PhantomRandom) {
        let umPerPx = scene.umPerPx
        let margin = recipe.marginMm * pxPerMm
        let w = Double(scene.width), h = Double(scene.height)
        let extendedAreaCm2 = (w + 2 * margin) * (h + 2 * margin) * umPerPx * umPerPx * 1e-8
        let density = rng.uniform(recipe.densityPerCm2)
        let hairTarget = Int((density * extendedAreaCm2).rounded())
        let vellusFraction = rng.uniform(recipe.vellusFraction)
        let flow = rng.uniform(0, 2 * Double.pi)
        let subject = recipe.palette.subject(&rng)
        let meanUnitSize = zip(recipe.unitWeights, 1...).reduce(0.0) { $0 + $1.0 * Double($1.1) } / recipe.unitWeights.reduce(0, +)
        let unitSpacing = (1 / (density / meanUnitSize)).squareRoot() * 1e4 / umPerPx  // px
        var days: Double? = nil
        var telogenShare = 0.0
        if recipe.clipped {
            days = [2.0, 2.5, 3.0][rng.int(0...2)]
            telogenShare = rng.uniform(0.08, 0.22)
        }
        scene.daysSinceClipping = days

        var unitCentres: [Point] = []
        let minSpacing = 0.35 * unitSpacing
        var spacingGrid = SpacingGrid(origin: Point(-margin, -margin), width: w + 2 * margin, height: h + 2 * margin,
                                      spacing: minSpacing)
        var hairs: [HairShaft] = []
        var openings: [FollicleOpening] = []
        var unitId = 0
        while hairs.count < hairTarget {
            // Follicles keep some distance from each other: reject too-close openings a few times.
            var centre = Point(rng.uniform(-margin, w + margin), rng.uniform(-margin, h + margin))
            for _ in 0..<12 {
                if !spacingGrid.hasPoint(near: centre) { break }
                centre = Point(rng.uniform(-margin, w + margin), rng.uniform(-margin, h + margin))
            }
            unitCentres.append(centre)
            spacingGrid.insert(centre)
            let size = min(hairTarget - hairs.count, rng.weightedIndex(recipe.unitWeights) + 1)
            let unitAngle = flow + rng.normal() * recipe.unitSpreadDeg * Double.pi / 180
            var maxRadius = 0.0
            let across = Point(-sin(unitAngle), cos(unitAngle))
            for k in 0..<size {
                let vellus = rng.chance(vellusFraction)
                let diameter = drawDiameter(vellus: vellus, rng: &rng)
                let radius = 0.5 * diameter / umPerPx
                maxRadius = max(maxRadius, radius)
                // Hairs of one unit leave the opening side by side, a fraction of a diameter apart.
                let offset = (Double(k) - 0.5 * Double(size - 1)) * rng.uniform(0.5, 1.1) * 2 * radius * 0.6
                let emergence = centre + across * offset
                let angle = unitAngle + rng.normal() * recipe.intraUnitSpreadDeg * Double.pi / 180
                let hair = makeHair(emergence: emergence, angle: angle, diameterUm: diameter, vellus: vellus,
                                    unitId: unitId, recipe: recipe, subject: subject, days: days,
                                    telogenShare: telogenShare, pxPerMm: pxPerMm, skin: scene.skin.base, rng: &rng)
                hairs.append(hair)
            }
            openings.append(FollicleOpening(centre: centre, radiusPx: maxRadius * rng.uniform(1.15, 1.6) + rng.uniform(8, 20) / umPerPx,
                                            kind: .hairBearing, strength: rng.uniform(0.2, 0.45),
                                            halo: rng.chance(0.2) ? rng.uniform(0.05, 0.15) : 0))
            unitId += 1
        }
        // Empty openings and yellow dots: dark or yellowish dots that carry no hair.
        let emptyCount = Int(Double(unitCentres.count) * rng.uniform(0.1, 0.3))
        for _ in 0..<emptyCount {
            let centre = Point(rng.uniform(0, w), rng.uniform(0, h))
            let yellow = rng.chance(0.25)
            openings.append(FollicleOpening(centre: centre, radiusPx: rng.uniform(yellow ? 30 : 20, yellow ? 80 : 45) / umPerPx,
                                            kind: yellow ? .yellowDot : .empty, strength: rng.uniform(0.15, 0.4), halo: 0))
        }
        scene.hairs = hairs
        scene.openings = openings
        scene.paintOrder = shuffled(Array(hairs.indices), rng: &rng)
    }

    static func drawDiameter(vellus: Bool, rng: inout PhantomRandom) -> Double {
        if vellus { return (rng.uniform(10, 30) * 10).rounded() / 10 }
        // Mostly normal terminal shafts, with a share of thin "intermediate" ones.
        let d = rng.chance(0.8) ? rng.normal(mean: 68, sd: 11) : rng.uniform(31, 55)
        return (max(30.5, min(115, d)) * 10).rounded() / 10
    }

    static func makeHair(emergence: Point, angle: Double, diameterUm: Double, vellus: Bool, unitId: Int,
                         recipe: PresetRecipe, subject: HairPalette.Subject, days: Double?, telogenShare: Double,
                         pxPerMm: Double, skin: Colour, rng: inout PhantomRandom) -> HairShaft {
        let radius = 0.5 * diameterUm / (1000 / pxPerMm)
        var tracer = CurveTracer()
        var lengthMm: Double
        var phase: String? = nil
        var tip: HairTip
        if recipe.clipped, let days {
            let telogen = rng.chance(telogenShare)
            phase = telogen ? "telogen" : "anagen"
            if telogen {
                lengthMm = rng.uniform(0.1, 0.35)
            } else {
                let residual = rng.uniform(0.05, 0.25), growthPerDay = rng.uniform(0.28, 0.38)
                lengthMm = max(0.6, min(1.3, residual + growthPerDay * days))
            }
            tracer.baseCurvature = rng.normal() / (8 * pxPerMm)
            tip = .cut(slant: rng.uniform(-0.7, 0.7), ragged: radius * rng.uniform(0.08, 0.25))
        } else {
            lengthMm = rng.uniform(vellus ? recipe.vellusLengthMm : recipe.terminalLengthMm)
            // A few terminal hairs are short: regrowing after shedding, or broken.
            if !vellus, rng.chance(0.06) { lengthMm = rng.uniform(0.2, 0.8) }
            let bend = vellus ? 1.2 : 4.0
            tracer.baseCurvature = rng.normal() / (bend * pxPerMm)
            tracer.wobble = CurveTracer.wobble(&rng, curvature: 1 / ((vellus ? 1.0 : 3.0) * pxPerMm),
                                               wavelengths: (0.8 * pxPerMm)...(3 * pxPerMm))
            if rng.chance(recipe.curlyFraction) {
                tracer.curlCurvature = 1 / (rng.uniform(0.22, 0.5) * pxPerMm)
                tracer.curlWavelength = rng.uniform(0.7, 1.6) * pxPerMm
                tracer.curlPhase = rng.uniform(0, 2 * Double.pi)
            }
            tip = vellus || rng.chance(0.15) ? .tapered(lengthPx: rng.uniform(0.15, 0.4) * pxPerMm)
                                              : .cut(slant: rng.uniform(-0.5, 0.5), ragged: radius * rng.uniform(0.03, 0.12))
        }
        let path = tracer.trace(from: emergence, angle: angle, length: lengthMm * pxPerMm)
        var look = recipe.palette.look(subject: subject, diameterUm: diameterUm, vellus: vellus, rng: &rng)
        look.ellipticity = rng.uniform(0, vellus ? 0.04 : 0.07)
        look.twistWavelengthPx = rng.uniform(0.4, 1.2) * pxPerMm
        if !recipe.clipped, !vellus, lengthMm > 1.5, rng.chance(0.35) {
            look.liftBlurPx = rng.uniform(1.0, 2.5)
            look.liftStartFraction = rng.uniform(0.4, 0.7)
        }

        // The root runs on under the skin, backwards from the opening, and shows as a bluish shadow.
        var rootTracer = CurveTracer()
        rootTracer.baseCurvature = rng.normal() / (2 * pxPerMm)
        let telogen = phase == "telogen"
        let rootLengthMm = telogen ? rng.uniform(0.15, 0.4)
            : (vellus ? rng.uniform(0.2, 0.5) : (recipe.clipped ? rng.uniform(0.6, 1.8) : rng.uniform(0.4, 1.2)))
        let rootAngle = angle + Double.pi + rng.normal() * 0.08
        let rootPath = rootTracer.trace(from: emergence, angle: rootAngle, length: rootLengthMm * pxPerMm)
        // Unpigmented (white, blond) roots cast little shadow; dark roots cast the most.
        let pigmentation = max(0.15, 1 - luminance(look.colour))
        let strength = (telogen || vellus ? rng.uniform(0.12, 0.25) : rng.uniform(0.25, 0.5)) * (recipe.clipped ? 1 : 0.8) * pigmentation
        let shadow = RootShadow(path: rootPath, widthPx: radius * 2 * rng.uniform(1.2, 1.7), strength: strength,
                                fadePx: rootLengthMm * pxPerMm * rng.uniform(0.3, 0.5))
        return HairShaft(path: path, diameterUm: diameterUm, radiusPx: radius, look: look, tip: tip,
                         unitId: unitId, phase: phase, lighterThanSkin: isLighter(look: look, skin: skin),
                         rootShadow: shadow, detailSeed: rng.next())
    }

    /// Whether the shaft's core appears lighter than the skin around it.
    static func isLighter(look: HairLook, skin: Colour) -> Bool {
        let transmission = exp(-look.opticalDepth)
        let core = skin * transmission + look.colour * (1 - transmission)
        return luminance(core) > luminance(skin)
    }

    static func luminance(_ c: Colour) -> Double { 0.2126 * c.x + 0.7152 * c.y + 0.0722 * c.z }

    static func placeCalibrationShafts(into scene: inout PhantomScene, rng: inout PhantomRandom) {
        let w = Double(scene.width), h = Double(scene.height)
        let diameters = stride(from: 10.0, through: 120.0, by: 10.0).map { $0 }
        let order = shuffled(Array(diameters.indices), rng: &rng)
        // Parallel shafts, either roughly horizontal or roughly vertical, evenly spaced across the frame.
        let vertical = rng.chance(0.5)
        let tilt = rng.uniform(-0.35, 0.35)
        let angle = (vertical ? 0.5 * Double.pi : 0) + tilt
        let direction = Point(cos(angle), sin(angle))
        let normal = Point(-direction.y, direction.x)
        let centre = Point(0.5 * w, 0.5 * h)
        let extentAcross = abs(normal.x) * w + abs(normal.y) * h
        let spacing = extentAcross / Double(diameters.count + 1)
        let subject = HairPalette.calibration.subject(&rng)
        var hairs: [HairShaft] = []
        for (slot, index) in order.enumerated() {
            let diameter = diameters[index]
            let offset = (Double(slot) - 0.5 * Double(diameters.count - 1)) * spacing
            let through = centre + normal * offset
            // Run the shaft from just outside one edge of the frame to just outside the other.
            let reach = 0.5 * (w + h)
            let start = through - direction * reach
            let path = CurveTracer().trace(from: start, angle: angle, length: 2 * reach)
            let look = HairPalette.calibration.look(subject: subject, diameterUm: diameter, vellus: diameter <= 30, rng: &rng)
            let radius = 0.5 * diameter / scene.umPerPx
            hairs.append(HairShaft(path: path, diameterUm: diameter, radiusPx: radius, look: look, tip: .cut(slant: 0, ragged: 0),
                                   unitId: slot, phase: nil, lighterThanSkin: isLighter(look: look, skin: scene.skin.base),
                                   rootShadow: RootShadow(path: [], widthPx: 0, strength: 0, fadePx: 1),
                                   detailSeed: rng.next()))
        }
        scene.hairs = hairs
        scene.paintOrder = Array(hairs.indices)
    }

    // MARK: Skin lines

    static func makeFurrows(width: Int, height: Int, pxPerMm: Double, umPerPx: Double,
                            rng: inout PhantomRandom) -> [SkinLine] {
        let w = Double(width), h = Double(height)
        let areaMm2 = w * h / (pxPerMm * pxPerMm)
        let count = Int(areaMm2 * rng.uniform(1.2, 2.5)) + 4
        // Skin lines run mostly in two crossing directions, forming a loose rhomboid mesh.
        let first = rng.uniform(0, Double.pi)
        let second = first + rng.uniform(0.9, 1.6)
        var lines: [SkinLine] = []
        for _ in 0..<min(count, 400) {
            let angle = (rng.chance(0.6) ? first : second) + rng.normal() * 0.2 + (rng.chance(0.5) ? Double.pi : 0)
            let start = Point(rng.uniform(-0.1 * w, 1.1 * w), rng.uniform(-0.1 * h, 1.1 * h))
            var tracer = CurveTracer()
            tracer.wobble = CurveTracer.wobble(&rng, curvature: 1 / (1.5 * pxPerMm), wavelengths: (0.5 * pxPerMm)...(2 * pxPerMm))
            let length = rng.uniform(0.6, 3.5) * pxPerMm
            lines.append(SkinLine(path: tracer.trace(from: start, angle: angle, length: length),
                                  widthPx: max(0.6, rng.uniform(5, 18) / umPerPx),
                                  strength: rng.uniform(0.12, 0.35),
                                  tint: Colour(0.62, 0.55, 0.55), seed: rng.next()))
        }
        return lines
    }

    static func makeCapillaries(width: Int, height: Int, pxPerMm: Double, umPerPx: Double,
                                rng: inout PhantomRandom) -> [SkinLine] {
        let w = Double(width), h = Double(height)
        let areaMm2 = w * h / (pxPerMm * pxPerMm)
        let count = Int(areaMm2 * rng.uniform(0.3, 0.9)) + 1
        var lines: [SkinLine] = []
        for _ in 0..<min(count, 200) {
            var tracer = CurveTracer()
            tracer.wobble = CurveTracer.wobble(&rng, curvature: 1 / (0.3 * pxPerMm), wavelengths: (0.2 * pxPerMm)...(0.8 * pxPerMm))
            let start = Point(rng.uniform(0, w), rng.uniform(0, h))
            lines.append(SkinLine(path: tracer.trace(from: start, angle: rng.uniform(0, 2 * Double.pi),
                                                     length: rng.uniform(0.2, 1.2) * pxPerMm),
                                  widthPx: max(0.8, rng.uniform(6, 14) / umPerPx),
                                  strength: rng.uniform(0.08, 0.2),
                                  tint: Colour(0.95, 0.55, 0.62), seed: rng.next()))
        }
        return lines
    }

    // MARK: Optics and artifacts

    static func makeOptics(recipe: PresetRecipe, rng: inout PhantomRandom) -> OpticsLook {
        let heavy = recipe.artifacts
        var optics = OpticsLook(blurSigmaPx: heavy ? rng.uniform(0.8, 1.1) : rng.uniform(0.55, 0.9),
                          defocusSigmaPx: heavy ? rng.uniform(1.5, 3.5) : 0,
                          defocusAngle: rng.uniform(0, 2 * Double.pi),
                          vignetting: heavy ? rng.uniform(0.35, 0.55) : rng.uniform(0.05, 0.18),
                          gradient: heavy ? rng.uniform(0.2, 0.35) : rng.uniform(0, 0.08),
                          gradientAngle: rng.uniform(0, 2 * Double.pi),
                          noiseSigma: heavy ? rng.uniform(0.012, 0.02) : rng.uniform(0.005, 0.011),
                          whiteBalance: Colour(rng.normal(mean: 1, sd: 0.02), 1, rng.normal(mean: 1, sd: 0.03)),
                          seed: rng.next())
        if rng.chance(0.5) {
            optics.sharpenAmount = rng.uniform(0.15, 0.5)
            optics.sharpenSigmaPx = rng.uniform(1.0, 2.2)
        }
        if !heavy {
            optics.peripheralSoftness = rng.uniform(0.2, 0.8)
            optics.peripheralSigmaPx = rng.uniform(1.0, 1.8)
        }
        return optics
    }

    static func makeArtifacts(scene: PhantomScene, recipe: PresetRecipe, rng: inout PhantomRandom) -> ArtifactLook {
        var look = ArtifactLook()
        let w = Double(scene.width), h = Double(scene.height)
        let scale = min(w, h) / 1024
        if recipe.artifacts {
            for _ in 0..<rng.int(3...10) {
                let r = rng.uniform(6, 45) * scale
                look.glareSpots.append(GlareSpot(centre: Point(rng.uniform(0, w), rng.uniform(0, h)),
                                                 radii: Point(r, r * rng.uniform(0.4, 1)), angle: rng.uniform(0, Double.pi),
                                                 strength: rng.uniform(0.6, 1)))
            }
            for _ in 0..<rng.int(2...6) {
                let r = rng.uniform(18, 110) * scale
                look.bubbles.append(AirBubble(centre: Point(rng.uniform(0, w), rng.uniform(0, h)), radiusPx: r,
                                              rimWidthPx: max(1.5, r * rng.uniform(0.06, 0.12)),
                                              rimDarkness: rng.uniform(0.35, 0.6)))
            }
        }
        if recipe.artifacts, rng.chance(0.5) {
            let r = rng.uniform(0.08, 0.2) * min(w, h)
            look.annotation = (Point(rng.uniform(0.25, 0.75) * w, rng.uniform(0.25, 0.75) * h), r, max(1.5, 2.5 * scale))
        }
        if scene.field.banner != nil {
            let devices = ["TRICHOCAM HD", "DERMASCOPE PRO", "FOTOFINDER", "SCALP CAM 2", "DINO-LITE"]
            let magnification = recipe.clipped ? "X20" : (rng.chance(0.5) ? "X60" : "X70")
            let text = "\(devices[rng.int(0...(devices.count - 1))])  ID:\(rng.int(10000...99999))  " +
                "2026-\(twoDigits(rng.int(1...12)))-\(twoDigits(rng.int(1...28))) " +
                "\(twoDigits(rng.int(8...18))):\(twoDigits(rng.int(0...59)))  \(magnification)  " +
                "\(scene.width)X\(scene.height)  " +
                "\(rng.chance(0.5) ? "LEFT" : "RIGHT") \(rng.chance(0.5) ? "VERTEX" : "FRONTAL")"
            look.bannerText = text
            look.bannerBackground = rng.chance(0.7) ? Colour(0.02, 0.02, 0.02) : Colour(0.18, 0.18, 0.2)
            look.bannerInk = rng.chance(0.7) ? Colour(0.97, 0.97, 0.97) : Colour(0.98, 0.9, 0.3)
        }
        return look
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Fisher–Yates with the phantom's own random stream.
    static func shuffled<T>(_ items: [T], rng: inout PhantomRandom) -> [T] {
        var out = items
        if out.count < 2 { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            let j = rng.int(0...i)
            out.swapAt(i, j)
        }
        return out
    }
}
