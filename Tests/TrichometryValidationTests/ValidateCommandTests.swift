import Foundation
import TrichometryImageIO
import TrichometryPhantom
import XCTest

/// Runs the built `trichometry validate` on a tiny hand-written set: truth files plus small PNGs written
/// with ImageEncoder. Assertions stay independent of what the pipeline finds, so they hold as it improves.
final class ValidateCommandTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "trichometry-validate-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/set/clipped", withIntermediateDirectories: true)
        // Two good images: one unclipped with two counted hairs and one uncounted stub, one clipped with one hair.
        let natural = Fixtures.truth([
            Fixtures.truthHair(1, from: (4, 10), to: (60, 12)),
            Fixtures.truthHair(2, from: (4, 30), to: (60, 36), diameterUm: 25),
            Fixtures.truthHair(3, from: (30, 44), to: (32, 44), visibleLengthUm: 10, counted: false),
        ], preset: "natural", width: 64, height: 48, image: "natural-1.png")
        let clipped = Fixtures.truth([Fixtures.truthHair(1, from: (10, 20), to: (40, 20), phase: "anagen")],
                                     preset: "clipped", width: 64, height: 48, daysSinceClipping: 2,
                                     anagen: 1, telogen: 0, image: "clipped-1.png")
        try write(natural, image: "natural-1.png", in: "set")
        try write(clipped, image: "clipped-1.png", in: "set/clipped")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func write(_ truth: PhantomTruth, image: String, in folder: String) throws {
        let path = root + "/" + folder + "/"
        try ImageEncoder.writePNG(RasterImage(width: 64, height: 48, channels: 3, fill: 190), to: path + image)
        let stem = String(image.dropLast(4))
        try PhantomTruth.makeEncoder().encode(truth).write(to: URL(fileURLWithPath: path + stem + ".truth.json"))
    }

    /// The `trichometry` executable beside the test bundle (swift test builds it for the CLI tests).
    private func executable() throws -> URL {
        let url = Bundle.main.bundleURL.appendingPathComponent("trichometry")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }

    private func run(_ arguments: [String], command: String = "validate") throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = [command] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    private func readJSON(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testScoresEverySetAndHoldsBounds() throws {
        let json = root + "/reports/new/out.json" // the folder is created
        let passing = try run([root + "/set", "--json", json, "--jobs", "2", "--require", "truth_hairs==3",
                               "--require", "clipped:images>=1"])
        XCTAssertEqual(passing.status, 0, passing.err)
        XCTAssertTrue(passing.out.contains("clipped "), passing.out)
        XCTAssertTrue(passing.out.contains("natural "), passing.out)
        XCTAssertTrue(passing.out.contains("overall "), passing.out)
        XCTAssertTrue(passing.out.contains("pass truth_hairs==3"), passing.out)
        XCTAssertTrue(passing.out.contains("Scored 2 image(s)"), passing.out)
        let object = try readJSON(json)
        let images = try XCTUnwrap(object["images"] as? [[String: Any]])
        XCTAssertEqual(images.map { $0["name"] as? String }, ["clipped/clipped-1.truth.json", "natural-1.truth.json"])
        XCTAssertEqual((object["overall"] as? [String: Any])?["truth_hairs"] as? Int, 3)
        XCTAssertEqual((object["presets"] as? [[String: Any]])?.compactMap { $0["group"] as? String }, ["clipped", "natural"])

        let failing = try run([root + "/set", "--require", "truth_hairs>=4", "--require", "dense:f1>=0.5"])
        XCTAssertEqual(failing.status, 2)
        XCTAssertTrue(failing.out.contains("FAIL truth_hairs>=4 (measured 3)"), failing.out)
        XCTAssertTrue(failing.out.contains("FAIL dense:f1>=0.5 (no images of preset 'dense')"), failing.out)
    }

    func testUnknownMetricIsAUsageError() throws {
        let result = try run([root + "/set", "--require", "f2>=0.9"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.err.contains("unknown metric 'f2'"), result.err)
        XCTAssertTrue(result.err.contains("count_median_abs_pct"), result.err)
    }

    func testBadFilesAreNamedAndTheRestStillScored() throws {
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: root + "/set/broken.truth.json"))
        var truth = Fixtures.truth([], preset: "natural", width: 64, height: 48, image: "garbage.png")
        truth.seed = 3
        try PhantomTruth.makeEncoder().encode(truth).write(to: URL(fileURLWithPath: root + "/set/garbage.truth.json"))
        try Data("this is not a PNG".utf8).write(to: URL(fileURLWithPath: root + "/set/garbage.png"))
        let json = root + "/out.json"
        let result = try run([root + "/set", "--json", json])
        XCTAssertEqual(result.status, 1)
        let lines = result.err.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("broken.truth.json: not a valid truth file") }, result.err)
        XCTAssertTrue(lines.contains { $0.contains("garbage.png: cannot read the image") }, result.err)
        XCTAssertTrue(result.out.contains("Scored 2 image(s), 2 could not be used"), result.out)
        let object = try readJSON(json)
        XCTAssertEqual((object["images"] as? [Any])?.count, 2)
        XCTAssertEqual((object["errors"] as? [Any])?.count, 2)
    }

    func testPresetAndLimitNarrowTheRun() throws {
        let json = root + "/out.json"
        let clippedOnly = try run([root + "/set", "--preset", "clipped", "--json", json])
        XCTAssertEqual(clippedOnly.status, 0, clippedOnly.err)
        XCTAssertEqual((try readJSON(json)["images"] as? [[String: Any]])?.map { $0["preset"] as? String }, ["clipped"])
        let first = try run([root + "/set", "--limit", "1", "--json", json])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertEqual((try readJSON(json)["images"] as? [[String: Any]])?.map { $0["name"] as? String },
                       ["clipped/clipped-1.truth.json"])
        let none = try run([root + "/set", "--preset", "dense"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.err.contains("no images of preset 'dense'"), none.err)
    }

    func testGeneratedPhantomSetScoresTheSameWithAnyNumberOfJobs() throws {
        let set = root + "/generated"
        for preset in ["natural", "clipped"] {
            let made = try run(["--preset", preset, "--count", "1", "--seed", "5", "--size", "160x128",
                                "--out", set + "/" + preset], command: "phantom")
            XCTAssertEqual(made.status, 0, made.err)
        }
        let serial = try run([set, "--jobs", "1", "--json", root + "/serial.json", "--require", "images==2"])
        XCTAssertEqual(serial.status, 0, serial.err)
        let parallel = try run([set, "--jobs", "2", "--json", root + "/parallel.json", "--require", "images==2"])
        XCTAssertEqual(parallel.status, 0, parallel.err)
        let serialData = try Data(contentsOf: URL(fileURLWithPath: root + "/serial.json"))
        XCTAssertEqual(serialData, try Data(contentsOf: URL(fileURLWithPath: root + "/parallel.json")))

        let images = try XCTUnwrap(try readJSON(root + "/serial.json")["images"] as? [[String: Any]])
        XCTAssertEqual(images.compactMap { $0["preset"] as? String }, ["clipped", "natural"])
        for row in images {
            // Every counted truth hair is either found or missed, whatever the pipeline does.
            let tp = try XCTUnwrap(row["tp"] as? Int), fn = try XCTUnwrap(row["fn"] as? Int)
            XCTAssertEqual(tp + fn, row["truth_hair_count"] as? Int, "\(row["name"] ?? "?")")
            XCTAssertEqual(row["phototrichogram"] as? Bool, row["preset"] as? String == "clipped")
        }
    }
}
