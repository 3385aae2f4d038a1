/// Joins tables written by separate runs (shards) into one: one header, rows in file order.
///
/// Rows are ordered by `file` (the batch order, `PathOrdering`), keeping each file's rows in their
/// original order, so merging the shards of a run gives the table an unsharded run writes.
public enum TableMerger {
    public struct Merged: Sendable {
        public var format: ReportFormat
        /// Header columns (CSV/TSV); for JSON formats the sorted keys of the first row.
        public var columns: [String]
        /// Raw rows in merged order.
        public var records: [String]
    }

    /// `inputs` are (path, bytes) pairs. All must share one format and one header; a file with a
    /// partial last row (a shard that was killed) or a `file` that appears in two inputs is refused.
    public static func merge(_ inputs: [(path: String, bytes: [UInt8])], format: ReportFormat? = nil) throws(TableError) -> Merged {
        guard !inputs.isEmpty else { throw TableError(path: "-", reason: "no tables to merge") }
        var chosen = format
        var tables: [(path: String, table: ParsedTable)] = []
        for input in inputs {
            // An empty file is a JSONL shard that got no images: it adds no rows.
            guard let found = format ?? TableReader.detectFormat(input.bytes) else { continue }
            if let chosen, chosen != found {
                throw TableError(path: input.path, reason: "is \(found.rawValue) but \(tables.first?.path ?? "the first table") is \(chosen.rawValue)")
            }
            chosen = found
            let table = try TableReader.parse(input.bytes, format: found, path: input.path)
            if table.hasPartialTail {
                throw TableError(path: input.path, reason: "ends in an incomplete row (was its run killed? rerun it with --resume)")
            }
            tables.append((input.path, table))
        }
        let columnsSource = tables.first { !$0.table.columns.isEmpty }
        let columns = columnsSource?.table.columns ?? []
        for (path, table) in tables where !table.columns.isEmpty && table.columns != columns {
            throw TableError(path: path, reason: "its columns differ from those of \(columnsSource!.path)")
        }

        // Each file's rows must come from one input; shards never share an image.
        var owner: [String: String] = [:]
        var entries: [(file: String, raw: String)] = []
        for (path, table) in tables {
            var seenHere = Set<String>()
            for record in table.records {
                if seenHere.insert(record.file).inserted {
                    if let other = owner[record.file] {
                        throw TableError(path: path, reason: "\"\(record.file)\" is also in \(other): overlapping shards?")
                    }
                    owner[record.file] = path
                }
                entries.append((record.file, record.raw))
            }
        }
        // A stable sort: Swift's sort is not guaranteed stable, so order by (file, original index).
        let order = entries.indices.sorted { a, b in
            if entries[a].file != entries[b].file { return PathOrdering.precedes(entries[a].file, entries[b].file) }
            return a < b
        }
        return Merged(format: chosen ?? .jsonl, columns: columns, records: order.map { entries[$0].raw })
    }
}
