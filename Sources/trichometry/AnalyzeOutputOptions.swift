import ArgumentParser
import TrichometryReport

/// Where `analyze` writes its tables, overlays and masks, and in which format.
struct AnalyzeOutputOptions: ParsableArguments {
    @Option(name: .customLong("summary"), help: ArgumentHelp("Write the summary table here instead of stdout.", valueName: "file"))
    var summaryPath: String?

    @Option(name: .customLong("hairs"), help: ArgumentHelp("Write the per-hair table here.", valueName: "file"))
    var hairsPath: String?

    @Option(name: .customLong("units"), help: ArgumentHelp("Write the per-follicular-unit table here.", valueName: "file"))
    var unitsPath: String?

    @Option(help: "Table format for every table: csv, tsv, json or jsonl.")
    var format: String = "csv"

    @Option(name: .customLong("overlays"), help: ArgumentHelp("Write an annotated PNG per image here, mirroring the input subfolders.", valueName: "dir"))
    var overlaysFolder: String?

    @Option(name: .customLong("masks"), help: ArgumentHelp("Write the binary hair mask PNG per image here, mirroring the input subfolders.", valueName: "dir"))
    var masksFolder: String?

    @Flag(name: .customLong("allow-output-inside-input"), help: "Allow --overlays/--masks folders inside an input folder.")
    var allowOutputInsideInput = false

    var reportFormat: ReportFormat? { ReportFormat(rawValue: format.lowercased()) }

    /// The summary path, nil for stdout (`-` also means stdout).
    var summaryFile: String? { summaryPath == "-" ? nil : summaryPath }

    func check() throws {
        guard reportFormat != nil else {
            throw ValidationError("--format must be one of csv, tsv, json, jsonl (got \(format)).")
        }
        let files = [summaryFile, hairsPath, unitsPath].compactMap { $0 }.map(InputCollector.absolute)
        if Set(files).count != files.count {
            throw ValidationError("--summary, --hairs and --units must be different files.")
        }
        if let overlays = overlaysFolder, let masks = masksFolder,
           InputCollector.absolute(overlays) == InputCollector.absolute(masks) {
            throw ValidationError("--overlays and --masks must be different folders (both are named after the images).")
        }
    }
}
