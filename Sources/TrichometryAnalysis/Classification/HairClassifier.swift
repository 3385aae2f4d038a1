/// Stage 6: terminal / intermediate / vellus by diameter, and anagen / telogen by length after clipping.
enum HairClassifier {
    static func hairClass(diameterMicrons d: Double, options: AnalysisOptions) -> HairClass {
        if d <= options.vellusMaxMicrons { return .vellus }
        if options.intermediateClass && d < options.terminalMinMicrons { return .intermediate }
        return .terminal
    }

    /// nil when no phase was asked for (no days since clipping and no explicit threshold), and when it cannot
    /// be told: a hair cut by the frame or the field's edge (`truncated`) that is shorter than the threshold
    /// where it is seen may be any length beyond it (as a phototrichogram excludes hairs at the border).
    static func phase(lengthMicrons: Double, truncated: Bool = false, options: AnalysisOptions) -> GrowthPhase? {
        guard let threshold = options.effectiveAnagenMinMicrons else { return nil }
        if lengthMicrons >= threshold { return .anagen }
        return truncated ? nil : .telogen
    }
}
