import Foundation
import TrichometryAnalysis
import TrichometryImageIO
import TrichometryReport
import XCTest

/// `trichometry analyze` and `merge` through the real binary on small generated folders.
/// Assertions hold whatever the pipeline finds: they check structure and consistency, not counts.
final class AnalyzeEndToEndTests: XCTestCase {
    var folder: URL!
    let images = ["one.png", "sub/two.png", "a b,c/th\"ree.png", "sub/deeper/four.png"]
    let sortedFiles = ["a b,c/th\"ree.png", "one.png", "sub/deeper/four.png", "sub/two.png"]

    override func setUpWithError() throws {
        folder = try CLI.temporaryFolder(name)
        _ = try CLI.makeInputs(in: folder, images: images)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    func testSummaryHasTheContractColumnsAndOneRowPerImageInSortedOrder() throws {
        let result = try CLI.run(["analyze", "in", "--um-per-px", "5"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let (header, rows) = CSV.records(result.stdout)
        XCTAssertEqual(header, ReportColumns.summary)
        XCTAssertEqual(rows.map { $0["file"]! }, sortedFiles)
        for row in rows {
            XCTAssertEqual(row["status"], "ok")
            XCTAssertEqual(row["width_px"], "200")
            XCTAssertEqual(row["height_px"], "150")
            XCTAssertEqual(row["um_per_px"], "5.0000")
            XCTAssertEqual(row["error"], "")
            XCTAssertEqual(row["calibration_source"], "flag:--um-per-px")
            XCTAssertNotNil(Int(row["hair_count"]!))
            XCTAssertEqual(Double(row["analyzed_area_cm2"]!) ?? 0, 200 * 150 * 25e-8, accuracy: 1e-4)
        }
        XCTAssertTrue(result.stderr.contains("notes.txt"), "non-images are reported: \(result.stderr)")
        // Not a terminal: one plain progress line per image.
        XCTAssertEqual(result.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }.count, images.count)
    }

    func testCorruptFilesGiveErrorRowsExitOneAndLeaveOtherRowsIntact() throws {
        let clean = try CLI.run(["analyze", "in", "--um-per-px", "5"], in: folder)
        XCTAssertEqual(clean.status, 0, clean.stderr)
        try Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 100)).write(to: url("in/sub/bad.jpg"))
        try Data("this is text with a .png name".utf8).write(to: url("in/fake.png"))
        let result = try CLI.run(["analyze", "in", "--um-per-px", "5", "--hairs", "hairs.csv"], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        let (_, rows) = CSV.records(result.stdout)
        XCTAssertEqual(rows.count, images.count + 2)
        let errors = rows.filter { $0["status"] == "error" }
        XCTAssertEqual(errors.map { $0["file"]! }, ["fake.png", "sub/bad.jpg"])
        for row in errors {
            XCTAssertTrue(row["error"]!.contains(row["file"]!), "the error names the file: \(row["error"]!)")
            XCTAssertEqual(row["hair_count"], "")
        }
        // Every other row is exactly what a run without the broken files wrote.
        let cleanLines = Set(clean.stdout.split(separator: "\n"))
        let okLines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("file,") || !$0.contains(",error,") }
        XCTAssertEqual(Set(okLines), cleanLines)
        XCTAssertFalse(try CLI.read(url("hairs.csv")).contains("bad.jpg"))

        // A resumed run still reports the failures its summary holds.
        try Data(result.stdout.utf8).write(to: url("summary.csv"))
        let resumed = try CLI.run(["analyze", "in", "--um-per-px", "5", "--summary", "summary.csv", "--resume"], in: folder)
        XCTAssertEqual(resumed.status, 1, resumed.stderr)
        XCTAssertEqual(try CLI.read(url("summary.csv")), result.stdout)
    }

