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

    func testAnalyzeSampleImagesCalibratedBySidecarsWritesARowAnOverlayAndConsistentTablesPerImage() throws {
        let repository = Self.packageRoot.appendingPathComponent("SampleImages")
        let all = (try? FileManager.default.contentsOfDirectory(atPath: repository.path)) ?? []
        // Two images (debug builds are slow; AnalyzeEndToEndTests re-draws overlays pixel for pixel) with their truth files
        // and calibration sidecars, copied so a concurrent regeneration of SampleImages/ cannot change them under the test.
        let imageNames = Array(all.filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") }.sorted(by: PathOrdering.precedes).prefix(2))
        try XCTSkipIf(imageNames.isEmpty, "SampleImages/ holds no images yet")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = folder.appendingPathComponent("SampleImages")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        var truthFiles = 0, sidecars: [String: Double] = [:]
        for name in imageNames {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: samples.appendingPathComponent(name))
            let stem = (name as NSString).deletingPathExtension
            if all.contains(stem + ".truth.json") {
                try FileManager.default.copyItem(at: repository.appendingPathComponent(stem + ".truth.json"),
                                                 to: samples.appendingPathComponent(stem + ".truth.json"))
                truthFiles += 1
            }
            if all.contains(stem + ".json") {
                let sidecar = repository.appendingPathComponent(stem + ".json")
                try FileManager.default.copyItem(at: sidecar, to: samples.appendingPathComponent(stem + ".json"))
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: sidecar)) as? [String: Any])
                sidecars[name] = try XCTUnwrap(object["um_per_px"] as? Double, "\(stem).json gives um_per_px")
            }
        }
        XCTAssertEqual(Set(sidecars.keys), Set(imageNames), "every sample image has its calibration sidecar")

        // The README's command: no calibration flag, the sidecars calibrate every image.
        let result = try CLI.run(["analyze", "SampleImages", "--summary", "out/summary.csv",
                                  "--hairs", "out/hairs.csv", "--units", "out/units.csv", "--overlays", "out/overlays"],
                                 in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = CSV.records(try CLI.read(folder.appendingPathComponent("out/summary.csv")))
        XCTAssertEqual(summary.header, ReportColumns.summary)
        XCTAssertEqual(summary.rows.map { $0["file"]! }, imageNames)
        let skipped = truthFiles + sidecars.count
        XCTAssertTrue(result.stderr.contains("skipped \(skipped) file"), "truth files and sidecars are not images: \(result.stderr)")
        for row in summary.rows {
            let file = row["file"]!, stem = (file as NSString).deletingPathExtension
            XCTAssertEqual(row["calibration_source"], "sidecar:\(stem).json", file)
            if let scale = sidecars[file] {
                XCTAssertEqual(try XCTUnwrap(Double(row["um_per_px"] ?? "")), scale, accuracy: 0.00005, file)
            }
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
