import TrichometryPhantom

/// One image to validate: its truth, where it was read from and where its image is.
public struct ValidationCase: Sendable, Equatable {
    /// The truth file's path relative to the validated folder: the row label in tables and JSON.
    public var name: String
    public var truthPath: String
    public var imagePath: String
    public var truth: PhantomTruth

    public init(name: String, truthPath: String, imagePath: String, truth: PhantomTruth) {
        self.name = name
        self.truthPath = truthPath
        self.imagePath = imagePath
        self.truth = truth
    }
}
