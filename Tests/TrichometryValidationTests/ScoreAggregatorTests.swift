import Foundation
import TrichometryAnalysis
import XCTest
@testable import TrichometryValidation

final class ScoreAggregatorTests: XCTestCase {
    /// An image of `preset` whose truth has 10 hairs and whose analysis counts `found`, with the given detections.
    private func image(_ preset: String, found: Int, tp: Int, fp: Int, fn: Int) -> ImageScore {
        // Truth: tp + fn counted hairs on separate rows; detections: tp on those rows, fp far away.
        let truthHairs = (0..<(tp + fn)).map { i in
            Fixtures.truthHair(i + 1, from: (10, Double(10 + 40 * i)), to: (190, Double(10 + 40 * i)))
        }
        let hits = (0..<tp).map { i in Fixtures.detected(i + 1, at: (100, Double(10 + 40 * i))) }
        let misses = (0..<fp).map { i in Fixtures.detected(100 + i, at: (Double(1000 + 100 * i), 1000)) }
        let truth = Fixtures.truth(truthHairs, preset: preset, height: 2000, hairCount: 10)
        return ValidationScorer.score(analysis: Fixtures.analysis(hits + misses, hairCount: found), truth: truth)
    }

    func testMedianOfEvenCountAveragesTheMiddlePair() {
        XCTAssertEqual(SampleStatistics.median([4, 1, 3, 2]), 2.5)
        XCTAssertEqual(SampleStatistics.median([5, 1, 3]), 3)
        XCTAssertNil(SampleStatistics.median([]))
        XCTAssertNil(SampleStatistics.mean([]))
    }

    func testCountErrorsOverImages() {
        // Count errors +10 %, −20 %, +30 %, −50 %: |e| = 10, 20, 30, 50.
        let scores = [11, 8, 13, 5].map { image("natural", found: $0, tp: 1, fp: 0, fn: 0) }
        let group = ScoreAggregator.aggregate(scores, name: "natural")
        XCTAssertEqual(group[.images], 4)
        XCTAssertEqual(group[.countMeanAbsPct] ?? -1, 27.5, accuracy: 1e-9)
        XCTAssertEqual(group[.countMedianAbsPct] ?? -1, 25, accuracy: 1e-9)
        XCTAssertEqual(group[.countBiasPct] ?? 0, -7.5, accuracy: 1e-9)
        XCTAssertEqual(group[.countMae] ?? -1, 2.75, accuracy: 1e-9)
        XCTAssertEqual(group[.truthHairs], 40)
        XCTAssertEqual(group[.detectedHairs], 37)
    }

    func testDetectionFiguresAreMicroAveraged() {
        // Image A: 3 TP, 1 FP, 0 FN. Image B: 1 TP, 0 FP, 3 FN. Pooled: 4 TP, 1 FP, 3 FN.
        let group = ScoreAggregator.aggregate([image("a", found: 4, tp: 3, fp: 1, fn: 0),
                                               image("a", found: 1, tp: 1, fp: 0, fn: 3)], name: "a")
        XCTAssertEqual(group[.tp], 4)
        XCTAssertEqual(group[.fp], 1)
        XCTAssertEqual(group[.fn], 3)
        XCTAssertEqual(group[.precision] ?? -1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(group[.recall] ?? -1, 4.0 / 7.0, accuracy: 1e-12)
        XCTAssertEqual(group[.f1] ?? -1, 8.0 / 12.0, accuracy: 1e-12)
    }

    func testSummaryGroupsPerPresetSortedAndOverall() {
        let scores = [image("natural", found: 10, tp: 2, fp: 0, fn: 0),
                      image("clipped", found: 10, tp: 1, fp: 1, fn: 0),
                      image("natural", found: 10, tp: 0, fp: 0, fn: 2)]
        let summary = ScoreAggregator.summarize(scores)
        XCTAssertEqual(summary.presets.map(\.name), ["clipped", "natural"])
        XCTAssertEqual(summary.overall.name, "overall")
        XCTAssertEqual(summary.group(named: "natural")?[.images], 2)
        XCTAssertEqual(summary.group(named: "natural")?[.f1] ?? -1, 4.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(summary.group(named: "clipped")?[.precision], 0.5)
        XCTAssertEqual(summary.overall[.tp], 3)
        XCTAssertNil(summary.group(named: "dense"))
        XCTAssertEqual(summary.allGroups.map(\.name), ["clipped", "natural", "overall"])
    }

    func testGroupJSONHasEveryMetricKeyWithNullWhenUnmeasured() throws {
        let summary = ScoreAggregator.summarize([image("natural", found: 10, tp: 1, fp: 0, fn: 0)])
        let data = try JSONEncoder().encode(summary.overall)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(object.keys), Set(ValidationMetric.allCases.map(\.rawValue) + ["group"]))
        XCTAssertTrue(object["length_mae_um"] is NSNull, "unclipped images have no length figure")
        XCTAssertEqual(object["f1"] as? Double, 1)
        XCTAssertEqual(object["group"] as? String, "overall")
    }

    func testReportJSONIsStable() throws {
        let scores = [image("natural", found: 10, tp: 1, fp: 1, fn: 1)]
        let summary = ScoreAggregator.summarize(scores)
        let requirement = try ValidationRequirement.parse("f1>=0.9")
        let report = ValidationReport(images: scores, errors: [ValidationInputError(file: "x.truth.json", reason: "bad")],
                                      summary: summary, requirements: [requirement.check(summary)])
        let first = try report.jsonData()
        XCTAssertEqual(first, try report.jsonData())
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: first) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["schema_version", "images", "errors", "presets", "overall", "requirements"])
        let row = try XCTUnwrap((object["images"] as? [[String: Any]])?.first)
        XCTAssertEqual(row["tp"] as? Int, 1)
        XCTAssertTrue(row["anagen_pct_error_pp"] is NSNull)
        XCTAssertEqual((row["matches"] as? [[String: Any]])?.first?["truth_id"] as? Int, 1)
        let outcome = try XCTUnwrap((object["requirements"] as? [[String: Any]])?.first)
        XCTAssertEqual(outcome["passed"] as? Bool, false)
        XCTAssertEqual(outcome["requirement"] as? String, "f1>=0.9")
    }

    func testNonFiniteValuesFromThePipelineStillGiveReadableJSON() throws {
        var score = image("natural", found: 10, tp: 1, fp: 0, fn: 0)
        score.matches[0].diameterErrorMicrons = .nan
        let summary = ScoreAggregator.summarize([score])
        XCTAssertNil(summary.overall[.diameterMaeUm], "a NaN error is no measurement")
        let data = try ValidationReport(images: [score], errors: [], summary: summary, requirements: []).jsonData()
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"diameter_error_um\" : \"nan\""))
    }

    func testTableListsEveryGroupAndMarksMissingFigures() {
        let summary = ScoreAggregator.summarize([image("natural", found: 10, tp: 1, fp: 0, fn: 1)])
        let table = ValidationTable.render(summary)
        XCTAssertTrue(table.contains("natural "))
        XCTAssertTrue(table.contains("overall "))
        XCTAssertTrue(table.contains("0.667"), table) // F1 = 2 / 3
        XCTAssertFalse(table.contains("Clipped hairs"), "no phototrichogram images, no clipped table")
    }
}
