/// Everything that can go wrong while making phantoms, each with a one-line message.
public enum PhantomError: Error, CustomStringConvertible, Equatable {
    case unknownPreset(String)
    case invalidSize(String)
    case invalidScale(Double)
    case invalidCount(Int)
    case invalidQuality(Int)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownPreset(let name):
            let known = PhantomPreset.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown phantom preset '\(name)' (known: \(known))"
        case .invalidSize(let text):
            return "invalid image size '\(text)': expected WxH with each side between 32 and 8192 pixels and at most 25 megapixels"
        case .invalidScale(let value):
            return "invalid µm per pixel \(value): expected a value between 0.2 and 50"
        case .invalidCount(let value):
            return "invalid image count \(value): expected 1 to 10000"
        case .invalidQuality(let value):
            return "invalid JPEG quality \(value): expected 1 to 100"
        case .writeFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
