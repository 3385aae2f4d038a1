import ArgumentParser

extension Trichometry {
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "(not yet built)")
        func run() throws { throw CleanExit.message("not yet built") }
    }
}
