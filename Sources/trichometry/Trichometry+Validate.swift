import ArgumentParser
import Foundation
import TrichometryImageIO
import TrichometryValidation

extension Trichometry {
    /// `trichometry validate`: runs the analysis on every phantom image that has a truth file and scores it.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the analysis against ground truth (*.truth.json files, e.g. from `trichometry phantom`).",
            discussion: """
                Prints hair-count, detection, diameter, class, length and follicular-unit errors per preset
                and overall. Matching rule and metric definitions: Docs/Validation.md.

                --require takes [PRESET:]METRIC OP VALUE with OP one of <=, >=, <, >, == (quote it in the
                shell). Without a preset the bound applies to the overall figures. Metrics:
                  \(ValidationMetric.allCases.map(\.rawValue).joined(separator: ", "))

                Exit status: 0 when everything was scored and every bound held; 1 when a truth file or
                image could not be used (the others are still scored) or the JSON could not be written;
                2 when a --require bound failed or could not be measured; 64 for bad arguments.

                Example:
                  trichometry validate phantoms --json out/validation.json --require 'f1>=0.95' --require 'natural:diameter_mae_um<=3'
                """)

        @Argument(help: ArgumentHelp("Folder searched recursively for *.truth.json files (or one truth file).",
                                     valueName: "dir"))
        var directory: String

        @Option(help: ArgumentHelp("Write every per-image row and aggregate to this JSON file.", valueName: "out"))
        var json: String?

        @Option(name: .customLong("require"),
                help: ArgumentHelp("A bound the figures must meet, e.g. 'f1>=0.95' or 'natural:count_median_abs_pct<=3'. Repeatable.",
                                   valueName: "metric<=value"))
        var requirements: [String] = []

        @Option(help: ArgumentHelp("Only images of this preset.", valueName: "name"))
        var preset: String?

        @Option(help: ArgumentHelp("Only the first N images (after --preset), in sorted order.", valueName: "n"))
        var limit: Int?

        @Option(help: ArgumentHelp("Images analysed at once (default: all cores).", valueName: "n"))
        var jobs: Int?

        @Flag(name: .customLong("per-image"), help: "Also print one row per image.")
        var perImage = false

        /// Parsed once in `validate()`, so a typo fails before any image is analysed.
        private var parsedRequirements: [ValidationRequirement] = []

        enum CodingKeys: String, CodingKey {
            case directory, json, requirements, preset, limit, jobs, perImage
        }

        mutating func validate() throws {
            parsedRequirements = []
            for expression in requirements {
                switch Result(catching: { () throws(RequirementParseError) in try ValidationRequirement.parse(expression) }) {
                case .success(let requirement): parsedRequirements.append(requirement)
                case .failure(let error): throw ValidationError(error.description)
                }
            }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let clock = ContinuousClock()
            let start = clock.now
            var errors: [ValidationInputError] = []

            let truthPaths: [String]
            switch Result(catching: { () throws(ValidationInputError) in try ValidationDataset.truthFiles(under: directory) }) {
            case .success(let paths): truthPaths = paths
            case .failure(let error):
                report(error)
                throw ExitCode(1)
            }
            var cases: [ValidationCase] = []
            for path in truthPaths {
                switch Result(catching: { () throws(ValidationInputError) in
                    try ValidationDataset.loadCase(truthPath: path, root: directory)
                }) {
                case .success(let item): cases.append(item)
                case .failure(let error):
                    report(error)
                    errors.append(error)
                }
            }
            if let preset { cases = cases.filter { $0.truth.preset == preset } }
            if let limit { cases = Array(cases.prefix(limit)) }
            guard !cases.isEmpty else {
                let scope = preset.map { " of preset '\($0)'" } ?? ""
                report(ValidationInputError(file: directory, reason: "no images\(scope) with a *.truth.json file to validate"))
                throw ExitCode(1)
            }

            let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            var scores: [ImageScore] = []
            for result in ValidationRunner.run(cases, jobs: workers) {
                switch result {
                case .success(let score): scores.append(score)
                case .failure(let error):
                    report(error)
                    errors.append(error)
                }
            }

            let summary = ScoreAggregator.summarize(scores)
            if perImage { print(ValidationTable.renderImages(scores)) }
            print(ValidationTable.render(summary), terminator: "")
            let outcomes = parsedRequirements.map { $0.check(summary) }
            if !outcomes.isEmpty {
                print("\nRequirements")
                for outcome in outcomes { print("  \(outcome)") }
            }

            var writeFailed = false
            if let json {
                let document = ValidationReport(images: scores, errors: errors, summary: summary, requirements: outcomes)
                let folder = (json as NSString).deletingLastPathComponent
                do {
                    if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                } catch {
                    report(ValidationInputError(file: folder, reason: "cannot create the folder for --json"))
                    writeFailed = true
                }
                if !writeFailed {
                    do {
                        try AtomicFile.write(Array(try document.jsonData()), to: json)
                    } catch {
                        FileHandle.standardError.write(Data("trichometry validate: \(error)\n".utf8))
                        writeFailed = true
                    }
                }
            }

            let elapsed = (clock.now - start).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let failedNote = errors.isEmpty ? "" : ", \(errors.count) could not be used"
            print("\nScored \(scores.count) image(s)\(failedNote) in \(String(format: "%.2f", seconds)) s"
                  + " with \(min(workers, cases.count)) job(s).")

            if !errors.isEmpty || writeFailed { throw ExitCode(1) }
            if outcomes.contains(where: { !$0.passed }) {
                FileHandle.standardError.write(Data("trichometry validate: \(outcomes.filter { !$0.passed }.count) requirement(s) failed\n".utf8))
                throw ExitCode(2)
            }
        }

        private func report(_ error: ValidationInputError) {
            FileHandle.standardError.write(Data("trichometry validate: \(error)\n".utf8))
        }
    }
}
