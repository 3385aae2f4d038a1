/// Stage 6: terminal / intermediate / vellus by diameter, and anagen / telogen by length after clipping.
enum HairClassifier {
    static func hairClass(diameterMicrons d: Double, options: AnalysisOptions) -> HairClass {
        if d <= options.vellusMaxMicrons { return .vellus }
        if options.intermediateClass && d < options.terminalMinMicrons { return .intermediate }
        return .terminal
    }

    /// nil when no phase was asked for (no days since clipping and no explicit threshold), and when it cannot
    /// be told: a hair whose length is a lower bound (`truncated`: cut by the frame or the field's edge, or its
    /// tip hidden under another shaft, `HairAnalyzer.tipIsHidden`) that is shorter than the threshold where it
    /// is seen may be any length beyond it (as a phototrichogram excludes hairs at the border).
    static func phase(lengthMicrons: Double, truncated: Bool = false, options: AnalysisOptions) -> GrowthPhase? {
        guard let threshold = options.effectiveAnagenMinMicrons else { return nil }
        if lengthMicrons >= threshold { return .anagen }
        return truncated ? nil : .telogen
    }

    /// The phase of each hair cut by the frame or the field's edge that `phase` could not tell, from the
    /// image's whole hairs (`phases[i] == nil && truncated[i]`; others are left alone). Returns the indices
    /// given a phase.
    ///
    /// An edge cuts a hair of length l at a point spread evenly along it, wherever the hair lies and
    /// whichever way it points, so a cut hair shows a visible length L with the same likelihood for every hair
    /// longer than L, and never for a shorter one. A cut hair seen L long is therefore anagen with the share of
    /// anagen among the image's whole hairs longer than L: after clipping, telogen stubs are short, so a hair
    /// cut by the frame is nearly always a growing one. (Long hairs are cut more often than short ones — the
    /// edge samples by length — which is why counting it as telogen for being short biased the anagen share
    /// low.) Where no whole hair is longer than L the phase stays unknown; a tie goes to anagen.
    @discardableResult
    static func inferCutPhases(lengthsMicrons lengths: [Double], truncated: [Bool], phases: inout [GrowthPhase?]) -> [Int] {
        precondition(lengths.count == truncated.count && lengths.count == phases.count, "one entry per hair")
        var wholeAnagen: [Double] = [], wholeTelogen: [Double] = []
        for i in lengths.indices where !truncated[i] {
            switch phases[i] {
            case .anagen?: wholeAnagen.append(lengths[i])
            case .telogen?: wholeTelogen.append(lengths[i])
            case nil: break
            }
        }
        var inferred: [Int] = []
        for i in lengths.indices where truncated[i] && phases[i] == nil {
            let anagen = wholeAnagen.filter { $0 > lengths[i] }.count
            let telogen = wholeTelogen.filter { $0 > lengths[i] }.count
            guard anagen + telogen > 0 else { continue }
            phases[i] = anagen >= telogen ? .anagen : .telogen
            inferred.append(i)
        }
        return inferred
    }
}
