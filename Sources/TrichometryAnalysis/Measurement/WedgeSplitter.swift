/// Separates two hairs that leave one opening at a narrow angle and have not parted by the time they end (clipped
/// stubs of a 2-hair unit, most of all) or reach the frame: their masks merge into one wedge, and the skeleton
/// gives one centerline. No step in width marks the second hair (`BundleSplitter.findSteps` looks for jumps), but
/// the wedge's width grows steadily, as the distance between two straight shafts grows, from one hair's width
/// at the opening to up to two where they part. A single hair's width is constant along it, or narrows over the
/// last stretch of a tapering tip; where it does change steadily along its whole length (a long taper, a hair
/// going out of focus or into haze), its axis pales with it.
///
/// So the half-contrast width is read along the shaft (away from crossings and its two ends), and a straight line
/// fitted to it. The shaft is two hairs when that line explains the width, rises by `minimumRatio` to
/// `maximumRatio` from the narrow end to the wide one, both halves of the shaft rise alike (a tip's taper, or a
/// shadow at the opening, changes the width over one end only), and the axis is as dark at the narrow end as at
/// the wide one (`keepsItsDepth`). Each hair then runs along one edge of the wedge, half a hair's width inside it;
/// both share the narrow end, the opening.
enum WedgeSplitter {
    /// The wide end's width must be at least this many times the narrow end's: where two hairs diverge, their
    /// distance apart at the wide end is then at least 30 % of a hair's width (blur, a bent shaft and noise
    /// change a single shaft's half-contrast width by less).
    static let minimumRatio = 1.3
    /// …and at most this many: two hairs that have not parted are at most twice one hair's width (a little more
    /// with the blur of their outer edges). A shaft narrowing steadily by more is a hair's tapering tip.
    static let maximumRatio = 2.2
    /// The straight line must fit the width to within this fraction of the narrow end's width (RMS).
    static let maximumResidual = 0.12
    /// Each half of the shaft's own line must rise at least this fraction of the whole line's slope.
    static let minimumHalfSlope = 0.45

    /// The two hairs in `m` when it is a wedge, both marked with `identifier` (`Measurement.wedge`: it must be
    /// the image's own for this wedge), `[m]` otherwise. `edges` are `m`'s half-contrast edges along its centerline
    /// (`BundleSplitter.edgeOffsets`).
    static func split(_ m: ShaftMeasurer.Measurement, edges: [(left: Double, right: Double)?], measurer: ShaftMeasurer,
                      identifier: Int) -> [ShaftMeasurer.Measurement] {
        guard ShadingTest.isPigmentedBeyondDoubt(m), m.centerline.count >= 24, edges.count == m.centerline.count else { return [m] }
        let pts = m.centerline
        let n = pts.count
        guard let wedge = fit(edges, along: pts, crossings: m.path.crossings, diameter: m.diameterPixels) else { return [m] }
        guard keepsItsDepth(wedge, along: pts, measurement: m, measurer: measurer) else { return [m] }

        // Each hair's width: the profile fitted over the narrow quarter of the shaft, where one hair runs alone
        // or nearly so (a little wide when the other still overlaps it: never more than the wedge's own fit).
        let quarter = quarterLength(n)
        let narrowRange = wedge.narrowAtStart ? 0..<quarter : (n - quarter)..<n
        // The narrow end's width where it was read (extrapolated further, the line may run down to nothing).
        let narrowLevel = wedge.narrowWidth
        guard let profile = measurer.meanProfile(Array(pts[narrowRange]), crossings: m.path.crossings, radius: 0.5 * narrowLevel)
        else { return [m] }
        let model = measurer.fitProfile(profile, polarity: .darker, freeBlurAndShape: false).model
        guard model.width.isFinite, model.width > 0.5, model.contrast > 0 else { return [m] }
        let hairWidth = min(model.width, m.diameterPixels)

        // Each hair's centerline runs half a (half-contrast) hair's width inside one edge of the fitted wedge.
        var sides: [[PixelPoint]] = [[], []]
        let inset = 0.5 * narrowLevel
        for i in 0..<n {
            let x = Double(i)
            let left = wedge.left.value(at: x), right = wedge.right.value(at: x)
            let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
            // Offsets along the normal (−ty, tx), as in `edgeOffsets`: the left edge lies at −left, the right at +right.
            let offsets = [-left + inset, right - inset]
            for (s, o) in offsets.enumerated() {
                // Never past the centerline: near the opening both hairs run on it.
                let clamped = s == 0 ? min(o, 0) : max(o, 0)
                sides[s].append(PixelPoint(x: pts[i].x - ty * clamped, y: pts[i].y + tx * clamped))
            }
        }
        var parts: [ShaftMeasurer.Measurement] = []
        for line in sides {
            let smooth = ShaftMeasurer.smoothCenterline(line)
            guard smooth.count >= 2 else { return [m] }
            var part = m
            part.centerline = smooth
            part.lengthPixels = ShaftMeasurer.arcLength(smooth)
            part.diameterPixels = hairWidth
            part.wedge = identifier
            // The narrow end is the opening both hairs leave together.
            if wedge.narrowAtStart { part.path.startKind = shared(m.path.startKind) }
            else { part.path.endKind = shared(m.path.endKind) }
            // Each end's fade moves with its end (the wide end lies off the wedge's centerline), so the follicular
            // units still read it there.
            part.endFades = m.endFades.map { fade in
                let atStart = squaredDistance(fade.point, pts[0]) <= squaredDistance(fade.point, pts[n - 1])
                var moved = fade
                moved.point = atStart ? smooth[0] : smooth[smooth.count - 1]
                return moved
            }
            parts.append(part)
        }
        return parts
    }

