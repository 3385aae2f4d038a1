/// Fixed-precision decimal text, independent of locale: always `.` as the decimal point.
public enum DecimalFormatting {
    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]

    /// `value` rounded half away from zero to `digits` (0...7) places, e.g. `fixed(2.345, digits: 1) == "2.3"`.
    /// Returns "" for NaN and infinities.
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "" }
        let places = max(0, min(digits, powersOfTen.count - 1))
        let scale = powersOfTen[places]
        let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the integer split below loses precision; such figures never occur in a report.
        guard scaled < 9.0e15 else { return "\(value)" }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        var text = (value < 0 && units != 0) ? "-" : ""
        text += String(units / divisor)
        if places > 0 {
            let fraction = String(units % divisor)
            text += "."
            text += String(repeating: "0", count: places - fraction.count)
            text += fraction
        }
        return text
    }
}
