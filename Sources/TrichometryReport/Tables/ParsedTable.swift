/// An existing table file as `TableReader` found it: the whole rows it holds and where they end,
/// so a run can be resumed after them and shard outputs merged.
public struct ParsedTable: Sendable {
    /// One complete row.
    public struct Record: Sendable, Equatable {
        /// The row's `file` value.
        public var file: String
        /// The row's `status` value, for tables that have one (the summary).
        public var status: String?
        /// The row's text as written, without line end or JSON separator.
        public var raw: String
        /// Byte offset just past the row (past its line end for CSV/TSV/JSONL, past `}` for JSON).
        public var end: Int
    }

    public var format: ReportFormat
    /// Column names in file order; for JSON formats, the keys of the first row (sorted) or empty.
    public var columns: [String]
    public var records: [Record]
    /// Byte offset just past the header (`[` line for JSON, 0 for JSONL or an empty file).
    public var headerEnd: Int
    /// Whether the file has a header at all (false for an empty CSV/TSV/JSON file).
    public var hasHeader: Bool
    /// True when bytes follow the last whole row that are neither a row nor the JSON footer:
    /// the partial row a killed run leaves.
    public var hasPartialTail: Bool

    /// Byte offset just past the last whole row (or the header when there is none).
    public var completeEnd: Int { records.last?.end ?? headerEnd }
}
