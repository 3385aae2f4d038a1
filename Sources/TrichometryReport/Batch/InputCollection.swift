/// Everything a batch found to analyse.
public struct InputCollection: Sendable {
    /// A file that was looked at and left out, and why.
    public struct Skipped: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// Absolute path of the input root: the deepest folder holding every input (a single folder
    /// argument is its own root). `file` columns are relative to it; profiles are searched up to it.
    public var root: String
    /// Sorted by `file` (byte order), without duplicates.
    public var images: [BatchInput]
    public var skipped: [Skipped]
}
