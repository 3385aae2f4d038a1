import Foundation
import XCTest

/// `trichometry phantom` writes a calibration sidecar beside each image, which `analyze` reads (and
/// never the truth file) and `validate` ignores.
final class PhantomSidecarTests: XCTestCase {
    private func json(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any], url.path)
    }

    func testPhantomSidecarsCalibrateAnalyzeWithNoFlags() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for preset in ["clipped", "natural"] {
            let made = try CLI.run(["phantom", "--preset", preset, "--count", "1", "--seed", "7", "--size", "160x128",
                                    "--out", "set"], in: folder)
            XCTAssertEqual(made.status, 0, made.stderr)
        }
        let set = folder.appendingPathComponent("set")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: set.path).sorted(), [
            "clipped-7-000.json", "clipped-7-000.png", "clipped-7-000.truth.json",
            "natural-7-000.json", "natural-7-000.png", "natural-7-000.truth.json",
        ])
        var scales: [String: Double] = [:]
        for stem in ["clipped-7-000", "natural-7-000"] {
            let sidecar = try json(set.appendingPathComponent(stem + ".json"))
            let truth = try json(set.appendingPathComponent(stem + ".truth.json"))
            // Only keys analyze knows; the scale and clipping days exactly as in the truth.
            XCTAssertEqual(sidecar["um_per_px"] as? Double, truth["um_per_px"] as? Double, stem)
            XCTAssertEqual(sidecar["days_since_clipping"] as? Double, truth["days_since_clipping"] as? Double, stem)
            XCTAssertEqual(sidecar["days_since_clipping"] == nil, stem.hasPrefix("natural"), stem)
            XCTAssertTrue(Set(sidecar.keys).isSubset(of: ["um_per_px", "days_since_clipping", "description"]), "\(sidecar.keys)")
            scales[stem + ".png"] = try XCTUnwrap(truth["um_per_px"] as? Double)
        }

        let result = try CLI.run(["analyze", "set", "--summary", "summary.csv", "--quiet"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = CSV.records(try CLI.read(folder.appendingPathComponent("summary.csv"))).rows
        XCTAssertEqual(rows.map { $0["file"]! }, ["clipped-7-000.png", "natural-7-000.png"])
        for row in rows {
            let file = row["file"]!, stem = (file as NSString).deletingPathExtension
            XCTAssertEqual(row["status"], "ok", row["error"] ?? "")
            XCTAssertEqual(row["calibration_source"], "sidecar:\(stem).json", file)
            XCTAssertEqual(try XCTUnwrap(Double(row["um_per_px"] ?? "")), scales[file]!, accuracy: 0.00005, file)
            // days_since_clipping reaches the clipped image only: phases are counted there alone.
            XCTAssertEqual(row["anagen_count"]?.isEmpty, stem.hasPrefix("natural"), "\(file): \(row)")
        }

        // validate reads the truth files only: the sidecars are neither cases nor input errors.
        let validated = try CLI.run(["validate", "set", "--json", "validation.json", "--require", "images==2"], in: folder)
        XCTAssertEqual(validated.status, 0, validated.stdout + validated.stderr)
        let report = try json(folder.appendingPathComponent("validation.json"))
        XCTAssertEqual((report["images"] as? [[String: Any]])?.compactMap { $0["name"] as? String },
                       ["clipped-7-000.truth.json", "natural-7-000.truth.json"])
        XCTAssertEqual((report["errors"] as? [Any])?.count, 0)
    }

    func testNoSidecarLeavesThemOutAndAnalyzeThenNeedsACalibration() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try CLI.run(["phantom", "--preset", "natural", "--count", "1", "--seed", "7", "--size", "96x64",
                                "--no-sidecar", "--out", "set"], in: folder)
        XCTAssertEqual(made.status, 0, made.stderr)
        let set = folder.appendingPathComponent("set")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: set.path).sorted(),
                       ["natural-7-000.png", "natural-7-000.truth.json"])
        // The truth file beside the image holds um_per_px but is never taken for its sidecar.
        let result = try CLI.run(["analyze", "set", "--quiet"], in: folder)
        XCTAssertEqual(result.status, 64, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("no calibration"), result.stderr)
    }

    func testATruthFileNamedLikeASidecarIsNeverOne() throws {
        // An image whose stem ends in ".truth" would have its own truth file as "<stem>.json"; that file
        // is ground truth, not settings, so it is not read (it would be refused for its unknown keys).
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try CLI.run(["phantom", "--preset", "natural", "--count", "1", "--seed", "7", "--size", "96x64",
                                "--no-sidecar", "--out", "set"], in: folder)
        XCTAssertEqual(made.status, 0, made.stderr)
        let set = folder.appendingPathComponent("set")
        try FileManager.default.moveItem(at: set.appendingPathComponent("natural-7-000.png"),
                                         to: set.appendingPathComponent("natural-7-000.truth.png"))
        let result = try CLI.run(["analyze", "set", "--um-per-px", "3", "--summary", "summary.csv", "--quiet"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = CSV.records(try CLI.read(folder.appendingPathComponent("summary.csv"))).rows
        XCTAssertEqual(rows.map { $0["file"]! }, ["natural-7-000.truth.png"])
        XCTAssertEqual(rows.first?["calibration_source"], "flag:--um-per-px")
    }
}
