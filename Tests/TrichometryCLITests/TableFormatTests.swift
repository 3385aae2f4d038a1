import Foundation
import TrichometryAnalysis
import TrichometryReport
import XCTest

final class TableFormatTests: XCTestCase {
    func testFixedDecimalsRoundHalfAwayFromZeroWithPoint() {
        XCTAssertEqual(DecimalFormatting.fixed(2.25, digits: 1), "2.3")
        XCTAssertEqual(DecimalFormatting.fixed(-2.25, digits: 1), "-2.3")
        XCTAssertEqual(DecimalFormatting.fixed(0.001, digits: 2), "0.00")
        XCTAssertEqual(DecimalFormatting.fixed(-0.001, digits: 2), "0.00")
        XCTAssertEqual(DecimalFormatting.fixed(1234.5, digits: 0), "1235")
        XCTAssertEqual(DecimalFormatting.fixed(3, digits: 4), "3.0000")
        XCTAssertEqual(DecimalFormatting.fixed(0.05, digits: 5), "0.05000")
        XCTAssertEqual(DecimalFormatting.fixed(.nan, digits: 1), "")
    }

    func testCSVQuotesCommasQuotesAndLineBreaksOnly() {
        let encoder = TableEncoder(format: .csv, columns: ["file", "n"])
        XCTAssertEqual(encoder.header, "file,n\n")
        XCTAssertEqual(encoder.row([.text("a b/c.png"), .integer(3)], index: 0), "a b/c.png,3\n")
        XCTAssertEqual(encoder.row([.text("x,\"y\".png"), .empty], index: 1), "\"x,\"\"y\"\".png\",\n")
        XCTAssertEqual(encoder.row([.text("two\nlines"), .flag(true)], index: 2), "\"two\nlines\",true\n")
        let parsed = CSV.parse(encoder.header + encoder.row([.text("x,\"y\".png"), .number(1.25, digits: 1)], index: 0))
        XCTAssertEqual(parsed, [["file", "n"], ["x,\"y\".png", "1.3"]])
    }

    func testTSVEscapesTabsAndLineBreaks() {
        let encoder = TableEncoder(format: .tsv, columns: ["file", "n"])
        XCTAssertEqual(encoder.row([.text("a\tb\\c\nd"), .integer(1)], index: 0), "a\\tb\\\\c\\nd\t1\n")
        let bytes = Array((encoder.header + encoder.row([.text("a\tb\\c\nd"), .integer(1)], index: 0)).utf8)
        let table = try! TableReader.parse(bytes, format: .tsv, path: "t.tsv")
        XCTAssertEqual(table.records.map(\.file), ["a\tb\\c\nd"])
    }