    func testPerHairRowsMatchTheOverlayIDsAndUnits() throws {
        let result = try CLI.run(["analyze", "in", "--um-per-px", "5", "--summary", "out/summary.csv", "--hairs", "out/hairs.csv",
                                  "--units", "out/units.csv", "--overlays", "out/overlays", "--masks", "out/masks", "--jobs", "2"],
                                 in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "", "with --summary nothing goes to stdout")
        let summary = CSV.records(try CLI.read(url("out/summary.csv"))).rows
        let hairs = CSV.records(try CLI.read(url("out/hairs.csv")))
        let units = CSV.records(try CLI.read(url("out/units.csv")))
        XCTAssertEqual(hairs.header, ReportColumns.hairs)
        XCTAssertEqual(units.header, ReportColumns.units)

        for file in sortedFiles {
            let name = (file as NSString).deletingPathExtension + ".png"
            let overlayURL = url("out/overlays/" + name), maskURL = url("out/masks/" + name)
            let overlay = try ImageDecoder.decode(contentsOf: overlayURL.path)
            let source = try ImageDecoder.decode(contentsOf: url("in/" + file).path, options: DecodeOptions(output: .rgb))
            XCTAssertEqual([overlay.width, overlay.height], [source.width, source.height])
            let mask = try ImageDecoder.decode(contentsOf: maskURL.path)
            XCTAssertEqual(mask.channels, 1)
            XCTAssertTrue(mask.pixels.allSatisfy { $0 == 0 || $0 == 255 })

            // The binary's overlay is exactly the one drawn from this analysis, so its ids are the table's.
            let analysis = HairAnalyzer.analyze(source, calibration: Calibration(micronsPerPixel: 5))
            let drawn = OverlayRenderer.render(source, analysis: analysis, title: file)
            XCTAssertTrue(drawn.image.pixels == overlay.pixels, "the overlay of \(file) is not the one drawn from its analysis")
            let tableIDs = hairs.rows.filter { $0["file"] == file }.map { Int($0["hair_id"]!)! }
            XCTAssertEqual(drawn.labels.map(\.hairID), tableIDs, file)
            XCTAssertEqual(Set(tableIDs).count, tableIDs.count, "hair ids are unique within \(file)")

            let row = try XCTUnwrap(summary.first { $0["file"] == file })
            XCTAssertEqual(Int(row["hair_count"]!), tableIDs.count)
            let unitRows = units.rows.filter { $0["file"] == file }
            XCTAssertEqual(Int(row["follicular_unit_count"]!), unitRows.count)
            let unitMembers = unitRows.flatMap { $0["hair_ids"]!.split(separator: " ").map { Int($0)! } }
            XCTAssertEqual(unitMembers.sorted(), tableIDs.sorted(), "every hair is in exactly one unit")
            for hair in hairs.rows where hair["file"] == file {
                XCTAssertTrue(unitRows.contains { $0["unit_id"] == hair["unit_id"] })
                XCTAssertTrue(["terminal", "vellus", "intermediate"].contains(hair["class"]!))
                XCTAssertTrue(["true", "false"].contains(hair["truncated"]!))
            }
        }
    }

