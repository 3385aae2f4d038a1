/// One detected hair paired with one truth hair, with the per-hair errors the scorer pools.
public struct MatchedHair: Sendable, Equatable, Encodable {
    public var detectedID: Int
    public var truthID: Int
    public var distancePixels: Double
    /// False when the truth hair does not count (too short or mostly outside the field): such a pair is
    /// neither a true nor a false positive and adds nothing to the per-hair errors.
    public var counted: Bool
    /// Detected minus true diameter, µm.
    public var diameterErrorMicrons: Double
    public var truthDiameterMicrons: Double
    /// Whether vellus/non-vellus agrees (a detected `intermediate` hair counts as non-vellus, like the truth's `terminal`).
    public var classCorrect: Bool
    /// Detected minus true visible length, µm; only for phototrichogram images (clipped stubs), else nil.
    public var lengthErrorMicrons: Double?
    public var truthVisibleLengthMicrons: Double?
    /// Whether anagen/telogen agrees; nil when the truth hair has no phase.
    public var phaseCorrect: Bool?

    public init(detectedID: Int, truthID: Int, distancePixels: Double, counted: Bool,
                diameterErrorMicrons: Double, truthDiameterMicrons: Double, classCorrect: Bool,
                lengthErrorMicrons: Double?, truthVisibleLengthMicrons: Double?, phaseCorrect: Bool?) {
        self.detectedID = detectedID; self.truthID = truthID; self.distancePixels = distancePixels
        self.counted = counted; self.diameterErrorMicrons = diameterErrorMicrons
        self.truthDiameterMicrons = truthDiameterMicrons; self.classCorrect = classCorrect
        self.lengthErrorMicrons = lengthErrorMicrons; self.truthVisibleLengthMicrons = truthVisibleLengthMicrons
        self.phaseCorrect = phaseCorrect
    }

    enum CodingKeys: String, CodingKey {
        case detectedID = "detected_id", truthID = "truth_id", distancePixels = "distance_px", counted
        case diameterErrorMicrons = "diameter_error_um", truthDiameterMicrons = "truth_diameter_um"
        case classCorrect = "class_correct", lengthErrorMicrons = "length_error_um"
        case truthVisibleLengthMicrons = "truth_visible_length_um", phaseCorrect = "phase_correct"
    }

    // Written by hand so absent values appear as null: every record has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(detectedID, forKey: .detectedID)
        try c.encode(truthID, forKey: .truthID)
        try c.encode(distancePixels, forKey: .distancePixels)
        try c.encode(counted, forKey: .counted)
        try c.encode(diameterErrorMicrons, forKey: .diameterErrorMicrons)
        try c.encode(truthDiameterMicrons, forKey: .truthDiameterMicrons)
        try c.encode(classCorrect, forKey: .classCorrect)
        try c.encode(lengthErrorMicrons, forKey: .lengthErrorMicrons)
        try c.encode(truthVisibleLengthMicrons, forKey: .truthVisibleLengthMicrons)
        try c.encode(phaseCorrect, forKey: .phaseCorrect)
    }
}
