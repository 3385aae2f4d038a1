import ArgumentParser
import Foundation
import TrichometryReport

extension Trichometry {
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure every hair in folders of trichoscopy images: tables, overlays, masks.",
            discussion: """
                The summary (one row per image) goes to stdout unless --summary is given. Images are \
                found by content in the folders given (recursively, sorted) or read as paths from \
                stdin with `-`. Calibration, most specific first: a <stem>.json sidecar beside the \
                image, the nearest trichometry.json from the image's folder up to the input root, \
                then --um-per-px / --field-width-mm. See Docs/Analyze.md.

                Exit status: 0 all images analysed; 1 some image failed (its row has status=error); \
                64 usage error; 66 an input is missing or holds no images; 73 an output cannot be \
                created; 74 an output could not be written.

                Examples:
                  trichometry analyze SampleImages --um-per-px 3 --summary out/summary.csv \\
                      --hairs out/hairs.csv --overlays out/overlays
                  find study -name '*.jpg' | trichometry analyze - --field-width-mm 4.5
                  trichometry analyze study --summary shard-3.csv --shard 3/8 --resume
                """
        )

        @Argument(help: ArgumentHelp("Image files or folders (searched recursively); `-` reads paths from stdin, one per line.",
                                     valueName: "path"))
        var inputs: [String] = []

        @OptionGroup(title: "Calibration") var calibration: AnalyzeCalibrationOptions
        @OptionGroup(title: "Classification") var classification: AnalyzeClassificationOptions
        @OptionGroup(title: "Outputs") var outputs: AnalyzeOutputOptions

        @Option(name: [.short, .long], help: "Images analysed at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: ArgumentHelp("Analyse only the K-th of N contiguous slices of the sorted inputs, e.g. 2/8 (for job arrays).",
                                   valueName: "K/N"))
        var shard: String?

        @Flag(help: "Skip images already in the --summary file and append the rest.")
        var resume = false

        @Flag(name: [.short, .long], help: "No progress on stderr.")
        var quiet = false

        func validate() throws {
            try calibration.check()
            try classification.check()
            try outputs.check()
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
            if let shard, Self.parseShard(shard) == nil {
                throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/8 (got \(shard)).")
            }
            if resume && outputs.summaryPath == nil {
                throw ValidationError("--resume needs --summary FILE: it reads which images are already done from it.")
            }
            if inputs.isEmpty {
                throw ValidationError("Give image files or folders, or `-` to read paths from stdin.")
            }
        }

        func run() throws {
            let run = AnalyzeRun(command: self)
            let status = try run.execute()
            if status != 0 { throw ExitCode(status) }
        }

        /// "K/N" → (K, N) when 1 ≤ K ≤ N.
        static func parseShard(_ text: String) -> (index: Int, count: Int)? {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
                return nil
            }
            return (k, n)
        }
    }
}

struct AnalyzeCalibrationOptions: ParsableArguments {
    @Option(name: .customLong("um-per-px"), help: ArgumentHelp("Micrometres per pixel for images without a sidecar or profile.", valueName: "X"))
    var umPerPx: Double?

    @Option(name: .customLong("field-width-mm"), help: ArgumentHelp("The image's full width in mm (µm/px = W × 1000 / width in px).", valueName: "W"))
    var fieldWidthMm: Double?

    @Flag(help: "Analyse images that have no calibration anyway: counts only, µm and density columns empty.")
    var uncalibrated = false

    func check() throws {
        if umPerPx != nil && fieldWidthMm != nil {
            throw ValidationError("Give either --um-per-px or --field-width-mm, not both.")
        }
        if uncalibrated && (umPerPx != nil || fieldWidthMm != nil) {
            throw ValidationError("--uncalibrated contradicts --um-per-px/--field-width-mm; drop one.")
        }
        for (name, value) in [("--um-per-px", umPerPx), ("--field-width-mm", fieldWidthMm)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(name) must be a positive number.") }
        }
    }
}

struct AnalyzeClassificationOptions: ParsableArguments {
    @Option(name: .customLong("vellus-max-um"), help: ArgumentHelp("Shafts at most this thick are vellus (default 30; TrichoScan uses 40).", valueName: "µm"))
    var vellusMaxUm: Double?

    @Flag(help: "Report a third class, intermediate, between --vellus-max-um and --terminal-min-um.")
    var intermediate = false

    @Option(name: .customLong("terminal-min-um"), help: ArgumentHelp("With --intermediate: shafts at least this thick are terminal (default 60).", valueName: "µm"))
    var terminalMinUm: Double?

    @Option(name: .customLong("days-since-clipping"), help: ArgumentHelp("Phototrichogram: days between clipping and imaging; enables anagen/telogen.", valueName: "days"))
    var daysSinceClipping: Double?

    @Option(name: .customLong("anagen-min-um"), help: ArgumentHelp("Hairs at least this long are anagen (overrides the threshold from --days-since-clipping).", valueName: "µm"))
    var anagenMinUm: Double?

    func check() throws {
        for (name, value) in [("--vellus-max-um", vellusMaxUm), ("--terminal-min-um", terminalMinUm), ("--anagen-min-um", anagenMinUm)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(name) must be a positive number.") }
        }
        if let days = daysSinceClipping, !(days >= 0 && days.isFinite) {
            throw ValidationError("--days-since-clipping must be a number ≥ 0.")
        }
    }
}

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
