import ArgumentParser
import Foundation
import TrichometryImageIO

extension Trichometry {
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe image files: format, size, channels, bit depth, orientation.",
            discussion: """
                One line per file on stdout, in order: `PATH: FORMAT WIDTHxHEIGHT CHANNELSch BITS-bit \
                COLOUR [progressive|interlaced] orientation=N (meaning)`, or `PATH: error: REASON` for a \
                file that cannot be read. Files are recognised by content, not extension. A folder \
                stands for the PNG and JPEG files inside it (recursively, sorted, hidden files skipped).
                Each file is fully decoded to prove its pixel data is intact, unless --header-only.

                Exit status: 0 every file read; 1 any file failed.
                """
        )

        @Argument(help: ArgumentHelp("Image files or folders.", valueName: "image"))
        var paths: [String]

        @Flag(help: "Read headers only (fast; a file cut short after its header is not noticed).")
        var headerOnly = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one image file or folder.") }
        }

        func run() throws {
            var failures = 0
            for path in paths {
                for entry in Self.expand(path) {
                    switch entry {
                    case .problem(let line):
                        print(line)
                        failures += 1
                    case .file(let file):
                        do {
                            print("\(file): \(try describe(file))")
                        } catch {
                            print("\(error.path): error: \(error.reason)")
                            failures += 1
                        }
                    }
                }
            }
            if failures > 0 { throw ExitCode(1) }
        }

        private func describe(_ path: String) throws(ImageIOError) -> ImageInfo {
            if headerOnly { return try ImageDecoder.probe(contentsOf: path) }
            // Decoding every row catches truncation and corrupt data that a header cannot show.
            return try ImageDecoder.decodeWithInfo(contentsOf: path, options: DecodeOptions(appliesOrientation: false)).info
        }

        /// A file stands for itself; a folder for the images found in it by content.
        static func expand(_ path: String) -> [Entry] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return [.file(path)]
            }
            guard let enumerator = FileManager.default.enumerator(atPath: path) else {
                return [.problem("\(path): error: folder cannot be listed")]
            }
            var images: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                let full = (path as NSString).appendingPathComponent(relative)
                if looksLikeImage(full) { images.append(full) }
            }
            if images.isEmpty { return [.problem("\(path): error: no PNG or JPEG files in this folder")] }
            return images.sorted().map { .file($0) }
        }

        private static func looksLikeImage(_ path: String) -> Bool {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                  let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 8)) ?? Data()
            return ImageFormat.sniff(Array(head)) != nil
        }

        enum Entry: Equatable {
            case file(String)
            /// A ready-made error line for an argument that yields no file.
            case problem(String)
        }
    }
}
