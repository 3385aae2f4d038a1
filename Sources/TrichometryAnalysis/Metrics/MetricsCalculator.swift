/// Stage 8: the per-image figures studies report, from the classified hairs and the analysed area.
enum MetricsCalculator {
    static func compute(hairs: [Hair], units: [FollicularUnit], areaCm2: Double?, calibrated: Bool,
                        phaseAssigned: Bool) -> ImageMetrics {
        var m = ImageMetrics()
        m.hairCount = hairs.count
        m.terminalCount = hairs.filter { $0.hairClass == .terminal }.count
        m.intermediateCount = hairs.filter { $0.hairClass == .intermediate }.count
        m.vellusCount = hairs.filter { $0.hairClass == .vellus }.count
        m.vellusPercent = hairs.isEmpty ? 0 : 100 * Double(m.vellusCount) / Double(hairs.count)
        m.truncatedCount = hairs.filter { $0.truncated }.count
        m.follicularUnitCount = units.count
        m.hairsPerUnit = units.isEmpty ? 0 : Double(hairs.count) / Double(units.count)
        var sizes = [0, 0, 0, 0]
        for u in units where u.hairCount > 0 { sizes[min(u.hairCount, 4) - 1] += 1 }
        m.unitSizeCounts = sizes
        if calibrated {
            let diameters = hairs.compactMap { $0.diameterMicrons }
            if !diameters.isEmpty {
                let mean = diameters.reduce(0, +) / Double(diameters.count)
                m.meanDiameterMicrons = mean
                let variance = diameters.count > 1
                    ? diameters.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(diameters.count - 1) : 0
                m.diameterSDMicrons = variance.squareRoot()
                m.thinHairPercent = 100 * Double(diameters.filter { $0 < 30 }.count) / Double(diameters.count)
            }
            if let area = areaCm2, area > 0 {
                m.densityPerCm2 = Double(m.hairCount) / area
                m.terminalDensityPerCm2 = Double(m.terminalCount) / area
                m.intermediateDensityPerCm2 = Double(m.intermediateCount) / area
                m.vellusDensityPerCm2 = Double(m.vellusCount) / area
                // Sum of diameters in mm per cm² of field.
                m.cumulativeThicknessMmPerCm2 = diameters.reduce(0, +) / 1000 / area
            }
        }
        if phaseAssigned {
            let anagen = hairs.filter { $0.phase == .anagen }.count
            let telogen = hairs.filter { $0.phase == .telogen }.count
            m.anagenCount = anagen
            m.telogenCount = telogen
            // No hair whose phase can be told: no share to report (0 % would read as "all telogen").
            m.anagenPercent = anagen + telogen > 0 ? 100 * Double(anagen) / Double(anagen + telogen) : nil
            m.phaseUndeterminedCount = hairs.count - anagen - telogen
            m.phaseInferredCount = hairs.filter(\.phaseInferred).count
        }
        return m
    }
}
