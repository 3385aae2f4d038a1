import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Streams one table to a file or stdout. Each `append` is one `write(2)` of whole rows, so rows
/// reach the file (and survive a kill) as soon as they are appended; there is no user-space buffer.
///
/// Not thread-safe: the batch runner appends from one place, in input order.
public final class TableWriter {
    public let encoder: TableEncoder
    /// Where the table goes, for messages ("-" for stdout).
    public let path: String
    public private(set) var rowCount: Int
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var closed = false

    private init(encoder: TableEncoder, path: String, descriptor: Int32, ownsDescriptor: Bool, rowCount: Int) {
        self.encoder = encoder
        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.rowCount = rowCount
    }

    deinit {
        if ownsDescriptor { _ = Glibc.close(descriptor) }
    }

    /// A new table at `path` (replacing any file there), or on stdout when `path` is nil. Writes the header.
    public static func create(path: String?, format: ReportFormat, columns: [String]) throws(TableError) -> TableWriter {
        let encoder = TableEncoder(format: format, columns: columns)
        let writer: TableWriter
        if let path {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw TableError(path: path, reason: "cannot create: \(errnoText())") }
            writer = TableWriter(encoder: encoder, path: path, descriptor: fd, ownsDescriptor: true, rowCount: 0)
        } else {
            writer = TableWriter(encoder: encoder, path: "-", descriptor: 1, ownsDescriptor: false, rowCount: 0)
        }
        try writer.writeText(encoder.header)
        return writer
    }

    /// Reopens a table a previous run left at `path` to append to it. Rows for which `keep` returns
    /// false, a partial last row and the JSON footer are dropped first, so appending the missing rows
    /// gives the file an uninterrupted run would have written. A missing or empty file starts afresh.
    /// Returns the writer and the kept rows.
    public static func resume(path: String, format: ReportFormat, columns: [String],
                              keep: (ParsedTable.Record) -> Bool) throws(TableError) -> (TableWriter, [ParsedTable.Record]) {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            return (try create(path: path, format: format, columns: columns), [])
        }
        let bytes = [UInt8](data)
        if let found = TableReader.detectFormat(bytes), found != format {
            throw TableError(path: path, reason: "cannot resume: the file is \(found.rawValue), not \(format.rawValue)")
        }
        let table = try TableReader.parse(bytes, format: format, path: path)
        let encoder = TableEncoder(format: format, columns: columns)
        // CSV/TSV carry their columns in the header; JSON rows carry them as keys (compared sorted).
        let isDelimited = format == .csv || format == .tsv
        let expected = isDelimited ? columns : columns.sorted()
        let comparable = isDelimited ? table.hasHeader : !table.records.isEmpty
        if comparable && table.columns != expected {
            throw TableError(path: path, reason: "cannot resume: its columns differ from this table's (another kind of table, or another version?)")
        }
        guard table.hasHeader else {
            return (try create(path: path, format: format, columns: columns), [])
        }
        let kept = table.records.filter(keep)
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw TableError(path: path, reason: "cannot open to resume: \(errnoText())") }
        let writer = TableWriter(encoder: encoder, path: path, descriptor: fd, ownsDescriptor: true, rowCount: kept.count)
        if kept.count == table.records.count || kept == Array(table.records.prefix(kept.count)) {
            // The usual case: the kept rows are a prefix, so cut the file after them and append.
            let end = kept.last?.end ?? table.headerEnd
            guard ftruncate(fd, off_t(end)) == 0, lseek(fd, 0, SEEK_END) >= 0 else {
                throw TableError(path: path, reason: "cannot truncate to resume: \(errnoText())")
            }
        } else {
            // Rows to drop sit between kept ones: rewrite the kept rows in place.
            guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) >= 0 else {
                throw TableError(path: path, reason: "cannot truncate to resume: \(errnoText())")
            }
            var text = encoder.header
            for (i, record) in kept.enumerated() { text += encoder.rawRow(record.raw, index: i) }
            try writer.writeText(text)
        }
        return (writer, kept)
    }

    /// Appends rows in one write.
    public func append(_ rows: [[ReportCell]]) throws(TableError) {
        guard !rows.isEmpty else { return }
        var text = ""
        for row in rows {
            text += encoder.row(row, index: rowCount)
            rowCount += 1
        }
        try writeText(text)
    }

    /// Appends rows already rendered by this format (from `TableReader`), in one write.
    public func appendRaw(_ records: [String]) throws(TableError) {
        guard !records.isEmpty else { return }
        var text = ""
        for raw in records {
            text += encoder.rawRow(raw, index: rowCount)
            rowCount += 1
        }
        try writeText(text)
    }

    /// Writes the footer (JSON's closing bracket). The writer accepts no rows after this.
    public func finish() throws(TableError) {
        guard !closed else { return }
        closed = true
        try writeText(encoder.footer(rowCount: rowCount))
    }

    private func writeText(_ text: String) throws(TableError) {
        precondition(!closed || text.isEmpty || text == encoder.footer(rowCount: rowCount), "table already finished")
        var utf8 = Array(text.utf8)
        var failure: Int32 = 0
        utf8.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { throw TableError(path: path, reason: "cannot write: \(String(cString: strerror(failure)))") }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
