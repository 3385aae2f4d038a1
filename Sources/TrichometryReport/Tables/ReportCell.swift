/// One value in a table row, typed so each format can write it natively
/// (JSON numbers stay numbers, empty values become `null`).
public enum ReportCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    /// A decimal number written with exactly `digits` digits after the point.
    case number(Double, digits: Int)
    case flag(Bool)
    /// No value: an empty field in CSV/TSV, `null` in JSON.
    case empty

    /// `.number`, or `.empty` when the value is missing or not finite.
    public static func number(_ value: Double?, _ digits: Int) -> ReportCell {
        guard let value, value.isFinite else { return .empty }
        return .number(value, digits: digits)
    }

    /// `.integer`, or `.empty` when the value is missing.
    public static func integer(_ value: Int?) -> ReportCell {
        value.map { .integer($0) } ?? .empty
    }
}
