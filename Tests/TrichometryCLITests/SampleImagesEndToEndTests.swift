import Foundation
import TrichometryAnalysis
import TrichometryImageIO
import TrichometryReport
import XCTest

/// `trichometry analyze` on the repository's `SampleImages/`, the README's first command.
final class SampleImagesEndToEndTests: XCTestCase {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func testAnalyzeSampleImagesWritesARowAnOverlayAndConsistentTablesPerImage() throws {
        let repository = Self.packageRoot.appendingPathComponent("SampleImages")
        let all = (try? FileManager.default.contentsOfDirectory(atPath: repository.path)) ?? []
        // Two images (debug builds are slow; AnalyzeEndToEndTests re-draws overlays pixel for pixel) with their truth files, copied so a concurrent
        // regeneration of SampleImages/ cannot change them under the test.
        let imageNames = Array(all.filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") }.sorted(by: PathOrdering.precedes).prefix(2))
        try XCTSkipIf(imageNames.isEmpty, "SampleImages/ holds no images yet")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = folder.appendingPathComponent("SampleImages")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        var truthFiles = 0
        for name in imageNames {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: samples.appendingPathComponent(name))
            let truth = (name as NSString).deletingPathExtension + ".truth.json"
            if all.contains(truth) {
                try FileManager.default.copyItem(at: repository.appendingPathComponent(truth), to: samples.appendingPathComponent(truth))
                truthFiles += 1
            }
        }

        let result = try CLI.run(["analyze", "SampleImages", "--um-per-px", "3", "--summary", "out/summary.csv",
                                  "--hairs", "out/hairs.csv", "--units", "out/units.csv", "--overlays", "out/overlays"],
                                 in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = CSV.records(try CLI.read(folder.appendingPathComponent("out/summary.csv")))
        XCTAssertEqual(summary.header, ReportColumns.summary)
        XCTAssertEqual(summary.rows.map { $0["file"]! }, imageNames)
        if truthFiles > 0 {
            XCTAssertTrue(result.stderr.contains("skipped \(truthFiles) file"), "truth files are not images: \(result.stderr)")
        }
        let hairs = CSV.records(try CLI.read(folder.appendingPathComponent("out/hairs.csv"))).rows
        let units = CSV.records(try CLI.read(folder.appendingPathComponent("out/units.csv"))).rows
        for row in summary.rows {
            let file = row["file"]!
            XCTAssertEqual(row["status"], "ok", row["error"] ?? "")
            let ids = hairs.filter { $0["file"] == file }.map { Int($0["hair_id"]!)! }
            XCTAssertEqual(Int(row["hair_count"]!), ids.count, file)
            XCTAssertEqual(Set(ids).count, ids.count, "hair ids are unique in \(file)")
            XCTAssertEqual(Int(row["follicular_unit_count"]!), units.filter { $0["file"] == file }.count, file)
            let overlay = try ImageDecoder.probe(contentsOf: folder.appendingPathComponent(
                "out/overlays/" + (file as NSString).deletingPathExtension + ".png").path)
            XCTAssertEqual(overlay.width, Int(row["width_px"]!), file)
            XCTAssertEqual(overlay.height, Int(row["height_px"]!), file)
        }
    }
}
