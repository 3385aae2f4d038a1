import ArgumentParser
import Foundation
import TrichometryReport

/// One `trichometry analyze` invocation after its arguments parsed: collects the inputs, checks the
/// outputs, resolves settings, then hands the images to `BatchRunner`. Returns the exit status.
struct AnalyzeRun {
    /// Exit statuses beyond 0 and 1, after sysexits.h.
    enum Status {
        static let usage: Int32 = 64
        static let noInput: Int32 = 66
        static let cannotCreate: Int32 = 73
        static let ioError: Int32 = 74
    }

    let command: Trichometry.Analyze

    private func fail(_ status: Int32, _ message: String) -> Int32 {
        AnalyzeProgress.write("trichometry analyze: \(message)\n")
        return status
    }

    func execute() throws -> Int32 {
        let outputs = command.outputs
        let format = outputs.reportFormat!

        // Inputs: arguments, with `-` replaced by the paths on stdin.
        var arguments: [String] = []
        for input in command.inputs {
            if input == "-" {
                while let line = readLine(strippingNewline: true) {
                    let path = line.hasSuffix("\r") ? String(line.dropLast()) : line
                    if !path.isEmpty { arguments.append(path) }
                }
            } else {
                arguments.append(input)
            }
        }
        guard !arguments.isEmpty else { return fail(Status.noInput, "no input paths on stdin") }

        let outputFolders = [outputs.overlaysFolder, outputs.masksFolder].compactMap { $0 }.map(InputCollector.absolute)
        let collection: InputCollection
        do {
            collection = try InputCollector.collect(arguments, excludedFolders: outputFolders)
        } catch {
            return fail(Status.noInput, error.description)
        }

        // Outputs must never land inside an input folder (unless asked) nor on an input.
        let inputFolders = arguments.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        }
        if !outputs.allowOutputInsideInput {
            for (flag, folder) in [("--overlays", outputs.overlaysFolder), ("--masks", outputs.masksFolder)] {
                guard let folder else { continue }
                if let input = inputFolders.first(where: { InputCollector.isInside(InputCollector.absolute(folder), InputCollector.absolute($0)) }) {
                    return fail(Status.usage, "\(flag) \(folder) is inside the input folder \(input); its PNGs would be taken for inputs next time. Choose another folder or pass --allow-output-inside-input.")
                }
            }
        }
        guard !collection.images.isEmpty else {
            return fail(Status.noInput, "no images (PNG or JPEG) found in \(arguments.joined(separator: ", "))")
        }
        let overlayNames = Self.outputNames(collection.images.map(\.file))
        let inputPaths = Set(collection.images.map(\.absolutePath))
        var outputFiles: [(String, String)] = [outputs.summaryFile, outputs.hairsPath, outputs.unitsPath]
            .compactMap { $0 }.map { ($0, InputCollector.absolute($0)) }
        for folder in [outputs.overlaysFolder, outputs.masksFolder].compactMap({ $0 }) {
            outputFiles += overlayNames.map { (folder + "/" + $0, InputCollector.absolute(folder + "/" + $0)) }
        }
        if let clash = outputFiles.first(where: { inputPaths.contains($0.1) }) {
            return fail(Status.usage, "\(clash.0) is an input image; refusing to overwrite it.")
        }

        // The shard, then each image's settings.
        var indices = Array(collection.images.indices)
        if let shardText = command.shard, let shard = Trichometry.Analyze.parseShard(shardText) {
            indices = Array(PathOrdering.shardRange(index: shard.index, count: shard.count, total: indices.count))
        }
        let resolver = SettingsResolver(root: collection.root, commandLine: commandLineLayer(),
                                        allowsUncalibrated: command.calibration.uncalibrated)
        var jobs: [BatchJob] = []
        var missingCalibration = 0
        for i in indices {
            let input = collection.images[i]
            let settings: Result<ResolvedSettings, SettingsError>
            do {
                settings = .success(try resolver.resolve(input))
            } catch {
                if error == SettingsResolver.missingCalibration(input.path) { missingCalibration += 1 }
                settings = .failure(error)
            }
            jobs.append(BatchJob(
                input: input, settings: settings,
                overlayPath: outputs.overlaysFolder.map { $0 + "/" + overlayNames[i] },
                maskPath: outputs.masksFolder.map { $0 + "/" + overlayNames[i] }))
        }
        if !jobs.isEmpty && missingCalibration == jobs.count {
            let reason = SettingsResolver.missingCalibration("x").reason
            return fail(Status.usage, reason)
        }

        // Tables: created afresh, or reopened after the rows a previous run completed.
        let tables: OpenedTables
        do {
            tables = try openTables(format: format)
        } catch {
            return fail(Status.cannotCreate, error.description)
        }
        let (summary, hairs, units, done) = (tables.summary, tables.hairs, tables.units, tables.done)
        let earlierFailures = tables.earlierFailures
        let pending = jobs.filter { !done.contains($0.input.file) }