    /// Whether the wedge's axis stays as dark at its narrow end as at its wide one, as where two shafts overlap
    /// (each is as dark as one hair, and they overlap most at the opening). Along one hair whose width changes,
    /// the axis darkness changes with it: a tapering tip is thinner and so paler towards its narrow end, and a
    /// hair going out of focus or into haze widens and pales. Read over the narrow and the wide quarter of the
    /// shaft; the narrow end's depth must lie within `depthRatioRange` of the wide end's.
    static func keepsItsDepth(_ wedge: Wedge, along pts: [PixelPoint], measurement m: ShaftMeasurer.Measurement,
                              measurer: ShaftMeasurer) -> Bool {
        let n = pts.count
        let quarter = quarterLength(n)
        guard let start = axisDepth(pts, range: 0..<quarter, wedge: wedge, measurement: m, measurer: measurer),
              let end = axisDepth(pts, range: (n - quarter)..<n, wedge: wedge, measurement: m, measurer: measurer)
        else { return false }
        let (narrow, wide) = wedge.narrowAtStart ? (start, end) : (end, start)
        guard wide > 0 else { return false }
        return depthRatioRange.contains(narrow / wide)
    }

    /// The narrow end's axis depth over the wide end's, for two shafts (dark stubs on the phantoms: 0.95–1.06;
    /// single hairs tapering or blurred that passed the width tests: 0.58–0.93).
    static let depthRatioRange = 0.94...1.1

