/// A `--require` expression that cannot be understood. The message is one line and quotes the expression.
public struct RequirementParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var expression: String
    public var reason: String

    public init(expression: String, reason: String) {
        self.expression = expression
        self.reason = reason
    }

    public var description: String { "bad requirement '\(expression)': \(reason)" }
}
