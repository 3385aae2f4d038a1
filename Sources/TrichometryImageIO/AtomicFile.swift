#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files so that readers see either the old file or the complete new one.
///
/// The bytes go to a temporary file in the destination's own folder (so the final `rename` stays
/// on one file system and is atomic), are flushed, and the temporary is renamed over `path`.
/// On any failure the temporary is removed and nothing is left at `path` that was not there before.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(ImageIOError) {
        guard !path.isEmpty else { throw ImageIOError(path: path, reason: .folderMissing) }
        let folder = folderOf(path)
        var folderStatus = stat()
        if stat(folder, &folderStatus) != 0 {
            throw ImageIOError(path: path, reason: FileSystemCalls.reasonForWriting(errno))
        }
        if (folderStatus.st_mode & S_IFMT) != S_IFDIR { throw ImageIOError(path: path, reason: .folderMissing) }
        var destinationStatus = stat()
        if stat(path, &destinationStatus) == 0, (destinationStatus.st_mode & S_IFMT) == S_IFDIR {
            throw ImageIOError(path: path, reason: .isAFolder)
        }

        var template = Array(temporaryPrefix(for: path).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor < 0 { throw ImageIOError(path: path, reason: FileSystemCalls.reasonForWriting(errno)) }
        let temporaryPath = String(cString: template)
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporaryPath) } }

        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = FileSystemCalls.writeSome(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure == 0 && fsync(descriptor) != 0 && errno != EINVAL { failure = errno }
        // New files get the usual permissions (mkstemp makes them owner-only).
        if failure == 0 {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(descriptor, 0o666 & ~mask)
        }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw ImageIOError(path: path, reason: FileSystemCalls.reasonForWriting(failure)) }
        if rename(temporaryPath, path) != 0 {
            throw ImageIOError(path: path, reason: FileSystemCalls.reasonForWriting(errno))
        }
        keepTemporary = true
    }

    /// The folder holding `path` ("." for a bare file name).
    static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// A hidden sibling name that mkstemp completes: ".NAME.XXXXXX.tmp" is not allowed (the X's
    /// must end the template), so it is ".NAME.tmp-XXXXXX".
    static func temporaryPrefix(for path: String) -> String {
        let folder = folderOf(path)
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        let base = folder == "." && !path.hasPrefix("./") ? "" : (folder == "/" ? "/" : folder + "/")
        return base + "." + name + ".tmp-XXXXXX"
    }
}
