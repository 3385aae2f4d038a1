/// What the image shows between two path pieces that the tracer might join: a faded stretch of one hair
/// still darkens (or, for a lighter hair, brightens) the skin along the gap, two separate hairs that
/// merely line up leave bare skin between them.
struct GapEvidence {
    /// Flattened darkness (0 = skin, positive = darker than skin).
    let darkness: FloatPlane
    /// The valid field: outside it (glare, bubbles, banners) a gap is unknown, not bare.
    let field: ByteMask
    /// The gap's open stretch must darken the skin by at least this fraction of the pieces' own strength.
    static let minimumFraction: Float = 0.4

    /// A piece's typical contrast: the median signed darkness on its centerline.
    func strength(of path: ShaftPath) -> Float {
        let sign: Float = path.polarity == .darker ? 1 : -1
        var values: [Float] = []
        values.reserveCapacity(path.points.count / 2 + 1)
        for (k, p) in path.points.enumerated() where k % 2 == 0 {
            if let v = sample(p) { values.append(sign * v) }
        }
        guard !values.isEmpty else { return 0 }
        values.sort()
        return values[values.count / 2]
    }

    /// Whether the open part of the chord from `a` to `b` (beyond `radius` of either end, off other shafts
    /// in `occluders` and inside the field) darkens the skin like a faded stretch of a shaft of `strength`.
    /// A gap with no open part to judge passes.
    func gapLooksLikeShaft(from a: PixelPoint, to b: PixelPoint, radius: Double, polarity: ShaftPolarity,
                           strength: Float, occluders: ByteMask?) -> Bool {
        guard strength > 0 else { return true }
        let sign: Float = polarity == .darker ? 1 : -1
        let gx = b.x - a.x, gy = b.y - a.y
        let gap = (gx * gx + gy * gy).squareRoot()
        let steps = Int(gap.rounded(.up))
        guard steps > 0 else { return true }
        var sum: Float = 0, count = 0
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            let along = t * gap
            guard along > radius + 1, along < gap - radius - 1 else { continue }
            let p = PixelPoint(x: a.x + t * gx, y: a.y + t * gy)
            let x = Int(p.x.rounded(.down)), y = Int(p.y.rounded(.down))
            guard x >= 0, y >= 0, x < field.width, y < field.height else { continue }
            let i = y * field.width + x
            guard field.bits[i] != 0 else { continue }
            if let occluders, occluders.bits[i] != 0 { continue }
            sum += sign * darkness.samples[i]
            count += 1
        }
        guard count >= 3 else { return true }
        return sum / Float(count) >= Self.minimumFraction * strength
    }

    private func sample(_ p: PixelPoint) -> Float? {
        let x = Int(p.x.rounded(.down)), y = Int(p.y.rounded(.down))
        guard x >= 0, y >= 0, x < darkness.width, y < darkness.height else { return nil }
        return darkness.samples[y * darkness.width + x]
    }
}
