import Foundation
import TrichometryImageIO
#if canImport(Glibc)
import Glibc
#endif

/// Walks file and folder arguments into a sorted list of images. Images are recognised by content
/// (PNG or JPEG signature); files with an image-like extension are kept even when their content is
/// not an image, so a corrupt `scan.jpg` becomes an error row rather than vanishing. Hidden files
/// and folders (names starting with `.`) are ignored.
public enum InputCollector {
    /// Extensions that announce an image, lower-cased.
    public static let imageExtensions: Set<String> = [
        "png", "jpg", "jpeg", "jpe", "jfif", "tif", "tiff", "bmp", "gif", "webp", "heic",
    ]

    /// Collects `arguments` (files or folders). Folders whose absolute path is in `excludedFolders`
    /// (output folders inside an input) are not entered.
    public static func collect(_ arguments: [String], excludedFolders: [String] = []) throws(InputError) -> InputCollection {
        guard !arguments.isEmpty else { throw InputError(path: "-", reason: "no input files or folders given") }
        let fileManager = FileManager.default
        let excluded = Set(excludedFolders.map(absolute))

        // The root: the deepest common folder of every folder argument and every file argument's folder.
        var anchors: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard !argument.isEmpty, fileManager.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw InputError(path: argument, reason: "not found")
            }
            let path = absolute(argument)
            anchors.append(isFolder.boolValue ? path : parent(of: path))
        }
        let root = commonAncestor(anchors)

        var found: [String: BatchInput] = [:]
        var skipped: [InputCollection.Skipped] = []
        var visitedFolders = Set<String>()

        func consider(file display: String, absolutePath: String) {
            guard found[absolutePath] == nil else { return }
            let name = (absolutePath as NSString).lastPathComponent
            let ext = (name as NSString).pathExtension.lowercased()
            if looksLikeImage(display) || imageExtensions.contains(ext) {
                found[absolutePath] = BatchInput(path: display, file: relative(absolutePath, to: root),
                                                 absolutePath: absolutePath)
            } else {
                skipped.append(.init(path: display, reason: "not an image"))
            }
        }

        func walk(folder display: String, absolutePath: String) {
            // Symlinked folders may loop; enter each real folder once.
            let real = URL(fileURLWithPath: absolutePath).resolvingSymlinksInPath().path
            guard !excluded.contains(absolutePath), visitedFolders.insert(real).inserted else { return }
            let names: [String]
            do {
                names = try fileManager.contentsOfDirectory(atPath: absolutePath)
            } catch {
                skipped.append(.init(path: display, reason: "cannot list folder"))
                return
            }
            for name in names.sorted(by: PathOrdering.precedes) where !name.hasPrefix(".") {
                let childDisplay = display.hasSuffix("/") ? display + name : display + "/" + name
                let childAbsolute = absolutePath == "/" ? "/" + name : absolutePath + "/" + name
                var isFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: childAbsolute, isDirectory: &isFolder) else {
                    skipped.append(.init(path: childDisplay, reason: "broken link"))
                    continue
                }
                if isFolder.boolValue {
                    walk(folder: childDisplay, absolutePath: childAbsolute)
                } else {
                    consider(file: childDisplay, absolutePath: childAbsolute)
                }
            }
        }

        for argument in arguments {
            var isFolder: ObjCBool = false
            _ = fileManager.fileExists(atPath: argument, isDirectory: &isFolder)
            if isFolder.boolValue {
                walk(folder: argument, absolutePath: absolute(argument))
            } else {
                consider(file: argument, absolutePath: absolute(argument))
            }
        }
        let images = found.values.sorted { PathOrdering.precedes($0.file, $1.file) }
        return InputCollection(root: root, images: images, skipped: skipped)
    }

    /// True when the file starts with a PNG or JPEG signature.
    public static func looksLikeImage(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 8) }
        guard n > 0 else { return false }
        return ImageFormat.sniff(Array(head.prefix(n))) != nil
    }

    // MARK: - Paths

    /// The absolute, lexically standardized form of `path` (`.` and `..` resolved, no trailing `/`).
    public static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in base.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func commonAncestor(_ paths: [String]) -> String {
        guard var common = paths.first?.split(separator: "/") else { return "/" }
        for path in paths.dropFirst() {
            let parts = path.split(separator: "/")
            var n = 0
            while n < min(common.count, parts.count) && common[n] == parts[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        return "/" + common.joined(separator: "/")
    }

    /// `path` relative to `root`, or `path` itself when it is not below `root`.
    public static func relative(_ path: String, to root: String) -> String {
        if root == "/" { return String(path.dropFirst()) }
        guard path.hasPrefix(root + "/") else { return path }
        return String(path.dropFirst(root.count + 1))
    }

    /// True when `path` is `folder` or lies below it (both absolute).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || folder == "/" || path.hasPrefix(folder + "/")
    }
}
