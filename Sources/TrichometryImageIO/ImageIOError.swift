/// Why reading or writing an image (or any file written through `AtomicFile`) failed.
///
/// `description` is one line, `PATH: reason`, fit to print next to the other files of a batch.
public struct ImageIOError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        case notFound
        case permissionDenied
        case isAFolder
        case empty
        case notAnImage
        case unsupportedFormat(String)
        case truncated
        case corrupt(String)
        case tooLarge(String)
        case outOfMemory
        case folderMissing
        case notWritable
        case diskFull
        case invalidImage(String)
        case readFailed(String)
        case writeFailed(String)

        public var description: String {
            switch self {
            case .notFound: return "not found"
            case .permissionDenied: return "permission denied"
            case .isAFolder: return "is a folder, not a file"
            case .empty: return "empty file"
            case .notAnImage: return "not an image (neither PNG nor JPEG content)"
            case .unsupportedFormat(let detail): return "unsupported format: \(detail)"
            case .truncated: return "truncated: the file ends before the image data does"
            case .corrupt(let detail): return "corrupt: \(detail)"
            case .tooLarge(let detail): return "too large: \(detail)"
            case .outOfMemory: return "out of memory while decoding"
            case .folderMissing: return "folder missing"
            case .notWritable: return "not writable"
            case .diskFull: return "disk full"
            case .invalidImage(let detail): return "cannot encode: \(detail)"
            case .readFailed(let detail): return "read failed: \(detail)"
            case .writeFailed(let detail): return "write failed: \(detail)"
            }
        }
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        // Keep it one line whatever a library put into a detail string.
        let line = "\(path): \(reason)"
        return String(line.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
