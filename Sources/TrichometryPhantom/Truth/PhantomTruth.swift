/// Ground truth written beside every phantom image as `<stem>.truth.json`.
///
/// The JSON keys are snake_case (see `Docs/TruthSchema.md`); this type is the one definition of
/// that schema, read by `trichometry validate` and written by `trichometry phantom`.
public struct PhantomTruth: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The preset that made the image (`clipped`, `natural`, `light`, `dense`, `artifacts`, `calibration`).
    public var preset: String
    public var seed: UInt64
    /// File name of the image, relative to the truth file's folder.
    public var image: String
    public var widthPx: Int
    public var heightPx: Int
    public var umPerPx: Double
    /// Area of the valid field in cm²: the frame less the aperture's black corners and any banner.
    public var fieldAreaCm2: Double
    /// Days between clipping and imaging, for clipped presets; nil otherwise.
    public var daysSinceClipping: Double?
    public var hairs: [Hair]
    public var totals: Totals

    public struct Hair: Codable, Sendable, Equatable {
        public var id: Int
        /// Sub-pixel centerline, from the emergence point to the tip, in image pixels
        /// (x right, y down, pixel centres at integer + 0.5). May run past the frame.
        public var centerline: [[Double]]
        public var diameterUm: Double
        /// Length of the whole shaft above the skin.
        public var lengthUm: Double
        /// Length of the part inside the valid field.
        public var visibleLengthUm: Double
        /// `vellus` (diameter ≤ 30 µm) or `terminal`.
        public var `class`: String
        /// `anagen` or `telogen` for clipped presets; nil otherwise.
        public var phase: String?
        public var unitId: Int
        /// Where the shaft leaves the skin, in image pixels.
        public var emergence: [Double]
        /// True when the shaft runs past the frame or the valid field's edge.
        public var leavesFrame: Bool
        /// True when the hair counts toward the totals (visible length ≥ 100 µm).
        public var counted: Bool
        /// True when the shaft is lighter than the skin around it (white or grey hair).
        public var lighterThanSkin: Bool

        public init(id: Int, centerline: [[Double]], diameterUm: Double, lengthUm: Double,
                    visibleLengthUm: Double, class hairClass: String, phase: String?, unitId: Int,
                    emergence: [Double], leavesFrame: Bool, counted: Bool, lighterThanSkin: Bool) {
            self.id = id; self.centerline = centerline; self.diameterUm = diameterUm
            self.lengthUm = lengthUm; self.visibleLengthUm = visibleLengthUm; self.class = hairClass
            self.phase = phase; self.unitId = unitId; self.emergence = emergence
            self.leavesFrame = leavesFrame; self.counted = counted; self.lighterThanSkin = lighterThanSkin
        }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var hairCount: Int
        public var terminalCount: Int
        public var vellusCount: Int
        public var vellusPercent: Double
        public var densityPerCm2: Double
        public var meanDiameterUm: Double
        public var follicularUnitCount: Int
        public var anagenCount: Int?
        public var telogenCount: Int?

        public init(hairCount: Int, terminalCount: Int, vellusCount: Int, vellusPercent: Double,
                    densityPerCm2: Double, meanDiameterUm: Double, follicularUnitCount: Int,
                    anagenCount: Int?, telogenCount: Int?) {
            self.hairCount = hairCount; self.terminalCount = terminalCount; self.vellusCount = vellusCount
            self.vellusPercent = vellusPercent; self.densityPerCm2 = densityPerCm2
            self.meanDiameterUm = meanDiameterUm; self.follicularUnitCount = follicularUnitCount
            self.anagenCount = anagenCount; self.telogenCount = telogenCount
        }
    }

    public init(preset: String, seed: UInt64, image: String, widthPx: Int, heightPx: Int, umPerPx: Double,
                fieldAreaCm2: Double, daysSinceClipping: Double?, hairs: [Hair], totals: Totals) {
        self.schemaVersion = Self.currentSchemaVersion
        self.preset = preset; self.seed = seed; self.image = image
        self.widthPx = widthPx; self.heightPx = heightPx; self.umPerPx = umPerPx
        self.fieldAreaCm2 = fieldAreaCm2; self.daysSinceClipping = daysSinceClipping
        self.hairs = hairs; self.totals = totals
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PhantomTruth {
    /// Encoder and decoder with the schema's snake_case keys and stable, sorted output.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
