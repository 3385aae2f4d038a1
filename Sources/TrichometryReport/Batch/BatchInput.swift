/// One image of a batch.
public struct BatchInput: Sendable, Equatable {
    /// The path to open and to show in messages: the argument as given, joined with the path below it.
    public var path: String
    /// The path relative to the input root, `/`-separated: the tables' `file` column and the
    /// relative path of the image's overlay and mask.
    public var file: String
    /// The standardized absolute path.
    public var absolutePath: String

    public init(path: String, file: String, absolutePath: String) {
        self.path = path; self.file = file; self.absolutePath = absolutePath
    }
}
