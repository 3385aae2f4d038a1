/// What the image shows between two path pieces that the tracer might join: a faded stretch of one hair
/// still darkens (or, for a lighter hair, brightens) the skin along the gap, two separate hairs that
/// merely line up leave bare skin between them.
struct GapEvidence {
    /// Flattened darkness (0 = skin, positive = darker than skin).
    let darkness: FloatPlane
    /// With the colour pass: its transmission (`UnpigmentedContrast`), where shafts found by colour are judged
    /// (one as bright as the skin leaves no trace in `darkness`). Read as darkness 1 − t.
    let colourTransmission: FloatPlane?
    /// The valid field: outside it (glare, bubbles, banners) a gap is unknown, not bare.
    let field: ByteMask
    /// The gap's open stretch must darken the skin by at least this fraction of the pieces' own strength.
    static let minimumFraction: Float = 0.4

    /// Whether gaps can be judged in colour.
    var hasColour: Bool { colourTransmission != nil }

    /// A piece's typical contrast: the median signed darkness on its centerline, in the colour plane when
    /// `inColour` (and there is one).
    func strength(of path: ShaftPath, inColour: Bool = false) -> Float {
        let sign: Float = path.polarity == .darker ? 1 : -1
        var values: [Float] = []
        values.reserveCapacity(path.points.count / 2 + 1)
        for (k, p) in path.points.enumerated() where k % 2 == 0 {
            if let v = sample(p, inColour: inColour) { values.append(sign * v) }
        }
        // (`sample` skips points outside the field, where darkness is zero: glare must not lower the level.)
        guard !values.isEmpty else { return 0 }
        values.sort()
        return values[values.count / 2]
    }

    /// Whether what lies at pixel `i` (on some shaft mask) is strong enough to hide a shaft of `strength`
    /// passing beneath it: it must differ from the skin, in brightness or in colour, by at least the fraction
    /// of that strength an open gap must show. A mask that faint (a root seen through the skin beyond its
    /// opening, a furrow) hides nothing; a hair's pieces either side of it do not meet under it.
    func canHide(_ i: Int, strength: Float) -> Bool {
        var level = abs(darkness.samples[i])
        if let colourTransmission { level = max(level, abs(1 - colourTransmission.samples[i])) }
        return level >= Self.minimumFraction * strength
    }

    /// Whether the open part of the chord from `a` to `b` (beyond `radius` of either end, off other shafts
    /// in `occluders` that could hide it, and inside the field) darkens the skin like a faded stretch of a
    /// shaft of `strength`. A gap with no open part to judge passes.
    func gapLooksLikeShaft(from a: PixelPoint, to b: PixelPoint, radius: Double, polarity: ShaftPolarity,
                           strength: Float, occluders: ByteMask?, inColour: Bool = false) -> Bool {
        guard strength > 0 else { return true }
        let sign: Float = polarity == .darker ? 1 : -1
        let colour = inColour ? colourTransmission : nil
        var sum: Float = 0, count = 0
        GapChord(from: a, to: b, endClearance: radius + 1).forEachPixel(width: field.width, height: field.height) { i in
            guard field.bits[i] != 0 else { return }
            if let occluders, occluders.bits[i] != 0, canHide(i, strength: strength) { return }
            sum += sign * (colour.map { 1 - $0.samples[i] } ?? darkness.samples[i])
            count += 1
        }
        guard count >= 3 else { return true }
        return sum / Float(count) >= Self.minimumFraction * strength
    }

    init(darkness: FloatPlane, field: ByteMask, colourTransmission: FloatPlane? = nil) {
        precondition(darkness.width == field.width && darkness.height == field.height, "planes of one image")
        precondition(colourTransmission.map { $0.width == field.width && $0.height == field.height } ?? true,
                     "planes of one image")
        self.darkness = darkness
        self.field = field
        self.colourTransmission = colourTransmission
    }

    private func sample(_ p: PixelPoint, inColour: Bool) -> Float? {
        let x = Int(p.x.rounded(.down)), y = Int(p.y.rounded(.down))
        guard x >= 0, y >= 0, x < darkness.width, y < darkness.height else { return nil }
        let i = y * darkness.width + x
        guard field.bits[i] != 0 else { return nil }
        if inColour, let colour = colourTransmission { return 1 - colour.samples[i] }
        return darkness.samples[i]
    }
}

/// The straight chord across a gap between two piece ends, sampled once per pixel of its length. The
/// samples within `endClearance` of either end lie on the pieces' own shafts and are left out.
struct GapChord {
    let from: PixelPoint
    let to: PixelPoint
    let endClearance: Double
    /// Samples along the whole chord, ends included (at least 2).
    let allSamples: Int
    /// Samples beyond the clearance at both ends.
    let innerSamples: Int
    private let length: Double

    init(from: PixelPoint, to: PixelPoint, endClearance: Double) {
        self.from = from
        self.to = to
        self.endClearance = endClearance
        length = ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)).squareRoot()
        allSamples = max(1, Int(length.rounded(.up))) + 1
        var inner = 0
        for k in 0..<allSamples where Self.isInner(k, of: allSamples, length: length, clearance: endClearance) { inner += 1 }
        innerSamples = inner
    }

    private static func isInner(_ k: Int, of samples: Int, length: Double, clearance: Double) -> Bool {
        let along = Double(k) / Double(samples - 1) * length
        return along > clearance && along < length - clearance
    }

    /// Calls `body` with the pixel index (row-major, `width` wide) of every inner sample inside the image.
    func forEachPixel(width: Int, height: Int, _ body: (Int) -> Void) {
        let steps = allSamples - 1
        for k in 0...steps where Self.isInner(k, of: allSamples, length: length, clearance: endClearance) {
            let t = Double(k) / Double(steps)
            let x = Int((from.x + t * (to.x - from.x)).rounded(.down)), y = Int((from.y + t * (to.y - from.y)).rounded(.down))
            guard x >= 0, y >= 0, x < width, y < height else { continue }
            body(y * width + x)
        }
    }
}

/// A path piece's typical contrast, read in one plane, and the rule that two pieces of one hair have
/// contrasts of the same order. A hair's pigment and thickness, and so its contrast, change slowly along
/// it: a piece several times fainter than the one it lines up with is something else — above all the
/// hair's own root, seen bluish-grey through the skin and running on from its opening in line with the
/// shaft, or a furrow or a vellus hair meeting its end.
struct PieceContrast {
    let evidence: GapEvidence
    /// Read in the colour plane (the colour pass's pieces).
    let inColour: Bool
    /// Pieces whose typical contrasts differ by more than this factor do not join.
    static let maximumRatio: Float = 3

    func strength(of path: ShaftPath) -> Float { evidence.strength(of: path, inColour: inColour) }

    /// Whether two pieces' contrasts are of the same order. A piece with no contrast to read (no sample in
    /// the field, or none of its sign) leaves the question to the other rules.
    static func similar(_ a: Float, _ b: Float) -> Bool {
        guard a > 0, b > 0 else { return true }
        return max(a, b) <= maximumRatio * min(a, b)
    }
}
