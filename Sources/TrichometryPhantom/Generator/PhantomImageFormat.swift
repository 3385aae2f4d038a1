/// Image file formats the phantom command writes.
public enum PhantomImageFormat: String, CaseIterable, Sendable {
    case png
    case jpeg

    public var fileExtension: String { self == .png ? "png" : "jpg" }
}
