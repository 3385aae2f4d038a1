import ArgumentParser

/// The `trichometry` command. Each subcommand lives in its own file as an extension of this type.
@main
struct Trichometry: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "trichometry",
        abstract: "Validated hair measurements from trichoscopy images.",
        discussion: """
            Examples:
              trichometry analyze SampleImages --um-per-px 3 --overlays out/overlays --hairs out/hairs.csv
              trichometry info SampleImages/*.png
              trichometry phantom --preset natural --count 5 --seed 1 --out phantoms
              trichometry validate phantoms --require f1>=0.95
            """,
        version: version,
        subcommands: [Analyze.self, Info.self, Phantom.self, Validate.self, Merge.self, Bench.self]
    )
}
