/// Reads the ground truth off the scene: what was drawn is what is recorded.
enum TruthBuilder {
    /// Hairs with at least this much shaft inside the valid field count toward the totals.
    static let countedLengthUm = 100.0
    /// Vellus when the diameter is at most this (the trichoscopy definition).
    static let vellusMaxDiameterUm = 30.0

    static func truth(for scene: PhantomScene, preset: PhantomPreset, seed: UInt64, imageName: String) -> PhantomTruth {
        let um = scene.umPerPx
        var hairs: [PhantomTruth.Hair] = []
        for shaft in scene.hairs {
            let (total, visible, leaves) = measure(shaft.path, field: scene.field)
            // A hair that never enters the valid field is not in the image: it has no truth.
            guard visible > 0 else { continue }
            let visibleUm = visible * um
            let centerline = PathMath.simplify(shaft.path, tolerance: 0.08).map { [round2($0.x), round2($0.y)] }
            let emergence = shaft.path[0]
            hairs.append(PhantomTruth.Hair(
                id: hairs.count + 1, centerline: centerline, diameterUm: shaft.diameterUm,
                lengthUm: round3(total * um), visibleLengthUm: round3(visibleUm),
                class: shaft.diameterUm <= vellusMaxDiameterUm ? "vellus" : "terminal",
                phase: shaft.phase, unitId: shaft.unitId + 1,
                emergence: [round2(emergence.x), round2(emergence.y)],
                leavesFrame: leaves, counted: visibleUm >= countedLengthUm, lighterThanSkin: shaft.lighterThanSkin))
        }
        let areaCm2 = scene.field.validAreaPx2 * um * um * 1e-8
        return PhantomTruth(preset: preset.rawValue, seed: seed, image: imageName, widthPx: scene.width,
                            heightPx: scene.height, umPerPx: um, fieldAreaCm2: areaCm2,
                            daysSinceClipping: scene.daysSinceClipping, hairs: hairs,
                            totals: totals(hairs, fieldAreaCm2: areaCm2, clipped: scene.daysSinceClipping != nil))
    }

    /// Totals over counted hairs only.
    static func totals(_ hairs: [PhantomTruth.Hair], fieldAreaCm2: Double, clipped: Bool) -> PhantomTruth.Totals {
        let counted = hairs.filter(\.counted)
        let vellus = counted.filter { $0.class == "vellus" }.count
        let n = counted.count
        let units = Set(counted.map(\.unitId)).count
        let meanDiameter = n == 0 ? 0 : counted.map(\.diameterUm).reduce(0, +) / Double(n)
        return PhantomTruth.Totals(
            hairCount: n, terminalCount: n - vellus, vellusCount: vellus,
            vellusPercent: n == 0 ? 0 : 100 * Double(vellus) / Double(n),
            densityPerCm2: fieldAreaCm2 > 0 ? Double(n) / fieldAreaCm2 : 0,
            meanDiameterUm: meanDiameter, follicularUnitCount: units,
            anagenCount: clipped ? counted.filter { $0.phase == "anagen" }.count : nil,
            telogenCount: clipped ? counted.filter { $0.phase == "telogen" }.count : nil)
    }

    /// Whole length, length inside the valid field, and whether any part lies outside it (pixels).
    static func measure(_ path: [Point], field: FieldGeometry) -> (Double, Double, Bool) {
        var total = 0.0, visible = 0.0
        var leaves = !field.contains(path[0])
        guard path.count >= 2 else { return (0, 0, leaves) }
        for i in 1..<path.count {
            let a = path[i - 1], b = path[i]
            let len = PathMath.distance(a, b)
            total += len
            // Points are half a pixel apart: split each step in four for the field test.
            for k in 0..<4 {
                let p = a + (b - a) * ((Double(k) + 0.5) / 4)
                if field.contains(p) { visible += len / 4 } else { leaves = true }
            }
        }
        return (total, visible, leaves)
    }

    static func round3(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
    static func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}
