/// Renders a table's header, rows and footer as text in one `ReportFormat`.
///
/// Every row is one line (JSON escapes line breaks; TSV escapes them; CSV quotes them), written in
/// one piece, so a file cut short by a kill holds only whole rows plus at most one partial last line.
public struct TableEncoder: Sendable {
    public let format: ReportFormat
    public let columns: [String]

    public init(format: ReportFormat, columns: [String]) {
        self.format = format
        self.columns = columns
    }

    /// The text that opens the file: the header line for CSV/TSV, `[` for JSON, nothing for JSONL.
    public var header: String {
        switch format {
        case .csv: return columns.map(Self.csvField).joined(separator: ",") + "\n"
        case .tsv: return columns.map(Self.tsvField).joined(separator: "\t") + "\n"
        case .json: return "[\n"
        case .jsonl: return ""
        }
    }

    /// The text that closes the file after `rowCount` rows.
    public func footer(rowCount: Int) -> String {
        guard format == .json else { return "" }
        return rowCount == 0 ? "]\n" : "\n]\n"
    }

    /// One row's text. For JSON, rows after the first carry the separating comma in front, so the
    /// file stays valid JSON up to the last complete row plus the footer.
    public func row(_ cells: [ReportCell], index: Int) -> String {
        precondition(cells.count == columns.count, "row has \(cells.count) cells for \(columns.count) columns")
        switch format {
        case .csv: return cells.map(Self.csvText).joined(separator: ",") + "\n"
        case .tsv: return cells.map(Self.tsvText).joined(separator: "\t") + "\n"
        case .jsonl: return jsonObject(cells) + "\n"
        case .json: return (index == 0 ? "" : ",\n") + jsonObject(cells)
        }
    }

    /// The raw text of an already-rendered record (as `TableReader` returns it) placed at `index`.
    public func rawRow(_ record: String, index: Int) -> String {
        switch format {
        case .csv, .tsv, .jsonl: return record + "\n"
        case .json: return (index == 0 ? "" : ",\n") + record
        }
    }

    // MARK: - Cells

    static func plainText(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let v, let digits): return DecimalFormatting.fixed(v, digits: digits)
        case .flag(let b): return b ? "true" : "false"
        case .empty: return ""
        }
    }

    static func csvText(_ cell: ReportCell) -> String {
        if case .text(let s) = cell { return csvField(s) }
        return plainText(cell)
    }

    /// RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.
    public static func csvField(_ s: String) -> String {
        let needsQuotes = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    static func tsvText(_ cell: ReportCell) -> String {
        if case .text(let s) = cell { return tsvField(s) }
        return plainText(cell)
    }

    public static func tsvField(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == UInt8(ascii: "\\") }) else { return s }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    func jsonObject(_ cells: [ReportCell]) -> String {
        var out = "{"
        for (i, cell) in cells.enumerated() {
            if i > 0 { out += "," }
            out += Self.jsonString(columns[i])
            out += ":"
            switch cell {
            case .text(let s): out += Self.jsonString(s)
            case .empty: out += "null"
            case .number(let v, _) where !v.isFinite: out += "null"
            default: out += Self.plainText(cell)
            }
        }
        return out + "}"
    }

    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 {
                    let hex = String(ch.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    /// Replaces every occurrence of `target` (without Foundation, so the encoder stays dependency-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count + 8)
        for ch in self {
            if ch == target { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
