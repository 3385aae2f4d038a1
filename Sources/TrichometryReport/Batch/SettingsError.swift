/// A device profile or sidecar could not be used, or an image has no calibration.
/// `description` is one line naming the file.
public struct SettingsError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
