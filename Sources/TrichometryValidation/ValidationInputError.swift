/// A truth file or image that cannot be used. One line, naming the file; the run goes on without it.
public struct ValidationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
