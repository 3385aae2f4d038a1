#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads with errno turned into `ImageIOError` reasons (Foundation's errors are too
/// vague to say "permission denied" versus "not found" reliably across platforms).
enum FileSystemCalls {
    /// Files larger than this are refused before reading: no PNG or JPEG within the pixel limit
    /// needs it, and a mistaken path to a disk image should not exhaust memory.
    static let maximumFileBytes = 1 << 30

    static func readAll(_ path: String) throws(ImageIOError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw ImageIOError(path: path, reason: reasonForReading(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ImageIOError(path: path, reason: reasonForReading(errno)) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw ImageIOError(path: path, reason: .isAFolder) }
        let expected = Int(status.st_size)
        if expected > maximumFileBytes {
            throw ImageIOError(path: path, reason: .tooLarge("file is \(expected) bytes, over the 1 GiB limit"))
        }
        var bytes = [UInt8](repeating: 0, count: max(expected, 0))
        var filled = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            while filled < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { break }
                filled += got
            }
        }
        if failure != 0 { throw ImageIOError(path: path, reason: reasonForReading(failure)) }
        if filled < bytes.count { bytes.removeSubrange(filled...) }
        // Files that grew (or pipes reporting size 0) are read to their real end.
        if filled == expected {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if got < 0 && errno == EINTR { continue }
                if got < 0 { throw ImageIOError(path: path, reason: reasonForReading(errno)) }
                if got == 0 { break }
                bytes.append(contentsOf: chunk[0..<got])
                if bytes.count > maximumFileBytes {
                    throw ImageIOError(path: path, reason: .tooLarge("file is over the 1 GiB limit"))
                }
            }
        }
        return bytes
    }

    /// `write(2)`, reachable from types that have a `write` method of their own.
    static func writeSome(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        write(descriptor, bytes, count)
    }

    static func reasonForReading(_ code: Int32) -> ImageIOError.Reason {
        switch code {
        case ENOENT, ENOTDIR: return .notFound
        case EACCES, EPERM: return .permissionDenied
        case EISDIR: return .isAFolder
        default: return .readFailed(errorText(code))
        }
    }

    static func reasonForWriting(_ code: Int32) -> ImageIOError.Reason {
        switch code {
        case ENOENT, ENOTDIR: return .folderMissing
        case EACCES, EPERM, EROFS: return .notWritable
        case ENOSPC, EDQUOT: return .diskFull
        case EISDIR: return .isAFolder
        default: return .writeFailed(errorText(code))
        }
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