        let progress = AnalyzeProgress(total: pending.count, quiet: command.quiet)
        if !collection.skipped.isEmpty {
            let examples = collection.skipped.prefix(3).map { $0.reason == "not an image" ? $0.path : "\($0.path) (\($0.reason))" }
                .joined(separator: ", ")
            progress.note("skipped \(collection.skipped.count) \(collection.skipped.count == 1 ? "file that is not an image" : "files that are not images"): \(examples)\(collection.skipped.count > 3 ? ", …" : "")")
        }
        if command.resume && !done.isEmpty {
            progress.note("resuming: \(jobs.count - pending.count) of \(jobs.count) images already in \(outputs.summaryFile!)")
        }

        progress.start()
        let runner = BatchRunner(jobs: pending, workers: command.jobs, summary: summary, hairs: hairs, units: units)
        let started = DispatchTime.now().uptimeNanoseconds
        let outcomes: [BatchOutcome]
        do {
            outcomes = try runner.run { outcome, count in progress.imageDone(outcome, done: count) }
            try hairs?.finish()
            try units?.finish()
            try summary.finish()
        } catch {
            progress.finish()
            return fail(Status.ioError, error.description)
        }
        progress.finish()
        let failed = outcomes.filter { !$0.succeeded }.count
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        progress.note("analyzed \(outcomes.count) \(outcomes.count == 1 ? "image" : "images") in \(DecimalFormatting.fixed(seconds, digits: 1)) s: \(outcomes.count - failed) ok, \(failed) failed")
        if earlierFailures > 0 {
            progress.note("\(earlierFailures) \(earlierFailures == 1 ? "image" : "images") failed in the run being resumed (their error rows are kept)")
        }
        return failed + earlierFailures > 0 ? 1 : 0
    }

    /// Creates the tables, or with --resume reopens them after the rows a previous run completed
    /// (per-hair and per-unit rows of images without a summary row are dropped).
    struct OpenedTables {
        var summary: TableWriter
        var hairs: TableWriter?
        var units: TableWriter?
        /// Images a resumed run finds already in the summary.
        var done: Set<String>
        /// How many of those have error rows: they still make the run's exit status 1.
        var earlierFailures: Int
    }

    func openTables(format: ReportFormat) throws(TableError) -> OpenedTables {
        let outputs = command.outputs
        try Self.createFolders(for: [outputs.summaryFile, outputs.hairsPath, outputs.unitsPath])
        if command.resume, let path = outputs.summaryFile {
            let (summary, kept) = try TableWriter.resume(path: path, format: format, columns: ReportColumns.summary) { _ in true }
            let done = Set(kept.map(\.file))
            var hairs: TableWriter? = nil, units: TableWriter? = nil
            if let path = outputs.hairsPath {
                hairs = try TableWriter.resume(path: path, format: format, columns: ReportColumns.hairs) { done.contains($0.file) }.0
            }
            if let path = outputs.unitsPath {
                units = try TableWriter.resume(path: path, format: format, columns: ReportColumns.units) { done.contains($0.file) }.0
            }
            let failures = kept.filter { $0.status == ReportRows.errorStatus }.count
            return OpenedTables(summary: summary, hairs: hairs, units: units, done: done, earlierFailures: failures)
        }
        let summary = try TableWriter.create(path: outputs.summaryFile, format: format, columns: ReportColumns.summary)
        var hairs: TableWriter? = nil, units: TableWriter? = nil
        if let path = outputs.hairsPath {
            hairs = try TableWriter.create(path: path, format: format, columns: ReportColumns.hairs)
        }
        if let path = outputs.unitsPath {
            units = try TableWriter.create(path: path, format: format, columns: ReportColumns.units)
        }
        return OpenedTables(summary: summary, hairs: hairs, units: units, done: [], earlierFailures: 0)
    }

    func commandLineLayer() -> SettingsLayer {
        let c = command.calibration, k = command.classification
        let source = c.umPerPx != nil ? "flag:--um-per-px" : c.fieldWidthMm != nil ? "flag:--field-width-mm" : "flag"
        return SettingsLayer(source: source, umPerPx: c.umPerPx, fieldWidthMm: c.fieldWidthMm,
                             vellusMaxUm: k.vellusMaxUm, intermediate: k.intermediate ? true : nil,
                             terminalMinUm: k.terminalMinUm, daysSinceClipping: k.daysSinceClipping,
                             anagenMinUm: k.anagenMinUm)
    }

    /// Overlay and mask file names: the image's relative path with `.png` for its extension, or with
    /// `.png` added when two images differ only by extension (`a.jpg`, `a.png` → `a.jpg.png`, `a.png.png`).
    static func outputNames(_ files: [String]) -> [String] {
        let replaced = files.map { ($0 as NSString).deletingPathExtension + ".png" }
        var counts: [String: Int] = [:]
        for name in replaced { counts[name, default: 0] += 1 }
        return zip(files, replaced).map { file, name in counts[name]! > 1 ? file + ".png" : name }
    }

    static func createFolders(for paths: [String?]) throws(TableError) {
        for path in paths.compactMap({ $0 }) {
            let folder = (path as NSString).deletingLastPathComponent
            guard !folder.isEmpty else { continue }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw TableError(path: folder, reason: "cannot create folder")
            }
        }
    }
}
