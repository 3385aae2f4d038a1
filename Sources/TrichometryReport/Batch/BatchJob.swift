/// One image to analyse and where its overlay and mask go.
public struct BatchJob: Sendable {
    public var input: BatchInput
    /// The image's settings, or why they could not be resolved (reported as the image's error row).
    public var settings: Result<ResolvedSettings, SettingsError>
    public var overlayPath: String?
    public var maskPath: String?

    public init(input: BatchInput, settings: Result<ResolvedSettings, SettingsError>,
                overlayPath: String? = nil, maskPath: String? = nil) {
        self.input = input; self.settings = settings; self.overlayPath = overlayPath; self.maskPath = maskPath
    }
}