    func testJSONIsValidWithTypedValuesAndNulls() throws {
        let encoder = TableEncoder(format: .json, columns: ["file", "n", "x", "ok", "none"])
        var text = encoder.header
        text += encoder.row([.text("a\"b"), .integer(2), .number(0.5, digits: 2), .flag(false), .empty], index: 0)
        text += encoder.row([.text("c"), .integer(-1), .number(.infinity, digits: 2), .flag(true), .text("t")], index: 1)
        text += encoder.footer(rowCount: 2)
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.count, 2)
        XCTAssertEqual(array[0]["file"] as? String, "a\"b")
        XCTAssertEqual(array[0]["x"] as? Double, 0.5)
        XCTAssertTrue(array[0]["none"] is NSNull)
        XCTAssertTrue(array[1]["x"] is NSNull)
        // An empty table is still valid JSON.
        let empty = encoder.header + encoder.footer(rowCount: 0)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [Any])?.count, 0)
    }

    func testReaderFindsWholeRowsAndThePartialTail() throws {
        for format in ReportFormat.allCases {
            let encoder = TableEncoder(format: format, columns: ["file", "n"])
            var text = encoder.header
            for i in 0..<3 { text += encoder.row([.text("f\(i),x.png"), .integer(i)], index: i) }
            let whole = Array(text.utf8)
            let table = try TableReader.parse(whole, format: format, path: "t")
            XCTAssertEqual(table.records.map(\.file), ["f0,x.png", "f1,x.png", "f2,x.png"], "\(format)")
            XCTAssertFalse(table.hasPartialTail, "\(format)")
            XCTAssertEqual(TableReader.detectFormat(whole), format == .csv ? .csv : format)

            // Cut inside the last row: two whole rows and a partial tail.
            let cut = Array(whole.prefix(whole.count - 4))
            let partial = try TableReader.parse(cut, format: format, path: "t")
            XCTAssertEqual(partial.records.count, 2, "\(format)")
            XCTAssertTrue(partial.hasPartialTail, "\(format)")
        }
    }

    func testMergeOrdersByFileKeepingEachFilesRowsAndRejectsOverlap() throws {
        let encoder = TableEncoder(format: .csv, columns: ["file", "hair_id"])
        func table(_ rows: [(String, Int)]) -> [UInt8] {
            var text = encoder.header
            for (i, row) in rows.enumerated() { text += encoder.row([.text(row.0), .integer(row.1)], index: i) }
            return Array(text.utf8)
        }
        let merged = try TableMerger.merge([("b", table([("c.png", 1), ("d.png", 2), ("d.png", 1)])),
                                            ("a", table([("a.png", 1), ("b.png", 1)]))])
        XCTAssertEqual(merged.records, ["a.png,1", "b.png,1", "c.png,1", "d.png,2", "d.png,1"])
        XCTAssertThrowsError(try TableMerger.merge([("a", table([("a.png", 1)])), ("b", table([("a.png", 2)]))]))
        let other = Array("file,other\nx.png,1\n".utf8)
        XCTAssertThrowsError(try TableMerger.merge([("a", table([("a.png", 1)])), ("b", other)]))
    }

    func testMergeAcceptsShardsThatGotNoImages() throws {
        for format in ReportFormat.allCases {
            let encoder = TableEncoder(format: format, columns: ["file", "n"])
            let empty = Array((encoder.header + encoder.footer(rowCount: 0)).utf8)
            let one = Array((encoder.header + encoder.row([.text("a.png"), .integer(1)], index: 0) + encoder.footer(rowCount: 1)).utf8)
            let merged = try TableMerger.merge([("e", empty), ("o", one), ("e2", empty)])
            XCTAssertEqual(merged.format, format)
            XCTAssertEqual(merged.records.count, 1, "\(format)")
        }
    }

    func testResumeKeepsWholeRowsDropsTheRestAndAppendsLikeAnUninterruptedRun() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ReportFormat.allCases {
            let path = folder.appendingPathComponent("t.\(format.rawValue)").path
            let rows: [[ReportCell]] = (0..<4).map { [.text("f\($0).png"), .integer($0)] }
            let full = try TableWriter.create(path: path, format: format, columns: ["file", "n"])
            try full.append(rows)
            try full.finish()
            let expected = try Data(contentsOf: URL(fileURLWithPath: path))

            // A run killed inside the third row, then resumed keeping rows 0 and 1.
            let interrupted = try TableWriter.create(path: path, format: format, columns: ["file", "n"])
            try interrupted.append(Array(rows.prefix(2)))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((format == .json ? ",\n{\"file\":\"f2" : "f2.pn").utf8))
            try handle.close()
            let (resumed, kept) = try TableWriter.resume(path: path, format: format, columns: ["file", "n"]) { _ in true }
            XCTAssertEqual(kept.map(\.file), ["f0.png", "f1.png"], "\(format)")
            try resumed.append(Array(rows.dropFirst(2)))
            try resumed.finish()
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), expected, "\(format)")
        }
    }

    func testShardsAreContiguousAndCoverEveryItemOnce() {
        for total in [0, 1, 5, 17] {
            for count in 1...6 {
                let all = (1...count).flatMap { Array(PathOrdering.shardRange(index: $0, count: count, total: total)) }
                XCTAssertEqual(all, Array(0..<total), "total \(total), \(count) shards")
            }
        }
    }

    func testSummaryColumnsKeepTheContractOrder() {
        let contract = "file,status,width_px,height_px,um_per_px,analyzed_area_cm2,hair_count,terminal_count,vellus_count,vellus_percent,density_per_cm2,terminal_density_per_cm2,vellus_density_per_cm2,mean_diameter_um,cumulative_thickness_mm_per_cm2,follicular_unit_count,hairs_per_unit,anagen_count,telogen_count,anagen_percent,error"
        XCTAssertEqual(Array(ReportColumns.summary.prefix(21)), contract.split(separator: ",").map(String.init))
        XCTAssertEqual(ReportColumns.summary[21], "calibration_source")
        XCTAssertEqual(Array(ReportColumns.hairs.prefix(10)),
                       "file,hair_id,x_px,y_px,length_um,diameter_um,class,phase,unit_id,truncated".split(separator: ",").map(String.init))
        XCTAssertEqual(Array(ReportColumns.units.prefix(5)), ["file", "unit_id", "x_px", "y_px", "hair_count"])
        XCTAssertEqual(ReportRows.error(file: "a", message: "x\ny").count, ReportColumns.summary.count)
    }

    /// The per-hair centerline column: simplified vertices, one decimal, `x y` pairs joined by `;`.
    func testCenterlineTextIsSimplifiedVertices() {
        let straight = (0...40).map { PixelPoint(x: 10 + Double($0), y: 20.25 + 0.5 * Double($0)) }
        XCTAssertEqual(ReportRows.centerlineText(straight), "10.0 20.3;50.0 40.3")
        let corner = [PixelPoint(x: 0, y: 0), PixelPoint(x: 5, y: 0), PixelPoint(x: 10, y: 0), PixelPoint(x: 10, y: 7.5)]
        XCTAssertEqual(ReportRows.centerlineText(corner), "0.0 0.0;10.0 0.0;10.0 7.5")
        XCTAssertEqual(ReportRows.centerlineText([]), "")
        XCTAssertEqual(ReportRows.centerlineText([PixelPoint(x: 1, y: 2), PixelPoint(x: .nan, y: 3), PixelPoint(x: 4, y: 2)]),
                       "1.0 2.0;4.0 2.0")
    }
}
