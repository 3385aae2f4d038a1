import TrichometryAnalysis
import TrichometryPhantom

/// Hand-made truth and analyses: straight hairs at known places, so every expected figure is arithmetic.
enum Fixtures {
    /// A truth hair along the straight line from `from` to `to` (pixels).
    static func truthHair(_ id: Int, from: (Double, Double), to: (Double, Double), diameterUm: Double = 60,
                          visibleLengthUm: Double = 500, counted: Bool = true, phase: String? = nil,
                          unit: Int = 0) -> PhantomTruth.Hair {
        PhantomTruth.Hair(id: id, centerline: [[from.0, from.1], [to.0, to.1]], diameterUm: diameterUm,
                          lengthUm: visibleLengthUm, visibleLengthUm: visibleLengthUm,
                          class: diameterUm <= 30 ? "vellus" : "terminal", phase: phase, unitId: unit,
                          emergence: [from.0, from.1], leavesFrame: false, counted: counted, lighterThanSkin: false)
    }

    static func truth(_ hairs: [PhantomTruth.Hair], preset: String = "natural", umPerPx: Double = 5,
                      width: Int = 200, height: Int = 200, fieldAreaCm2: Double = 0.01,
                      daysSinceClipping: Double? = nil, hairCount: Int? = nil, densityPerCm2: Double = 1000,
                      vellusPercent: Double = 0, units: Int = 1, anagen: Int? = nil, telogen: Int? = nil,
                      image: String = "image.png") -> PhantomTruth {
        let counted = hairs.filter(\.counted)
        let totals = PhantomTruth.Totals(
            hairCount: hairCount ?? counted.count, terminalCount: counted.filter { $0.class == "terminal" }.count,
            vellusCount: counted.filter { $0.class == "vellus" }.count, vellusPercent: vellusPercent,
            densityPerCm2: densityPerCm2, meanDiameterUm: 60, follicularUnitCount: units,
            anagenCount: anagen, telogenCount: telogen)
        return PhantomTruth(preset: preset, seed: 7, image: image, widthPx: width, heightPx: height, umPerPx: umPerPx,
                            fieldAreaCm2: fieldAreaCm2, daysSinceClipping: daysSinceClipping, hairs: hairs,
                            totals: totals)
    }

    /// A detected hair whose centerline midpoint is `at`.
    static func detected(_ id: Int, at: (Double, Double), diameterUm: Double = 60, lengthUm: Double = 500,
                         hairClass: HairClass = .terminal, phase: GrowthPhase? = nil, unit: Int = 1) -> Hair {
        let mid = PixelPoint(x: at.0, y: at.1)
        return Hair(id: id, centerline: [PixelPoint(x: at.0 - 5, y: at.1), mid, PixelPoint(x: at.0 + 5, y: at.1)],
                    midpoint: mid, lengthPixels: lengthUm / 5, diameterPixels: diameterUm / 5,
                    lengthMicrons: lengthUm, diameterMicrons: diameterUm, hairClass: hairClass, phase: phase,
                    polarity: .darker, unitID: unit, emergence: PixelPoint(x: at.0 - 5, y: at.1),
                    truncated: false, atJunction: false)
    }

    static func analysis(_ hairs: [Hair], width: Int = 200, height: Int = 200, umPerPx: Double = 5,
                         hairCount: Int? = nil, densityPerCm2: Double? = 1000, areaCm2: Double? = 0.01,
                         vellusPercent: Double = 0, units: Int = 1, anagenPercent: Double? = nil) -> ImageAnalysis {
        var metrics = ImageMetrics()
        metrics.hairCount = hairCount ?? hairs.count
        metrics.densityPerCm2 = densityPerCm2
        metrics.vellusPercent = vellusPercent
        metrics.follicularUnitCount = units
        metrics.anagenPercent = anagenPercent
        let n = width * height
        return ImageAnalysis(width: width, height: height, calibration: Calibration(micronsPerPixel: umPerPx),
                             fieldMask: [UInt8](repeating: 1, count: n), analyzedAreaPixels: n,
                             analyzedAreaCm2: areaCm2, hairMask: [UInt8](repeating: 0, count: n), hairs: hairs,
                             units: [], metrics: metrics)
    }
}
