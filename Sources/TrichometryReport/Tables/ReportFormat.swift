/// The file formats every table (summary, per hair, per unit) can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted, LF line ends.
    case csv
    /// Tab-separated; tabs, line breaks and backslashes inside a field are escaped as `\t`, `\n`, `\r`, `\\`.
    case tsv
    /// One JSON array of objects, one object per line (so interrupted files can be resumed line by line).
    case json
    /// JSON Lines: one object per line, no enclosing array.
    case jsonl
}
