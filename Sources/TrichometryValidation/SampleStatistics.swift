/// Mean and median over plain samples; both are nil for no samples so "not measured" never reads as 0.
enum SampleStatistics {
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return finite(values.reduce(0, +) / Double(values.count))
    }

    /// The middle value; with an even count, the mean of the two middle values.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return finite(sorted[middle]) }
        return finite(0.5 * (sorted[middle - 1] + sorted[middle]))
    }

    /// `part / whole`, or nil when the whole is zero (a ratio of nothing is not measured).
    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }

    /// Signed error of `measured` relative to `truth`, in percent; nil when the truth is zero.
    static func percentError(measured: Double, truth: Double) -> Double? {
        guard truth != 0 else { return nil }
        return finite(100 * (measured - truth) / truth)
    }

    /// JSON cannot hold NaN or infinity, and neither is a meaningful score.
    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
}