    func testResumeAfterAKilledRunEqualsAnUninterruptedRun() throws {
        for i in 0..<6 { try CLI.writeImage(CLI.skinImage(seed: UInt64(100 + i)), to: url("in/more/m\(i).png")) }
        let tables = ["--summary", "S/summary.csv", "--hairs", "S/hairs.csv", "--units", "S/units.csv"]
        let common = ["analyze", "in", "--um-per-px", "5", "--jobs", "1", "--quiet"]
        let full = try CLI.run(common + tables.map { $0.replacingOccurrences(of: "S/", with: "full/") }, in: folder)
        XCTAssertEqual(full.status, 0, full.stderr)

        // Kill a run once it has written a couple of rows (or whenever it gets there).
        try FileManager.default.createDirectory(at: url("run"), withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = common + tables.map { $0.replacingOccurrences(of: "S/", with: "run/") }
        process.currentDirectoryURL = folder
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline {
            let text = (try? CLI.read(url("run/summary.csv"))) ?? ""
            if text.split(separator: "\n").count >= 3 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let rowsBeforeResume = try CLI.read(url("run/summary.csv")).split(separator: "\n").count - 1
        XCTAssertLessThan(rowsBeforeResume, images.count + 6, "the run was killed before it finished")
        // A kill in the middle of a write leaves a partial last row; make sure resume copes with one.
        let handle = try FileHandle(forWritingTo: url("run/summary.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("sub/two.png,ok,20".utf8))
        try handle.close()

        let resumed = try CLI.run(common + tables.map { $0.replacingOccurrences(of: "S/", with: "run/") } + ["--resume"], in: folder)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        for table in ["summary.csv", "hairs.csv", "units.csv"] {
            XCTAssertEqual(try CLI.read(url("run/" + table)), try CLI.read(url("full/" + table)), table)
        }
        // Resuming a finished run changes nothing.
        let again = try CLI.run(common + tables.map { $0.replacingOccurrences(of: "S/", with: "run/") } + ["--resume"], in: folder)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try CLI.read(url("run/summary.csv")), try CLI.read(url("full/summary.csv")))
    }

    func testShardsMergedEqualTheFullRunInEveryFormat() throws {
        for format in ["csv", "json"] {
            let full = try CLI.run(["analyze", "in", "--um-per-px", "5", "--format", format, "-q",
                                    "--summary", "full.\(format)", "--hairs", "full-hairs.\(format)"], in: folder)
            XCTAssertEqual(full.status, 0, full.stderr)
            for k in 1...3 {
                let shard = try CLI.run(["analyze", "in", "--um-per-px", "5", "--format", format, "-q", "--shard", "\(k)/3",
                                         "--summary", "s\(k).\(format)", "--hairs", "h\(k).\(format)"], in: folder)
                XCTAssertEqual(shard.status, 0, shard.stderr)
            }
            // Shards listed in any order.
            let merged = try CLI.run(["merge", "s3.\(format)", "s1.\(format)", "s2.\(format)", "-o", "merged.\(format)"], in: folder)
            XCTAssertEqual(merged.status, 0, merged.stderr)
            XCTAssertEqual(try CLI.read(url("merged.\(format)")), try CLI.read(url("full.\(format)")), format)
            let hairs = try CLI.run(["merge", "h2.\(format)", "h1.\(format)", "h3.\(format)"], in: folder)
            XCTAssertEqual(hairs.stdout, try CLI.read(url("full-hairs.\(format)")), format)
        }
        // Overlapping inputs are refused.
        let overlap = try CLI.run(["merge", "full.csv", "s1.csv"], in: folder)
        XCTAssertEqual(overlap.status, 65)
        XCTAssertTrue(overlap.stderr.contains("s1.csv"), overlap.stderr)
    }

    func testEveryFormatParsesWithTheSameRows() throws {
        let json = try CLI.run(["analyze", "in", "--um-per-px", "5", "--format", "json", "-q"], in: folder)
        XCTAssertEqual(json.status, 0, json.stderr)
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.map { $0["file"] as? String }, sortedFiles)
        XCTAssertEqual(Set(array[0].keys), Set(ReportColumns.summary))
        XCTAssertEqual(array[0]["width_px"] as? Int, 200)
        XCTAssertTrue(array[0]["error"] is NSNull)

        let jsonl = try CLI.run(["analyze", "in", "--um-per-px", "5", "--format", "jsonl", "-q"], in: folder)
        let lines = jsonl.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, images.count)
        for (line, file) in zip(lines, sortedFiles) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(object["file"] as? String, file)
        }

        let tsv = try CLI.run(["analyze", "in", "--um-per-px", "5", "--format", "tsv", "-q"], in: folder)
        let (header, rows) = CSV.records(tsv.stdout, separator: "\t")
        XCTAssertEqual(header, ReportColumns.summary)
        XCTAssertEqual(rows.map { $0["file"]! }, sortedFiles)
    }

    func testStdinPathsAndJobCountsGiveTheSameTable() throws {
        let byFolder = try CLI.run(["analyze", "in", "--um-per-px", "5", "-q", "--jobs", "1"], in: folder)
        let parallel = try CLI.run(["analyze", "in", "--um-per-px", "5", "-q", "--jobs", "3"], in: folder)
        XCTAssertEqual(parallel.stdout, byFolder.stdout)
        let list = images.map { "in/" + $0 }.joined(separator: "\n") + "\n"
        let byStdin = try CLI.run(["analyze", "-", "--um-per-px", "5", "-q"], in: folder, stdin: list)
        XCTAssertEqual(byStdin.status, 0, byStdin.stderr)
        XCTAssertEqual(byStdin.stdout, byFolder.stdout)
    }

