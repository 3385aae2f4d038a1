import ArgumentParser

/// `analyze` options passed on to the pipeline's classification (batch defaults under profiles and sidecars).
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
