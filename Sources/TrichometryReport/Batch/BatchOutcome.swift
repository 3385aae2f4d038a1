/// How one image of a batch went, for progress lines and the exit status.
public struct BatchOutcome: Sendable, Equatable {
    public var file: String
    public var path: String
    public var succeeded: Bool
    public var hairCount: Int
    /// The error row's message when `succeeded` is false.
    public var error: String?
    /// Wall time spent on the image (decode, analysis, overlay, mask).
    public var seconds: Double
}
