/// Everything a batch writes for one image, rendered and ready to append in input order.
public struct ImageReport: Sendable {
    public var summaryRow: [ReportCell]
    public var hairRows: [[ReportCell]]
    public var unitRows: [[ReportCell]]
    public var outcome: BatchOutcome
}
