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
