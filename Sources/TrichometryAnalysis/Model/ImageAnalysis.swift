import TrichometryImageIO

/// A point in image pixel coordinates: x to the right, y down, pixel centres at integer + 0.5.
public struct PixelPoint: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public enum HairClass: String, Sendable, Equatable, CaseIterable {
    case terminal, intermediate, vellus
}

public enum GrowthPhase: String, Sendable, Equatable, CaseIterable {
    case anagen, telogen
}

/// Whether a shaft is darker or lighter than the skin around it (grey and white hairs are lighter).
public enum ShaftPolarity: String, Sendable, Equatable {
    case darker, lighter
}

/// One measured hair shaft.
public struct Hair: Sendable, Equatable, Identifiable {
    /// 1-based, stable within an image; the id drawn on the overlay and written to the per-hair table.
    public var id: Int
    /// Sub-pixel centerline from one end to the other.
    public var centerline: [PixelPoint]
    /// The centerline's point halfway along its length.
    public var midpoint: PixelPoint
    public var lengthPixels: Double
    public var diameterPixels: Double
    /// nil when uncalibrated.
    public var lengthMicrons: Double?
    public var diameterMicrons: Double?
    public var hairClass: HairClass
    public var phase: GrowthPhase?
    public var polarity: ShaftPolarity
    /// The follicular unit this hair belongs to.
    public var unitID: Int
    /// The end taken as the emergence point (where the shaft leaves the skin).
    public var emergence: PixelPoint
    /// True when the shaft runs into the frame's or the valid field's edge, so its length is a lower bound.
    public var truncated: Bool
    /// True when the shaft passes through a crossing or shares an opening with another hair.
    public var atJunction: Bool
    /// True when `phase` is not read from this hair's own length but inferred: it is cut by an edge, or its tip
    /// passes under another shaft, while shorter than the anagen threshold where seen, and it takes the phase
    /// most of the image's whole hairs longer than its visible part have (see `Docs/Pipeline.md`).
    public var phaseInferred: Bool = false

    public init(id: Int, centerline: [PixelPoint], midpoint: PixelPoint, lengthPixels: Double,
                diameterPixels: Double, lengthMicrons: Double?, diameterMicrons: Double?,
                hairClass: HairClass, phase: GrowthPhase?, polarity: ShaftPolarity, unitID: Int,
                emergence: PixelPoint, truncated: Bool, atJunction: Bool) {
        self.id = id; self.centerline = centerline; self.midpoint = midpoint
        self.lengthPixels = lengthPixels; self.diameterPixels = diameterPixels
        self.lengthMicrons = lengthMicrons; self.diameterMicrons = diameterMicrons
        self.hairClass = hairClass; self.phase = phase; self.polarity = polarity; self.unitID = unitID
        self.emergence = emergence; self.truncated = truncated; self.atJunction = atJunction
    }
}

/// Hairs that leave the skin through one opening.
public struct FollicularUnit: Sendable, Equatable, Identifiable {
    public var id: Int
    public var center: PixelPoint
    public var hairIDs: [Int]
    public init(id: Int, center: PixelPoint, hairIDs: [Int]) {
        self.id = id; self.center = center; self.hairIDs = hairIDs
    }
    public var hairCount: Int { hairIDs.count }
}

/// The figures clinical studies report for one image. Densities and µm figures are nil when uncalibrated;
/// phase figures are nil when no phase was asked for.
public struct ImageMetrics: Sendable, Equatable {
    public var hairCount: Int = 0
    public var terminalCount: Int = 0
    public var intermediateCount: Int = 0
    public var vellusCount: Int = 0
    /// Vellus hairs as a percentage of all hairs (0 when there are no hairs).
    public var vellusPercent: Double = 0
    public var densityPerCm2: Double? = nil
    public var terminalDensityPerCm2: Double? = nil
    public var intermediateDensityPerCm2: Double? = nil
    public var vellusDensityPerCm2: Double? = nil
    public var meanDiameterMicrons: Double? = nil
    public var diameterSDMicrons: Double? = nil
    /// Percentage of hairs thinner than 30 µm, the trichoscopy criterion for thin hairs.
    public var thinHairPercent: Double? = nil
    /// Sum of diameters per cm² of field, in mm/cm².
    public var cumulativeThicknessMmPerCm2: Double? = nil
    public var follicularUnitCount: Int = 0
    public var hairsPerUnit: Double = 0
    /// Units with 1, 2, 3 and 4 or more hairs.
    public var unitSizeCounts: [Int] = [0, 0, 0, 0]
    public var truncatedCount: Int = 0
    public var anagenCount: Int? = nil
    public var telogenCount: Int? = nil
    public var anagenPercent: Double? = nil
    /// Hairs whose phase cannot be told: cut by the frame or field edge, or with their tip under another shaft,
    /// while shorter than the anagen threshold, and no whole hair in the image longer than what is seen of them. Not in `anagenCount`,
    /// `telogenCount` or `anagenPercent`.
    public var phaseUndeterminedCount: Int? = nil
    /// Hairs seen only in part whose phase was inferred from the image's whole hairs (`Hair.phaseInferred`).
    /// They are in `anagenCount`, `telogenCount` and `anagenPercent`.
    public var phaseInferredCount: Int? = nil

    public init() {}
}

/// Everything the pipeline found in one image.
public struct ImageAnalysis: Sendable {
    public var width: Int
    public var height: Int
    public var calibration: Calibration
    /// 1 where the pixel is valid skin field, 0 where excluded (aperture, banner, glare, bubble). Row-major.
    public var fieldMask: [UInt8]
    public var analyzedAreaPixels: Int
    /// nil when uncalibrated.
    public var analyzedAreaCm2: Double?
    /// 1 where a pixel belongs to a detected hair shaft. Row-major.
    public var hairMask: [UInt8]
    public var hairs: [Hair]
    public var units: [FollicularUnit]
    public var metrics: ImageMetrics

    public init(width: Int, height: Int, calibration: Calibration, fieldMask: [UInt8], analyzedAreaPixels: Int,
                analyzedAreaCm2: Double?, hairMask: [UInt8], hairs: [Hair], units: [FollicularUnit],
                metrics: ImageMetrics) {
        self.width = width; self.height = height; self.calibration = calibration
        self.fieldMask = fieldMask; self.analyzedAreaPixels = analyzedAreaPixels
        self.analyzedAreaCm2 = analyzedAreaCm2; self.hairMask = hairMask; self.hairs = hairs
        self.units = units; self.metrics = metrics
    }
}
