import ArgumentParser
import TrichometryImageIO

/// The `trichometry` command. Each subcommand lives in its own file as an extension of this type.
@main
struct Trichometry: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "trichometry",
        abstract: "Validated hair measurements from trichoscopy images.",
        discussion: """
            Examples:
              trichometry analyze SampleImages --summary out/summary.csv --hairs out/hairs.csv --overlays out/overlays
              trichometry analyze scans/ --um-per-px 3.2 --days-since-clipping 2 --jobs 2 > summary.csv
              trichometry info SampleImages
              trichometry phantom --preset natural --count 5 --seed 1 --out phantoms
              trichometry validate phantoms --require 'f1>=0.6' --json validation.json
            """,
        version: version,
        subcommands: [Analyze.self, Info.self, Phantom.self, Validate.self, Merge.self, Bench.self]
    )

    static func main() {
        // Before any image is read: the analysis allocates and frees image-sized planes throughout.
        BufferReuse.keepFreedImageBuffers()
        main(nil)
    }
}
