/// The numbers behind each preset: how many hairs, how thick, how long, how they lie.
struct PresetRecipe {
    var densityPerCm2: ClosedRange<Double>
    /// Relative frequency of follicular units of 1, 2, 3 and 4 hairs.
    var unitWeights: [Double]
    var vellusFraction: ClosedRange<Double>
    /// Band around the frame where hairs may emerge and still reach into the image (mm).
    var marginMm: Double
    /// Spread of unit directions around the scalp's hair stream (degrees, one standard deviation).
    var unitSpreadDeg: Double
    /// Spread of hair directions inside one unit (degrees).
    var intraUnitSpreadDeg: Double
    var clipped: Bool
    /// Length of unclipped terminal and vellus hairs above the skin (mm).
    var terminalLengthMm: ClosedRange<Double>
    var vellusLengthMm: ClosedRange<Double>
    var curlyFraction: Double
    var palette: HairPalette
    /// Probability that a frame shows the aperture's black corners or a text banner.
    var apertureChance: Double
    var bannerChance: Double
    var cleanSkin: Bool = false
    var artifacts: Bool = false

    static func recipe(for preset: PhantomPreset) -> PresetRecipe {
        switch preset {
        case .clipped:
            return PresetRecipe(densityPerCm2: 120...300, unitWeights: [0.3, 0.45, 0.2, 0.05],
                                vellusFraction: 0.03...0.12, marginMm: 1.3, unitSpreadDeg: 22,
                                intraUnitSpreadDeg: 6, clipped: true, terminalLengthMm: 0.6...1.3,
                                vellusLengthMm: 0.6...1.3, curlyFraction: 0, palette: .dyed,
                                apertureChance: 0.15, bannerChance: 0.5)
        case .natural:
            return PresetRecipe(densityPerCm2: 150...300, unitWeights: [0.35, 0.4, 0.2, 0.05],
                                vellusFraction: 0.05...0.40, marginMm: 1.0, unitSpreadDeg: 24,
                                intraUnitSpreadDeg: 10, clipped: false, terminalLengthMm: 1.0...4.5,
                                vellusLengthMm: 0.4...2.0, curlyFraction: 0.1, palette: .brown,
                                apertureChance: 0.2, bannerChance: 0.2)
        case .light:
            return PresetRecipe(densityPerCm2: 150...280, unitWeights: [0.35, 0.4, 0.2, 0.05],
                                vellusFraction: 0.05...0.30, marginMm: 1.0, unitSpreadDeg: 24,
                                intraUnitSpreadDeg: 10, clipped: false, terminalLengthMm: 1.0...4.5,
                                vellusLengthMm: 0.4...2.0, curlyFraction: 0.1, palette: .light,
                                apertureChance: 0.2, bannerChance: 0.2)
        case .dense:
            return PresetRecipe(densityPerCm2: 300...450, unitWeights: [0.15, 0.35, 0.32, 0.18],
                                vellusFraction: 0.05...0.25, marginMm: 1.0, unitSpreadDeg: 40,
                                intraUnitSpreadDeg: 14, clipped: false, terminalLengthMm: 1.0...4.0,
                                vellusLengthMm: 0.4...1.8, curlyFraction: 0.18, palette: .brown,
                                apertureChance: 0.2, bannerChance: 0.2)
        case .artifacts:
            return PresetRecipe(densityPerCm2: 150...300, unitWeights: [0.35, 0.4, 0.2, 0.05],
                                vellusFraction: 0.05...0.40, marginMm: 1.0, unitSpreadDeg: 24,
                                intraUnitSpreadDeg: 10, clipped: false, terminalLengthMm: 1.0...4.5,
                                vellusLengthMm: 0.4...2.0, curlyFraction: 0.1, palette: .brown,
                                apertureChance: 1, bannerChance: 1, artifacts: true)
        case .calibration:
            return PresetRecipe(densityPerCm2: 0...0, unitWeights: [1], vellusFraction: 0...0, marginMm: 0,
                                unitSpreadDeg: 0, intraUnitSpreadDeg: 0, clipped: false,
                                terminalLengthMm: 0...0, vellusLengthMm: 0...0, curlyFraction: 0,
                                palette: .calibration, apertureChance: 0, bannerChance: 0, cleanSkin: true)
        }
    }
}
