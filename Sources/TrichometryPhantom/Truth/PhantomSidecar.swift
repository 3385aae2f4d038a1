#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The calibration sidecar written beside a phantom image as `<stem>.json`: the settings
/// `trichometry analyze` reads for that image (`Docs/Analyze.md`), taken from the truth, so a phantom
/// set analyses calibrated with no flags. Only keys `analyze` knows are written; the truth file
/// (`<stem>.truth.json`) stays the one record of what is in the image.
public struct PhantomSidecar: Codable, Sendable, Equatable {
    /// For people; `analyze` ignores it.
    public var description: String
    /// The image's scale, exactly as in the truth.
    public var umPerPx: Double
    /// Phototrichogram (clipped presets): days between clipping and imaging; absent otherwise.
    public var daysSinceClipping: Double?

    public init(description: String, umPerPx: Double, daysSinceClipping: Double?) {
        self.description = description; self.umPerPx = umPerPx; self.daysSinceClipping = daysSinceClipping
    }

    /// The sidecar of the image `truth` describes.
    public init(truth: PhantomTruth) {
        let stem = truth.image.lastIndex(of: ".").map { String(truth.image[..<$0]) } ?? truth.image
        self.init(description: "trichometry phantom, preset \(truth.preset), seed \(truth.seed); ground truth in \(stem).truth.json",
                  umPerPx: truth.umPerPx, daysSinceClipping: truth.daysSinceClipping)
    }

    /// The sidecar's file name for an image stem: `clipped-1-000` → `clipped-1-000.json`.
    public static func fileName(forStem stem: String) -> String { stem + ".json" }

    /// Snake_case keys, sorted, pretty-printed; an absent `days_since_clipping` is left out.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> PhantomSidecar {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PhantomSidecar.self, from: data)
    }
}
