import ArgumentParser
import Foundation
import TrichometryPhantom

extension Trichometry {
    /// `trichometry phantom`: synthetic trichoscopy images with per-hair ground truth.
    struct Phantom: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make synthetic trichoscopy images with ground truth (<stem>.truth.json) and a calibration sidecar (<stem>.json).",
            discussion: """
                Presets: \(PhantomPreset.allCases.map(\.rawValue).joined(separator: ", ")).

                Files are named <preset>-<seed>-<index>.png|jpg, each with <preset>-<seed>-<index>.truth.json beside it. The same preset, seed and index always give the same pixels and truth.

                Beside each image goes its calibration sidecar <preset>-<seed>-<index>.json (um_per_px, plus days_since_clipping for clipped presets), so `trichometry analyze` reads the folder calibrated with no flags. --no-sidecar leaves it out.

                Presets and the rendering model: Docs/Phantoms.md. Truth fields: Docs/TruthSchema.md.

                Example:
                  trichometry phantom --preset natural --count 20 --seed 1 --out phantoms
                """)

        @Option(help: ArgumentHelp("Preset: clipped, natural, light, dense, artifacts or calibration.", valueName: "name"))
        var preset: String

        @Option(help: ArgumentHelp("Number of images.", valueName: "n"))
        var count: Int = 1

        @Option(help: ArgumentHelp("Seed of the set (any 64-bit unsigned integer).", valueName: "s"))
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Output folder (created if missing).", valueName: "dir"))
        var out: String

        @Option(name: .customLong("um-per-px"),
                help: ArgumentHelp("Micrometres per pixel (default: drawn from the preset's range).", valueName: "x"))
        var umPerPx: Double?

        @Option(help: ArgumentHelp("Image size (default 1280x1024).", valueName: "WxH"))
        var size: String?

        @Option(help: ArgumentHelp("Image format: png or jpeg (default: jpeg for artifacts, png otherwise).", valueName: "fmt"))
        var format: String?

        @Option(help: ArgumentHelp("JPEG quality 1-100 (default: 70 for artifacts, 92 otherwise).", valueName: "q"))
        var quality: Int?

        @Flag(inversion: .prefixedNo,
              help: "Write the calibration sidecar <stem>.json beside each image (default: on).")
        var sidecar = true

        func run() throws {
            guard let chosen = PhantomPreset(rawValue: preset.lowercased()) else {
                throw ValidationError(PhantomError.unknownPreset(preset).description)
            }
            guard (1...10_000).contains(count) else { throw ValidationError(PhantomError.invalidCount(count).description) }
            var width = 1280, height = 1024
            if let size {
                do { (width, height) = try PhantomRequest.parseSize(size) } catch let error as PhantomError {
                    throw ValidationError(error.description)
                }
            }
            if let umPerPx, !(umPerPx >= 0.2 && umPerPx <= 50) {
                throw ValidationError(PhantomError.invalidScale(umPerPx).description)
            }
            let imageFormat: PhantomImageFormat
            switch format?.lowercased() {
            case nil: imageFormat = chosen.defaultFormat
            case "png": imageFormat = .png
            case "jpeg", "jpg": imageFormat = .jpeg
            case let other?: throw ValidationError("invalid format '\(other)': expected png or jpeg")
            }
            let jpegQuality = quality ?? chosen.defaultJPEGQuality
            guard (1...100).contains(jpegQuality) else { throw ValidationError(PhantomError.invalidQuality(jpegQuality).description) }

            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw PhantomCommandError("cannot create output folder \(out): \(error.localizedDescription)")
            }
            for index in 0..<count {
                let request = PhantomRequest(preset: chosen, seed: seed, index: index, width: width, height: height,
                                             umPerPx: umPerPx)
                do {
                    let sample = try PhantomGenerator.generate(request, format: imageFormat)
                    let paths = try PhantomWriter.write(sample, to: out, format: imageFormat, jpegQuality: jpegQuality,
                                                        writesSidecar: sidecar)
                    let totals = sample.truth.totals
                    print("\(paths.image): \(totals.hairCount) hairs, \(String(format: "%.1f", totals.densityPerCm2))/cm², " +
                          "\(String(format: "%.2f", sample.truth.umPerPx)) µm/px")
                } catch let error as PhantomError {
                    throw PhantomCommandError(error.description)
                }
            }
        }
    }

    /// A one-line failure printed as `Error: ...` with exit status 1.
    struct PhantomCommandError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
