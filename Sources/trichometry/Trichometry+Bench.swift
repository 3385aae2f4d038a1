import ArgumentParser
import Foundation
import TrichometryImageIO

extension Trichometry {
    /// Benchmarks, one subcommand per area. Run them from a release build:
    /// `swift run -c release trichometry bench io`.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the expensive steps (use a release build).",
            subcommands: [IO.self]
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
