import XCTest
@testable import TrichometryImageIO

final class AtomicFileTests: XCTestCase {
    func testWritesAndReplacesWholeFiles() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/table.csv"
        try AtomicFile.write(Array("a,b\n".utf8), to: path)
        try AtomicFile.write(Array("c,d\ne,f\n".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "c,d\ne,f\n")
        XCTAssertEqual(TestImages.files(in: folder), ["table.csv"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        XCTAssertNotEqual(permissions & 0o044, 0, "new files should be readable by others like any file")
    }

    func testMissingFolderIsReportedAndNothingIsLeft() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/missing/out.png"
        XCTAssertThrowsError(try AtomicFile.write([1, 2, 3], to: path)) { error in
            XCTAssertEqual(error as? ImageIOError, ImageIOError(path: path, reason: .folderMissing))
            XCTAssertEqual((error as? ImageIOError)?.description, "\(path): folder missing")
        }
        XCTAssertEqual(TestImages.files(in: folder), [])
    }

    func testUnwritableFolderIsReported() throws {
        guard getuid() != 0 else { throw XCTSkip("root can write anywhere") }
        let folder = try TestImages.temporaryFolder()
        defer {
            chmod(folder, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        chmod(folder, 0o555)
        XCTAssertThrowsError(try AtomicFile.write([1], to: folder + "/x.png")) { error in
            XCTAssertEqual((error as? ImageIOError)?.reason, .notWritable)
        }
    }

    func testWriteErrorsMapToReadableReasons() {
        // A real full disk cannot be staged portably in a unit test; the write path maps errno here.
        XCTAssertEqual(FileSystemCalls.reasonForWriting(ENOSPC), .diskFull)
        XCTAssertEqual(FileSystemCalls.reasonForWriting(EROFS), .notWritable)
        XCTAssertEqual(FileSystemCalls.reasonForWriting(EACCES), .notWritable)
        XCTAssertEqual(FileSystemCalls.reasonForWriting(ENOENT), .folderMissing)
        XCTAssertEqual(ImageIOError(path: "out/a.png", reason: .diskFull).description, "out/a.png: disk full")
    }

    func testAFolderInTheWayIsReported() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/out.png", withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write([1], to: folder + "/out.png")) { error in
            XCTAssertEqual((error as? ImageIOError)?.reason, .isAFolder)
        }
        XCTAssertEqual(TestImages.files(in: folder), ["out.png"])
    }

    func testTemporaryNameStaysInTheSameFolder() {
        XCTAssertEqual(AtomicFile.temporaryPrefix(for: "out/a.png"), "out/.a.png.tmp-XXXXXX")
        XCTAssertEqual(AtomicFile.temporaryPrefix(for: "a.png"), ".a.png.tmp-XXXXXX")
        XCTAssertEqual(AtomicFile.temporaryPrefix(for: "/a.png"), "/.a.png.tmp-XXXXXX")
        XCTAssertEqual(AtomicFile.folderOf("x/y/z.csv"), "x/y")
    }
}
