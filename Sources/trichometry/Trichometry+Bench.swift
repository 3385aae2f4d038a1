import ArgumentParser
import Foundation
import TrichometryImageIO
import TrichometryPhantom
import TrichometryReport

extension Trichometry {
    /// Benchmarks, one subcommand per area. Run them from a release build:
    /// `swift run -c release trichometry bench io`.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the expensive steps (use a release build).",
            subcommands: [IO.self, Pipeline.self]
        )
    }
}

extension Trichometry.Bench {
    struct IO: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "io",
            abstract: "JPEG decode against libjpeg-turbo alone, and PNG overlay encoding.",
            discussion: """
                Builds a synthetic scalp-like RGB image of about --megapixels, encodes it as a \
                quality-90 JPEG in memory, then alternates: our decode (ImageDecoder, RGB and \
                luminance) and libjpeg-turbo decoding the same bytes through the plain libjpeg API \
                in C (no Swift, no checks), then PNG encoding at zlib level 1. Prints medians.
                """
        )

        @Option(help: "Image size in megapixels.")
        var megapixels: Double = 5

        @Option(help: "Timed runs of each step (the median is reported).")
        var runs: Int = 7

        @Option(help: ArgumentHelp("Also write the results as JSON.", valueName: "file"))
        var json: String?

        func validate() throws {
            guard megapixels > 0, megapixels <= 100 else { throw ValidationError("--megapixels must be in (0, 100].") }
            guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
        }

        func run() throws {
            #if DEBUG
            FileHandle.standardError.write(Data("warning: debug build; timings mean little (use swift run -c release)\n".utf8))
            #endif
            let report: IOBenchmark.Report
            do {
                report = try IOBenchmark.run(megapixels: megapixels, runs: runs)
            } catch {
                FileHandle.standardError.write(Data("trichometry bench io: \(error)\n".utf8))
                throw ExitCode(1)
            }
            print("image: \(report.width)x\(report.height) RGB, JPEG \(report.jpegBytes) bytes, PNG \(report.pngBytes) bytes, \(runs) runs")
            for measurement in report.measurements {
                let label = measurement.name.padding(toLength: 48, withPad: " ", startingAt: 0)
                print(label + String(format: " median %8.2f ms   min %8.2f ms", measurement.medianMilliseconds,
                                             measurement.minimumMilliseconds))
            }
            let rgbRatio = ratio(report, IOBenchmark.ourRGBDecode, IOBenchmark.referenceRGBDecode)
            let grayRatio = ratio(report, IOBenchmark.ourLuminanceDecode, IOBenchmark.referenceLuminanceDecode)
            print(String(format: "decode ratio (ours / libjpeg-turbo, ratio of medians): RGB %.3fx, luminance %.3fx (target <= 1.10x)",
                         rgbRatio, grayRatio))
            let pairedRGB = report.pairedRatio(IOBenchmark.ourRGBDecode, IOBenchmark.referenceRGBDecode) ?? 0
            let pairedGray = report.pairedRatio(IOBenchmark.ourLuminanceDecode, IOBenchmark.referenceLuminanceDecode) ?? 0
            print(String(format: "decode ratio (median of back-to-back pairs):          RGB %.3fx, luminance %.3fx", pairedRGB, pairedGray))
            print(String(format: "PNG encode: %.1f ms (target < 250 ms)", report.median(IOBenchmark.pngEncode) ?? 0))
            if let json {
                try writeJSON(report, rgbRatio: rgbRatio, grayRatio: grayRatio, pairedRGB: pairedRGB, pairedGray: pairedGray, to: json)
            }
        }

        private func ratio(_ report: IOBenchmark.Report, _ ours: String, _ reference: String) -> Double {
            guard let a = report.median(ours), let b = report.median(reference), b > 0 else { return 0 }
            return a / b
        }

        private struct Output: Encodable {
            struct Step: Encodable {
                var name: String
                var medianMilliseconds: Double
                var minimumMilliseconds: Double
                var runsMilliseconds: [Double]
            }
            var width: Int
            var height: Int
            var jpegBytes: Int
            var pngBytes: Int
            var runs: Int
            var steps: [Step]
            var decodeRatioRGB: Double
            var decodeRatioLuminance: Double
            var pairedDecodeRatioRGB: Double
            var pairedDecodeRatioLuminance: Double
            var processors: Int
        }

        private func writeJSON(_ report: IOBenchmark.Report, rgbRatio: Double, grayRatio: Double,
                               pairedRGB: Double, pairedGray: Double, to path: String) throws {
            let output = Output(
                width: report.width, height: report.height, jpegBytes: report.jpegBytes, pngBytes: report.pngBytes,
                runs: runs,
                steps: report.measurements.map { .init(name: $0.name, medianMilliseconds: $0.medianMilliseconds,
                                           minimumMilliseconds: $0.minimumMilliseconds, runsMilliseconds: $0.runs) },
                decodeRatioRGB: rgbRatio, decodeRatioLuminance: grayRatio,
                pairedDecodeRatioRGB: pairedRGB, pairedDecodeRatioLuminance: pairedGray,
                processors: ProcessInfo.processInfo.activeProcessorCount)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try AtomicFile.write(Array(try encoder.encode(output)) + [0x0A], to: path)
            } catch let error as ImageIOError {
                FileHandle.standardError.write(Data("trichometry bench io: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

extension Trichometry.Bench {
    struct Pipeline: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pipeline",
            abstract: "Per-stage timings of the analysis on phantom JPEGs of several sizes, and peak memory.",
            discussion: """
                Renders one phantom image per size in memory (4:3, --preset, --seed, fixed --um-per-px so the \
                scene scales with the pixel count), encodes it as a quality-92 JPEG, then runs decode → \
                analysis → summary and hair rows → overlay → PNG (zlib level 1) --runs times after one \
                warm-up run, single-threaded. Prints the median of each stage, ms per megapixel and the peak \
                resident memory (VmHWM, reset before each size) above the resident set before it.
                """
        )

        @Option(help: ArgumentHelp("Image sizes in megapixels, comma-separated.", valueName: "list"))
        var sizes: String = "1,5,12,24"

        @Option(help: "Timed runs per size (the median is reported).")
        var runs: Int = 5

        @Option(help: "Phantom preset.")
        var preset: String = "natural"

        @Option(help: "Phantom seed.")
        var seed: UInt64 = 1

        @Option(name: .customLong("um-per-px"), help: "Scale of every image.")
        var umPerPx: Double = 3.0

        @Option(help: ArgumentHelp("Also write the results as JSON.", valueName: "file"))
        var json: String?

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
            guard PhantomPreset(rawValue: preset) != nil else { throw ValidationError("unknown preset \(preset)") }
            guard !megapixelList.isEmpty, megapixelList.allSatisfy({ $0 > 0 && $0 <= 25 }) else {
                throw ValidationError("--sizes: megapixels in (0, 25], e.g. 1,5,12,24")
            }
        }

        private var megapixelList: [Double] { sizes.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

        func run() throws {
            #if DEBUG
            FileHandle.standardError.write(Data("warning: debug build; timings mean little (use swift run -c release)\n".utf8))
            #endif
            var reports: [PipelineBenchmark.Report] = []
            for megapixels in megapixelList {
                let width = Int((megapixels * 1_000_000 * 4 / 3).squareRoot())
                let height = Int(megapixels * 1_000_000) / width
                let input: PipelineBenchmark.Input
                do {
                    let sample = try PhantomGenerator.generate(
                        PhantomRequest(preset: PhantomPreset(rawValue: preset)!, seed: seed, width: width, height: height,
                                       umPerPx: umPerPx), format: .jpeg)
                    let jpeg = try ImageEncoder.encodeJPEG(sample.image, quality: 92)
                    input = .init(label: "\(preset)-\(width)x\(height)", jpeg: jpeg, micronsPerPixel: umPerPx)
                } catch {
                    FileHandle.standardError.write(Data("trichometry bench pipeline: \(error)\n".utf8))
                    throw ExitCode(1)
                }
                FileHandle.standardError.write(Data("\(input.label): \(runs) runs...\n".utf8))
                do {
                    reports.append(try PipelineBenchmark.run(input, runs: runs))
                } catch {
                    FileHandle.standardError.write(Data("trichometry bench pipeline: \(error)\n".utf8))
                    throw ExitCode(1)
                }
            }
            printTable(reports)
            if let json { try writeJSON(reports, to: json) }
        }

        private func printTable(_ reports: [PipelineBenchmark.Report]) {
            func cell(_ s: String, _ width: Int) -> String {
                String(repeating: " ", count: max(0, width - s.count)) + s
            }
            print("median ms over \(runs) runs, single-threaded, \(ProcessInfo.processInfo.activeProcessorCount) cores; " +
                  "preset \(preset), \(umPerPx) µm/px, JPEG quality 92")
            var header = "stage".padding(toLength: 22, withPad: " ", startingAt: 0)
            for r in reports { header += cell("\(r.width)x\(r.height)", 12) + cell("ms/MP", 8) }
            print(header)
            for name in PipelineBenchmark.stageOrder {
                var line = name.padding(toLength: 22, withPad: " ", startingAt: 0)
                for r in reports {
                    let ms = r.median(name) ?? 0
                    line += cell(String(format: "%.1f", ms), 12) + cell(String(format: "%.1f", ms / r.megapixels), 8)
                }
                print(line)
            }
            var ratios = "analysis / decode".padding(toLength: 22, withPad: " ", startingAt: 0)
            var drawing = "(overlay+PNG) / decode".padding(toLength: 22, withPad: " ", startingAt: 0)
            var memory = "peak MB (B/px)".padding(toLength: 22, withPad: " ", startingAt: 0)
            var hairs = "hairs found".padding(toLength: 22, withPad: " ", startingAt: 0)
            for r in reports {
                let d = max(r.median(PipelineBenchmark.decode) ?? 1, 1e-9)
                ratios += cell(String(format: "%.2fx", (r.median(PipelineBenchmark.analysis) ?? 0) / d), 20)
                let draw = (r.median(PipelineBenchmark.overlay) ?? 0) + (r.median(PipelineBenchmark.png) ?? 0)
                drawing += cell(String(format: "%.2fx", draw / d), 20)
                memory += cell(String(format: "%.0f (%.1f)", Double(r.peakResidentBytes) / 1e6, r.workerBytesPerPixel), 20)
                hairs += cell("\(r.hairs)", 20)
            }
            print(ratios); print(drawing); print(memory); print(hairs)
        }

        private struct Output: Encodable {
            struct Size: Encodable {
                var label: String
                var width: Int
                var height: Int
                var megapixels: Double
                var jpegBytes: Int
                var hairs: Int
                var stages: [Stage]
                var peakResidentBytes: Int
                var residentBeforeBytes: Int
                var workerBytesPerPixel: Double
                var analysisOverDecode: Double
                var drawingOverDecode: Double
            }
            struct Stage: Encodable {
                var name: String
                var medianMilliseconds: Double
                var minimumMilliseconds: Double
                var millisecondsPerMegapixel: Double
                var runsMilliseconds: [Double]
            }
            var preset: String
            var umPerPx: Double
            var runs: Int
            var processors: Int
            var sizes: [Size]
        }

        private func writeJSON(_ reports: [PipelineBenchmark.Report], to path: String) throws {
            let sizes = reports.map { r -> Output.Size in
                let d = max(r.median(PipelineBenchmark.decode) ?? 1, 1e-9)
                let draw = (r.median(PipelineBenchmark.overlay) ?? 0) + (r.median(PipelineBenchmark.png) ?? 0)
                return Output.Size(
                    label: r.label, width: r.width, height: r.height, megapixels: r.megapixels, jpegBytes: r.jpegBytes,
                    hairs: r.hairs,
                    stages: r.stages.map { .init(name: $0.name, medianMilliseconds: $0.medianMilliseconds,
                                                 minimumMilliseconds: $0.minimumMilliseconds,
                                                 millisecondsPerMegapixel: $0.medianMilliseconds / r.megapixels,
                                                 runsMilliseconds: $0.runs) },
                    peakResidentBytes: r.peakResidentBytes, residentBeforeBytes: r.residentBeforeBytes,
                    workerBytesPerPixel: r.workerBytesPerPixel,
                    analysisOverDecode: (r.median(PipelineBenchmark.analysis) ?? 0) / d, drawingOverDecode: draw / d)
            }
            let output = Output(preset: preset, umPerPx: umPerPx, runs: runs,
                                processors: ProcessInfo.processInfo.activeProcessorCount, sizes: sizes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try AtomicFile.write(Array(try encoder.encode(output)) + [0x0A], to: path)
            } catch {
                FileHandle.standardError.write(Data("trichometry bench pipeline: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
