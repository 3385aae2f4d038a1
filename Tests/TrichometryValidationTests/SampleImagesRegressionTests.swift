import Foundation
import XCTest

/// The pipeline's regression guard (issue 4): `trichometry validate` on the committed `SampleImages/`
/// with `--require` bounds a little looser than the figures the pipeline reaches today, so a change that
/// makes detection or measurement worse fails CI.
///
/// The bounds were measured with a release build (debug gives the same figures, only slower):
///
///     swift build -c release --scratch-path .build-samples
///     .build-samples/release/trichometry validate SampleImages --json /tmp/v.json
///
/// When the pipeline improves, re-measure and tighten them; when a change makes a figure worse on
/// purpose, say why in the commit that loosens its bound. When the sample set is regenerated, re-measure.
final class SampleImagesRegressionTests: XCTestCase {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Measured (release build, commit of this test) → bound. Each bound leaves a margin of about one
    /// hair's worth of change per preset, so noise-level changes pass and real regressions fail.
    static let requirements: [String] = [
        // The sample set itself: 12 images, 353 counted hairs. A regenerated set needs new bounds.
        "images==12",
        "truth_hairs==353",
        // Detection, overall: F1 0.801, precision 0.898, recall 0.722 (since bubbles' bright inner arcs are
        // rejected, 2026-12-08; 0.793 / 0.879 / 0.722 before; 0.777 / 0.870 / 0.703 before the changes of 2026-12-07).
        "f1>=0.79",
        "precision>=0.88",
        "recall>=0.70",
        // Detection per preset (F1, at 01b640e): artifacts 0.821, calibration 1.000, clipped 0.767, dense 0.750,
        // light 0.714 (0.696 when faint soft lines were first taken for shading, 0.732 before: two hairs fewer, one a
        // translucent shaft found only by one faint rim; on the 120-image set light lost 4 hairs and 49 false
        // positives, F1 0.689 -> 0.706), natural 0.828.
        // (Light was 0.778 before pieces of very different contrast stopped joining:
        // one hair fewer here; on the 120-image set light lost 4 hairs and 13 false positives.) (Dense was 0.752 before pieces' ends were fitted by least squares: on
        // these two images a 22 px scrap that happened to match one hair is now joined away, and one hair is
        // joined across a crossing; on the 120-image set dense gained 4 hairs and lost 17 false positives.)
        // Artifacts 0.865 since bubbles' bright inner arcs are rejected (0.821 before: 6 of its 13 false positives).
        "artifacts:f1>=0.84",
        "calibration:f1>=0.96",
        "clipped:f1>=0.74",
        "dense:f1>=0.72",
        "light:f1>=0.68",
        "natural:f1>=0.80",
        // Counts: median |error| over images 25.2 % overall (24.8 % until one more true hair was found in an
        // artifacts frame that already counts too many). Over 12 images, mostly undercounted clipped and
        // dense fields, this swings with a few hairs (it has been 14.7 and 25.3 % while the 120-image set's
        // median moved between 16.7 and 10.4 %). Calibration 0 %.
        "count_median_abs_pct<=26",
        "calibration:count_median_abs_pct<=5",
        // Diameters: calibration-target MAE 0.9 µm; overall 7.5 µm. Vellus/terminal agreement 0.964.
        "calibration:diameter_mae_um<=1.2",
        "diameter_mae_um<=9",
        "class_accuracy>=0.94",
        // Phototrichogram: visible length MAE 168 µm, phase agreement 0.964 (0.895 before hairs cut by the frame
        // took the phase of the whole hairs longer than their visible part), anagen share error 4.5 pp (4.5 to
        // 6.1 pp as detection changed by a hair or two: on two images one hair moves the share by several pp).
        "clipped:length_mae_um<=200",
        // Phase agreement 0.918 since hairs whose tip passes under another shaft take the phase of the whole hairs
        // longer than their visible part (0.934 before; on the 120-image set 0.932 -> 0.940, ×70 0.926 -> 0.931):
        // here one telogen stub, seen 400 µm up to a crossing, is now inferred anagen.
        "clipped:phase_accuracy>=0.91",
        "clipped:anagen_pct_mae_pp<=6.5",
        // Follicular units pair by pair: F1 0.325 (precision 0.375, recall 0.287).
        "fu_pair_f1>=0.31",
    ]

    private func temporaryFolder(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trichometry-regression-\(name.filter { $0.isLetter })-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        let binary = Bundle.main.bundleURL.appendingPathComponent("trichometry")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("trichometry binary not built at \(binary.path)")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Files rather than pipes: nothing can block however much the child prints.
        let outURL = folder.appendingPathComponent("stdout.txt"), errURL = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A private copy of `SampleImages/`, so a concurrent regeneration cannot change it under the test.
    private func copyOfSampleImages(in folder: URL) throws -> URL {
        let repository = Self.packageRoot.appendingPathComponent("SampleImages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repository.path)) ?? []
        try XCTSkipIf(!names.contains { $0.hasSuffix(".truth.json") }, "SampleImages/ holds no truth files")
        let copy = folder.appendingPathComponent("SampleImages")
        try FileManager.default.copyItem(at: repository, to: copy)
        return copy
    }

    func testValidateOnTheSampleImagesHoldsTheRegressionBounds() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try copyOfSampleImages(in: folder)
        let result = try run(["validate", "SampleImages", "--json", "validation.json"]
                             + Self.requirements.flatMap { ["--require", $0] }, in: folder)
        // On failure the printout shows every figure and which bound failed.
        XCTAssertEqual(result.status, 0, "a regression bound failed:\n\(result.out)\n\(result.err)")
        XCTAssertEqual(result.err, "", "every truth file and image could be used")

        let data = try Data(contentsOf: folder.appendingPathComponent("validation.json"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outcomes = try XCTUnwrap(object["requirements"] as? [[String: Any]])
        XCTAssertEqual(outcomes.compactMap { $0["requirement"] as? String }.count, Self.requirements.count)
        for outcome in outcomes where outcome["passed"] as? Bool != true {
            XCTFail("\(outcome["requirement"] ?? "?"): measured \(outcome["measured"] ?? "nothing") \(outcome["detail"] ?? "")")
        }
        XCTAssertEqual((object["errors"] as? [Any])?.count, 0)
    }

    func testABoundThePipelineCannotMeetFailsWithStatusTwo() throws {
        // The calibration preset alone keeps this quick; its F1 cannot exceed 1 and its diameter MAE
        // (1.45 µm today) is well above 0.5 µm.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try copyOfSampleImages(in: folder)
        let result = try run(["validate", "SampleImages", "--preset", "calibration",
                              "--require", "calibration:f1>=1.01", "--require", "calibration:diameter_mae_um<=0.5",
                              "--require", "calibration:images==2"], in: folder)
        XCTAssertEqual(result.status, 2, result.out + result.err)
        XCTAssertTrue(result.out.contains("FAIL calibration:f1>=1.01"), result.out)
        XCTAssertTrue(result.out.contains("FAIL calibration:diameter_mae_um<=0.5"), result.out)
        XCTAssertTrue(result.out.contains("pass calibration:images==2"), result.out)
    }
}
