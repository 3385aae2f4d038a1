/// Everything a user may set about an analysis. Defaults follow the published conventions
/// (see `Docs/Pipeline.md`).
public struct AnalysisOptions: Sendable, Equatable {
    /// Shafts at most this thick are vellus. 30 µm is the trichoscopy convention; TrichoScan uses 40.
    public var vellusMaxMicrons: Double = 30
    /// Report a third class, `intermediate`, between `vellusMaxMicrons` and `terminalMinMicrons`.
    public var intermediateClass: Bool = false
    /// With `intermediateClass`, shafts at least this thick are terminal.
    public var terminalMinMicrons: Double = 60
    /// For phototrichograms: days between clipping and imaging. With it, hairs are anagen when
    /// longer than a fraction of the expected growth (see `anagenMinMicrons`).
    public var daysSinceClipping: Double? = nil
    /// Expected growth of an anagen hair, µm per day (0.35 mm/day).
    public var growthMicronsPerDay: Double = 350
    /// Explicit anagen length threshold in µm; overrides the one derived from `daysSinceClipping`.
    public var anagenMinMicrons: Double? = nil
    /// Hairs whose emergence points lie within this distance share a follicular unit.
    public var follicularUnitRadiusMicrons: Double = 150
    /// Shorter detections are not hairs (pores, dots, noise). Truth files count hairs ≥ 100 µm.
    public var minimumHairLengthMicrons: Double = 100
    /// Used for µm-based defaults when the image is uncalibrated.
    public var assumedMicronsPerPixelWhenUncalibrated: Double = 5

    public init() {}

    /// The anagen length threshold in µm in force, or nil when no phase is to be assigned.
    public var effectiveAnagenMinMicrons: Double? {
        if let explicit = anagenMinMicrons { return explicit }
        // Anagen hairs grow ~0.35 mm/day; telogen ones barely grow. Half the expected growth splits
        // the two groups with margin on both sides.
        if let days = daysSinceClipping { return 0.5 * days * growthMicronsPerDay }
        return nil
    }
}
