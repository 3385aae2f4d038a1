import XCTest
@testable import TrichometryValidation

final class ValidationRequirementTests: XCTestCase {
    func testParsesUnscopedBounds() throws {
        let f1 = try ValidationRequirement.parse("f1>=0.95")
        XCTAssertEqual(f1, ValidationRequirement(metric: .f1, comparison: .atLeast, bound: 0.95))
        let count = try ValidationRequirement.parse("count_median_abs_pct<=3")
        XCTAssertEqual(count, ValidationRequirement(metric: .countMedianAbsPct, comparison: .atMost, bound: 3))
        XCTAssertEqual(try ValidationRequirement.parse(" diameter_mae_um < 2.5 ").comparison, .below)
        XCTAssertEqual(try ValidationRequirement.parse("fp==0").comparison, .equal)
        XCTAssertEqual(try ValidationRequirement.parse("recall>0.5").comparison, .above)
        XCTAssertEqual(try ValidationRequirement.parse("recall≥0.5").comparison, .atLeast)
        XCTAssertEqual(try ValidationRequirement.parse("count_bias_pct>=-5").bound, -5)
    }

    func testParsesPresetScope() throws {
        let scoped = try ValidationRequirement.parse("natural:f1>=0.97")
        XCTAssertEqual(scoped.group, "natural")
        XCTAssertEqual(scoped.metric, .f1)
        XCTAssertEqual(scoped.description, "natural:f1>=0.97")
        XCTAssertEqual(try ValidationRequirement.parse("f1>=0.97").group, "overall")
    }

    func testRejectsUnknownMetricListingTheValidOnes() {
        XCTAssertThrowsError(try ValidationRequirement.parse("f2>=0.9")) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("unknown metric 'f2'"), message)
            XCTAssertTrue(message.contains("count_median_abs_pct"), message)
            XCTAssertFalse(message.contains("\n"), "one line")
        }
    }

    func testRejectsMalformedExpressions() {
        for bad in ["f1", "f1>=", "f1>=abc", ":f1>=0.9", "natural:>=0.9", "f1=>0.9", ">=0.9", "f1>=nan"] {
            XCTAssertThrowsError(try ValidationRequirement.parse(bad), bad) { error in
                XCTAssertTrue(String(describing: error).hasPrefix("bad requirement '\(bad)'"), "\(error)")
            }
        }
    }

    func testCheckPassesFailsAndFailsOnMissingData() throws {
        let summary = ValidationSummary(
            presets: [GroupScore(name: "natural", values: [.f1: 0.9, .images: 2])],
            overall: GroupScore(name: "overall", values: [.f1: 0.96, .images: 2]))
        let pass = try ValidationRequirement.parse("f1>=0.95").check(summary)
        XCTAssertTrue(pass.passed)
        XCTAssertEqual(pass.measured, 0.96)
        let fail = try ValidationRequirement.parse("natural:f1>=0.95").check(summary)
        XCTAssertFalse(fail.passed)
        XCTAssertEqual(fail.description, "FAIL natural:f1>=0.95 (measured 0.9)")
        let absentPreset = try ValidationRequirement.parse("dense:f1>=0.5").check(summary)
        XCTAssertFalse(absentPreset.passed)
        XCTAssertTrue(absentPreset.detail.contains("no images of preset 'dense'"))
        let unmeasured = try ValidationRequirement.parse("length_mae_um<=100").check(summary)
        XCTAssertFalse(unmeasured.passed)
        XCTAssertNil(unmeasured.measured)
    }

    func testEveryMetricNameRoundTripsThroughTheParser() throws {
        for metric in ValidationMetric.allCases {
            XCTAssertEqual(try ValidationRequirement.parse("\(metric.rawValue)<=1").metric, metric)
            XCTAssertFalse(metric.summary.isEmpty)
        }
    }
}
