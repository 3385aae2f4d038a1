import Foundation

/// Reads tables written by `TableWriter` (and hand-edited CSV with CRLF line ends) back into rows,
/// for `--resume` and for `trichometry merge`.
public enum TableReader {
    /// Guesses the format from the content: `[` JSON, `{` JSONL, a tab in the header TSV, else CSV.
    public static func detectFormat(_ bytes: [UInt8]) -> ReportFormat? {
        guard let first = bytes.first(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) else { return nil }
        if first == UInt8(ascii: "[") { return .json }
        if first == UInt8(ascii: "{") { return .jsonl }
        let lineEnd = bytes.firstIndex(of: 10) ?? bytes.count
        return bytes[..<lineEnd].contains(9) ? .tsv : .csv
    }

    /// Parses `bytes` as `format`. A trailing partial row is reported in `hasPartialTail`, not thrown;
    /// anything malformed before it throws with a reason (the caller adds the path).
    public static func parse(_ bytes: [UInt8], format: ReportFormat, path: String) throws(TableError) -> ParsedTable {
        switch format {
        case .csv, .tsv: return try parseDelimited(bytes, format: format, path: path)
        case .jsonl, .json: return try parseJSONLines(bytes, format: format, path: path)
        }
    }

    // MARK: - CSV / TSV

    private static func parseDelimited(_ bytes: [UInt8], format: ReportFormat, path: String) throws(TableError) -> ParsedTable {
        var table = ParsedTable(format: format, columns: [], records: [], headerEnd: 0, hasHeader: false, hasPartialTail: false)
        guard !bytes.isEmpty else { return table }
        var position = 0
        guard let header = nextDelimitedRecord(bytes, from: position, format: format), header.complete else {
            table.hasPartialTail = true
            return table
        }
        table.columns = header.fields
        table.hasHeader = true
        table.headerEnd = header.end
        guard let fileIndex = header.fields.firstIndex(of: ReportColumns.fileColumn) else {
            throw TableError(path: path, reason: "no \"\(ReportColumns.fileColumn)\" column in the header")
        }
        let statusIndex = header.fields.firstIndex(of: ReportColumns.statusColumn)
        position = header.end
        while position < bytes.count {
            guard let record = nextDelimitedRecord(bytes, from: position, format: format), record.complete else {
                table.hasPartialTail = true
                break
            }
            if record.fields.count == 1 && record.fields[0].isEmpty {
                position = record.end   // blank line
                continue
            }
            guard record.fields.count == header.fields.count else {
                if record.end >= bytes.count { table.hasPartialTail = true; break }
                throw TableError(path: path, reason: "row \(table.records.count + 1) has \(record.fields.count) fields, the header \(header.fields.count)")
            }
            table.records.append(.init(file: record.fields[fileIndex], status: statusIndex.map { record.fields[$0] },
                                       raw: record.raw, end: record.end))
            position = record.end
        }
        return table
    }

    private struct DelimitedRecord {
        var fields: [String]
        var raw: String
        var end: Int
        var complete: Bool
    }

    /// Splits one record starting at `start`; for CSV honours quotes across line breaks.
    private static func nextDelimitedRecord(_ bytes: [UInt8], from start: Int, format: ReportFormat) -> DelimitedRecord? {
        guard start < bytes.count else { return nil }
        let separator: UInt8 = format == .tsv ? 9 : UInt8(ascii: ",")
        let quote = UInt8(ascii: "\"")
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if format == .csv && inQuotes {
                if b == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                    inQuotes = false
                } else {
                    field.append(b)
                }
                i += 1
                continue
            }
            if format == .csv && b == quote && field.isEmpty {
                inQuotes = true
            } else if b == separator {
                fields.append(decodeField(field, format: format))
                field.removeAll(keepingCapacity: true)
            } else if b == 10 {
                if field.last == 13 { field.removeLast() }
                fields.append(decodeField(field, format: format))
                var rawEnd = i
                if rawEnd > start && bytes[rawEnd - 1] == 13 { rawEnd -= 1 }
                return DelimitedRecord(fields: fields, raw: String(decoding: bytes[start..<rawEnd], as: UTF8.self),
                                       end: i + 1, complete: true)
            } else {
                field.append(b)
            }
            i += 1
        }
        fields.append(decodeField(field, format: format))
        return DelimitedRecord(fields: fields, raw: String(decoding: bytes[start..<bytes.count], as: UTF8.self),
                               end: bytes.count, complete: false)
    }

    private static func decodeField(_ field: [UInt8], format: ReportFormat) -> String {
        let text = String(decoding: field, as: UTF8.self)
        guard format == .tsv, field.contains(UInt8(ascii: "\\")) else { return text }
        var out = ""
        var escaping = false
        for ch in text.unicodeScalars {
            if escaping {
                switch ch {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    // MARK: - JSON / JSONL (one object per line)

    private static func parseJSONLines(_ bytes: [UInt8], format: ReportFormat, path: String) throws(TableError) -> ParsedTable {
        var table = ParsedTable(format: format, columns: [], records: [], headerEnd: 0, hasHeader: format == .jsonl,
                                hasPartialTail: false)
        var position = 0
        if format == .json {
            guard let lineEnd = bytes.firstIndex(of: 10) else {
                table.hasPartialTail = !bytes.isEmpty
                return table
            }
            guard String(decoding: bytes[0..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces) == "[" else {
                throw TableError(path: path, reason: "not a table written by trichometry: the first line is not \"[\"")
            }
            table.hasHeader = true
            table.headerEnd = lineEnd + 1
            position = lineEnd + 1
        }
        var closed = false
        while position < bytes.count {
            let lineEnd = bytes[position...].firstIndex(of: 10) ?? bytes.count
            var contentEnd = lineEnd
            while contentEnd > position && (bytes[contentEnd - 1] == 13 || bytes[contentEnd - 1] == 32) { contentEnd -= 1 }
            if format == .json && contentEnd > position && bytes[contentEnd - 1] == UInt8(ascii: ",") { contentEnd -= 1 }
            let line = bytes[position..<contentEnd]
            let isLast = lineEnd >= bytes.count - 1
            if line.isEmpty {
                position = lineEnd + 1
                continue
            }
            if format == .json && line.count == 1 && line.first == UInt8(ascii: "]") {
                closed = true
                position = lineEnd + 1
                continue
            }
            if closed {
                throw TableError(path: path, reason: "text after the closing \"]\"")
            }
            // JSONL rows count only with their line end; a JSON row is whole once its object parses.
            let terminated = format == .json || lineEnd < bytes.count
            guard terminated, let object = parseObject(line) else {
                if isLast { table.hasPartialTail = true; break }
                throw TableError(path: path, reason: "row \(table.records.count + 1) is not a JSON object")
            }
            guard let file = object[ReportColumns.fileColumn] as? String else {
                throw TableError(path: path, reason: "row \(table.records.count + 1) has no \"\(ReportColumns.fileColumn)\" string")
            }
            if table.records.isEmpty { table.columns = object.keys.sorted() }
            let end = format == .json ? contentEnd : min(lineEnd + 1, bytes.count)
            table.records.append(.init(file: file, status: object[ReportColumns.statusColumn] as? String,
                                       raw: String(decoding: line, as: UTF8.self), end: end))
            position = lineEnd + 1
        }
        return table
    }

    private static func parseObject(_ line: ArraySlice<UInt8>) -> [String: Any]? {
        guard line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}") else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
    }
}
