/// Stage 6: terminal / intermediate / vellus by diameter, and anagen / telogen by length after clipping.
enum HairClassifier {
    static func hairClass(diameterMicrons d: Double, options: AnalysisOptions) -> HairClass {
        if d <= options.vellusMaxMicrons { return .vellus }
        if options.intermediateClass && d < options.terminalMinMicrons { return .intermediate }
        return .terminal
    }

    /// nil when no phase was asked for (no days since clipping and no explicit threshold).
    static func phase(lengthMicrons: Double, options: AnalysisOptions) -> GrowthPhase? {
        guard let threshold = options.effectiveAnagenMinMicrons else { return nil }
        return lengthMicrons >= threshold ? .anagen : .telogen
    }
}
