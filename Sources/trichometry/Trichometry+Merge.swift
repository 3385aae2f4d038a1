import ArgumentParser
import Foundation
import TrichometryReport

extension Trichometry {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join the tables of `analyze --shard` runs into one file with one header.",
            discussion: """
                Rows are put in the batch's file order, so merging the shards of a run gives the \
                table an unsharded run writes. All inputs must be tables of one kind (summary, \
                hairs or units) in one format; the format is recognised from the content.

                Exit status: 0 merged; 64 usage error; 65 the tables do not fit together (other \
                columns, an image in two shards, a shard cut short); 66 an input is missing; \
                73 the output cannot be written.

                Example:
                  trichometry merge out/summary-*.csv --output out/summary.csv
                """
        )

        @Argument(help: ArgumentHelp("Tables written by `trichometry analyze`, in any order.", valueName: "table"))
        var tables: [String] = []

        @Option(name: [.short, .long], help: ArgumentHelp("Write the merged table here instead of stdout.", valueName: "file"))
        var output: String?

        @Option(help: "Read and write this format (csv, tsv, json, jsonl) instead of recognising it.")
        var format: String?

        func validate() throws {
            guard !tables.isEmpty else { throw ValidationError("Give the tables to merge.") }
            if let format, ReportFormat(rawValue: format.lowercased()) == nil {
                throw ValidationError("--format must be one of csv, tsv, json, jsonl (got \(format)).")
            }
        }

        func run() throws {
            var inputs: [(path: String, bytes: [UInt8])] = []
            for path in tables {
                guard let data = FileManager.default.contents(atPath: path) else {
                    Self.complain("\(path): cannot read (missing or not a file)")
                    throw ExitCode(66)
                }
                inputs.append((path, [UInt8](data)))
            }
            let merged: TableMerger.Merged
            do {
                merged = try TableMerger.merge(inputs, format: format.flatMap { ReportFormat(rawValue: $0.lowercased()) })
            } catch {
                Self.complain(error.description)
                throw ExitCode(65)
            }
            let target = output == "-" ? nil : output
            do {
                // Every input is read before the output is opened, so it may replace one of them.
                let writer = try TableWriter.create(path: target.map(Self.temporaryPath), format: merged.format,
                                                    columns: merged.columns)
                try writer.appendRaw(merged.records)
                try writer.finish()
            } catch {
                Self.complain(error.description)
                throw ExitCode(73)
            }
            if let target, rename(Self.temporaryPath(target), target) != 0 {
                Self.complain("\(target): cannot write: \(String(cString: strerror(errno)))")
                throw ExitCode(73)
            }
        }

        /// Written beside the target and renamed over it, so a reader never sees half a merge.
        static func temporaryPath(_ target: String) -> String { target + ".merging" }

        static func complain(_ message: String) {
            FileHandle.standardError.write(Data("trichometry merge: \(message)\n".utf8))
        }
    }
}