    /// The deepest darkness (skin transmission minus transmission) within the middle half of the fitted wedge's
    /// width, averaged over the centerline points in `range`.
    private static func axisDepth(_ pts: [PixelPoint], range: Range<Int>, wedge: Wedge, measurement m: ShaftMeasurer.Measurement,
                                  measurer: ShaftMeasurer) -> Double? {
        let t = measurer.transmission
        let skin = m.skinTransmission
        var total = 0.0, count = 0
        t.samples.withUnsafeBufferPointer { tb in
            for i in range {
                let x = Double(i)
                let left = wedge.left.value(at: x), right = wedge.right.value(at: x)
                guard left.isFinite, right.isFinite, left > 0, right > 0 else { continue }
                let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
                let p = pts[i]
                // The middle half of the section, about its own middle (the centerline may sit off it).
                let middle = 0.5 * (right - left), reach = 0.25 * (left + right)
                var deepest = -Double.infinity
                var u = middle - reach
                while u <= middle + reach {
                    let qx = p.x - ty * u, qy = p.y + tx * u
                    if qx >= 0, qy >= 0, qx < Double(t.width - 1), qy < Double(t.height - 1) {
                        deepest = max(deepest, skin - Double(t.bilinear(qx, qy, in: tb)))
                    }
                    u += 0.5
                }
                if deepest.isFinite { total += deepest; count += 1 }
            }
        }
        return count > 0 ? total / Double(count) : nil
    }

    /// The stretch of a shaft of `n` points read as its narrow or wide end.
    static func quarterLength(_ n: Int) -> Int { min(n, max(8, n / 4)) }

    private static func squaredDistance(_ a: PixelPoint, _ b: PixelPoint) -> Double {
        (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }

    private static func shared(_ kind: ShaftPath.EndKind) -> ShaftPath.EndKind {
        kind == .tip ? .bundleEnd : kind
    }

    /// The straight-line fits of a wedge's width and of each edge's offset along centerline index.
    struct Wedge {
        var left: BundleSplitter.LineFit
        var right: BundleSplitter.LineFit
        var narrowAtStart: Bool
        /// The fitted width at the outermost point read at the narrow end, and at the wide end.
        var narrowWidth: Double
        var wideWidth: Double
        func width(at x: Double) -> Double { left.value(at: x) + right.value(at: x) }
    }

    /// The wedge read from `edges` (see `BundleSplitter.edgeOffsets`), or nil when the width does not grow
    /// steadily along the shaft.
    static func fit(_ edges: [(left: Double, right: Double)?], along pts: [PixelPoint], crossings: [PixelPoint],
                    diameter: Double) -> Wedge? {
        let n = pts.count
        guard edges.count == n else { return nil }
        let typical = Statistics.median(edges.compactMap { $0.map { $0.left + $0.right } })
        guard typical.isFinite, typical > 0 else { return nil }
        // Not the ends (a blunt cut end or an opening's shadow) and not near another hair.
        let margin = max(3, Int((0.5 * typical).rounded()))
        guard n > 2 * margin + 16 else { return nil }
        let nearCrossing = SegmentGeometry.nearAnyPoint(of: crossings, closerThan: diameter + 6, along: pts)
        let usable = (margin..<(n - margin)).filter { edges[$0] != nil && !nearCrossing[$0] }
        guard usable.count >= 16, Double(usable.count) >= 0.7 * Double(n - 2 * margin) else { return nil }

        let width = BundleSplitter.line(usable) { edges[$0]!.left + edges[$0]!.right }
        let first = Double(usable[0]), last = Double(usable[usable.count - 1])
        let a = width.value(at: first), b = width.value(at: last)
        let narrow = min(a, b), wide = max(a, b)
        guard narrow >= 2, wide >= minimumRatio * narrow, wide <= maximumRatio * narrow,
              width.rms <= maximumResidual * narrow else { return nil }
        // Both halves rise alike: a steady divergence, not a taper or a shadow at one end.
        let half = usable.count / 2
        for piece in [Array(usable[..<half]), Array(usable[half...])] {
            let own = BundleSplitter.line(piece) { edges[$0]!.left + edges[$0]!.right }
            guard own.slope * width.slope > 0, abs(own.slope) >= minimumHalfSlope * abs(width.slope) else { return nil }
        }
        let left = BundleSplitter.line(usable) { edges[$0]!.left }
        let right = BundleSplitter.line(usable) { edges[$0]!.right }
        return Wedge(left: left, right: right, narrowAtStart: a < b, narrowWidth: narrow, wideWidth: wide)
    }
}
