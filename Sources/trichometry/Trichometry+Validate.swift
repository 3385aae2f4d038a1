import ArgumentParser

extension Trichometry {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "(not yet built)")
        func run() throws { throw CleanExit.message("not yet built") }
    }
}