    func testCalibrationSourcesArePerImageAndReported() throws {
        try Data(#"{"um_per_px": 2.5, "device": "demo scope"}"#.utf8).write(to: url("in/sub/trichometry.json"))
        try Data(#"{"field_width_mm": 1.0}"#.utf8).write(to: url("in/one.json"))
        let result = try CLI.run(["analyze", "in", "--um-per-px", "5", "-q"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = Dictionary(uniqueKeysWithValues: CSV.records(result.stdout).rows.map { ($0["file"]!, $0) })
        XCTAssertEqual(rows["one.png"]?["calibration_source"], "sidecar:one.json")
        XCTAssertEqual(rows["one.png"]?["um_per_px"], "5.0000")   // 1.0 mm over 200 px
        XCTAssertEqual(rows["sub/two.png"]?["calibration_source"], "profile:sub/trichometry.json")
        XCTAssertEqual(rows["sub/deeper/four.png"]?["um_per_px"], "2.5000")
        XCTAssertEqual(rows["a b,c/th\"ree.png"]?["calibration_source"], "flag:--um-per-px")

        // No calibration anywhere: a usage error saying how to give one; --uncalibrated: counts only.
        try FileManager.default.removeItem(at: url("in/sub/trichometry.json"))
        try FileManager.default.removeItem(at: url("in/one.json"))
        let none = try CLI.run(["analyze", "in"], in: folder)
        XCTAssertEqual(none.status, 64)
        XCTAssertTrue(none.stderr.contains("--um-per-px") && none.stderr.contains("trichometry.json"), none.stderr)
        let counts = try CLI.run(["analyze", "in", "--uncalibrated", "-q"], in: folder)
        XCTAssertEqual(counts.status, 0, counts.stderr)
        for row in CSV.records(counts.stdout).rows {
            XCTAssertEqual(row["um_per_px"], "")
            XCTAssertEqual(row["density_per_cm2"], "")
            XCTAssertEqual(row["calibration_source"], "uncalibrated")
            XCTAssertNotNil(Int(row["hair_count"]!))
        }
    }

    func testUsageErrorsExitWith64AndMissingInputWith66() throws {
        let cases: [[String]] = [
            ["analyze"],
            ["analyze", "in", "--um-per-px", "5", "--field-width-mm", "4"],
            ["analyze", "in", "--um-per-px", "-1"],
            ["analyze", "in", "--um-per-px", "5", "--resume"],
            ["analyze", "in", "--um-per-px", "5", "--shard", "3/2"],
            ["analyze", "in", "--um-per-px", "5", "--format", "xlsx"],
            ["analyze", "in", "--um-per-px", "5", "--jobs", "0"],
            ["analyze", "in", "--um-per-px", "5", "--overlays", "in/overlays"],
            ["analyze", "in", "--um-per-px", "5", "--summary", "in/one.png"],
        ]
        for arguments in cases {
            let result = try CLI.run(arguments, in: folder)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertFalse(result.stderr.isEmpty)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: url("in/one.png").path))
        let missing = try CLI.run(["analyze", "nowhere", "--um-per-px", "5"], in: folder)
        XCTAssertEqual(missing.status, 66)
        XCTAssertTrue(missing.stderr.contains("nowhere"), missing.stderr)

        // Asked explicitly, overlays may go inside the input; they are then not taken as inputs.
        let inside = try CLI.run(["analyze", "in", "--um-per-px", "5", "-q", "--overlays", "in/overlays",
                                  "--allow-output-inside-input"], in: folder)
        XCTAssertEqual(inside.status, 0, inside.stderr)
        let again = try CLI.run(["analyze", "in", "--um-per-px", "5", "-q", "--overlays", "in/overlays",
                                 "--allow-output-inside-input"], in: folder)
        XCTAssertEqual(CSV.records(again.stdout).rows.count, images.count)
    }
}

extension AnalyzeEndToEndTests {
    func testImagesDifferingOnlyByExtensionGetDistinctOverlaysAndNewFoldersAreCreated() throws {
        try FileManager.default.createDirectory(at: url("in2"), withIntermediateDirectories: true)
        try CLI.writeImage(CLI.skinImage(seed: 7), to: url("in2/scan.png"))
        try ImageEncoder.writeJPEG(CLI.skinImage(seed: 8), to: url("in2/scan.jpg").path)
        try CLI.writeImage(CLI.skinImage(seed: 9), to: url("in2/other.png"))
        let result = try CLI.run(["analyze", "in2", "--um-per-px", "5", "-q", "--overlays", "deep/new/ov",
                                  "--summary", "deep/new/tables/summary.csv", "--resume"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["scan.jpg.png", "scan.png.png", "other.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: url("deep/new/ov/" + name).path), name)
        }
        XCTAssertEqual(CSV.records(try CLI.read(url("deep/new/tables/summary.csv"))).rows.map { $0["file"]! },
                       ["other.png", "scan.jpg", "scan.png"])
    }
}
