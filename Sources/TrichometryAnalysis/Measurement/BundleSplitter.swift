/// Separates hairs that leave one opening side by side and touch along their way (2- and 3-hair follicular
/// units, most of all in a phototrichogram, where the clipped stubs lie together). Their masks merge into one
/// wide shaft and the skeleton gives one centerline; the cross-section of two touching opaque shafts is that
/// of one wide shaft, so no profile tells them apart. What does is the width *along* the shaft: the hairs end
/// (are clipped, or part) at different places, and at each such place the bundle's width jumps by one hair's
/// width — a discontinuity, on one side only, while the other edge runs smoothly on. A single hair's edges
/// are continuous: its width is constant, or tapers to its tip, or widens as hairs diverge, but never jumps.
///
/// So the half-contrast edges are read at every centerline point; a jump is where straight-line fits to the
/// width just before and just after a point disagree by a good part of a shaft while each fits well, and
/// only one edge's line jumps. Each jump is a hair that begins or ends there; stretch widths come from
/// profile fits, and each hair's centerline runs at its own place between the bundle's edges.
enum BundleSplitter {
    /// At most this many hairs are read out of one bundle.
    static let maximumHairs = 3

    struct Step {
        /// Centerline index where the width jumps.
        var at: Int
        /// Width after minus width before (half-contrast, pixels).
        var jump: Double
        /// −1 the left edge jumps, +1 the right.
        var side: Int
    }

    /// The hairs in `m`: `[m]` itself unless it is a bundle. A bundle with no step in width may still be a wedge of
    /// two hairs diverging from one opening (`WedgeSplitter`, read from the same edges), whose two hairs are
    /// marked with `wedgeIdentifier`.
    static func split(_ m: ShaftMeasurer.Measurement, measurer: ShaftMeasurer, wedgeIdentifier: Int) -> [ShaftMeasurer.Measurement] {
        guard m.path.polarity == .darker else { return [m] }
        // Edges of faint shafts are too noisy to read jumps from.
        guard m.skinTransmission - m.axisTransmission >= 0.25, m.centerline.count >= 20 else { return [m] }
        let pts = m.centerline
        let edges = edgeOffsets(pts, measurement: m, measurer: measurer)
        let steps = findSteps(pts, edges: edges, crossings: m.path.crossings, diameter: m.diameterPixels)
        guard !steps.isEmpty else { return WedgeSplitter.split(m, edges: edges, measurer: measurer, identifier: wedgeIdentifier) }
        let bounds = [0] + steps.map(\.at) + [pts.count]
        let stretches = (1..<bounds.count).map { bounds[$0 - 1]..<bounds[$0] }

        // Hairs as intervals of stretches. Enough hairs are present at the start that no stretch is left
        // without one; each jump down ends a hair on its side, each jump up starts one.
        var ups = 0, downs = 0, deficit = 0
        for s in steps { if s.jump < 0 { downs += 1 } else { ups += 1 }; deficit = max(deficit, downs - ups) }
        let initial = 1 + deficit
        guard initial + ups <= maximumHairs else { return [m] }
        struct Member { var first: Int; var last: Int; var side: Int; var steps: [Int] }
        var members: [Member] = []
        var open: [Int] = []
        for _ in 0..<initial {
            members.append(Member(first: 0, last: stretches.count - 1, side: 0, steps: []))
            open.append(members.count - 1)
        }
        for (k, s) in steps.enumerated() {
            if s.jump < 0 {
                // The hair that ends: one already on that side, else one not yet placed.
                guard let pick = open.last(where: { members[$0].side == s.side }) ?? open.first(where: { members[$0].side == 0 })
                else { return [m] }
                members[pick].last = k
                members[pick].side = s.side
                members[pick].steps.append(k)
                open.removeAll { $0 == pick }
            } else {
                members.append(Member(first: k + 1, last: stretches.count - 1, side: s.side, steps: [k]))
                open.append(members.count - 1)
            }
        }
        func present(_ k: Int) -> [Int] { members.indices.filter { members[$0].first <= k && members[$0].last >= k } }

        // Widths. The profile model, not the half-contrast width, is accurate for thin and blurred shafts: each
        // stretch is fitted. A hair takes the fitted width where it runs alone; one never alone that begins or
        // ends at a jump is as wide as the fitted widths differ, and one never alone without a jump takes what
        // the others leave (both underestimate a little: a bundle is narrower than its hairs added).
        var fitted: [Double] = []
        for r in stretches {
            let ws = r.compactMap { edges[$0].map { $0.left + $0.right } }
            guard ws.count >= 3 else { return [m] }
            let level = Statistics.median(ws)
            let sub = Array(pts[r])
            guard let profile = measurer.meanProfile(sub, crossings: m.path.crossings, radius: 0.5 * level) else { return [m] }
            let fit = measurer.fitProfile(profile, polarity: .darker, freeBlurAndShape: false)
            guard fit.model.width.isFinite, fit.model.width > 0.5, fit.model.contrast > 0 else { return [m] }
            fitted.append(fit.model.width)
        }
        // A hair that runs alone for a stretch is measured there directly. Only a hair never alone takes its
        // width from the jumps: two hairs leaving an opening overlap a little, so a bundle is narrower than
        // the sum of its hairs and a jump understates the hair it adds or drops.
        var widths = [Double](repeating: 0, count: members.count)
        var measuredAlone = [Bool](repeating: false, count: members.count)
        for (h, member) in members.enumerated() {
            var sum = 0.0, weight = 0.0
            for k in member.first...member.last where present(k) == [h] {
                sum += fitted[k] * Double(stretches[k].count)
                weight += Double(stretches[k].count)
            }
            if weight > 0 { widths[h] = sum / weight; measuredAlone[h] = true }
        }
        for (h, member) in members.enumerated() where !measuredAlone[h] && !member.steps.isEmpty {
            let sizes = member.steps.map { abs(fitted[$0 + 1] - fitted[$0]) }
            widths[h] = sizes.reduce(0, +) / Double(sizes.count)
        }
        for (h, member) in members.enumerated() where !measuredAlone[h] && member.steps.isEmpty {
            // What the others leave of the stretch where it has the fewest companions.
            let k = (member.first...member.last).min { present($0).count < present($1).count }!
            widths[h] = fitted[k] - present(k).filter { $0 != h }.reduce(0) { $0 + widths[$1] }
        }
        // Every hair must be a plausible shaft of its own: a jump far smaller than the shaft is a change in
        // width, not a second hair.
        let widest = fitted.max() ?? 0
        guard widths.allSatisfy({ $0 >= max(1.5, 0.22 * widest) }) else { return [m] }

        // Each hair's place across the bundle at each point: left-side hairs, then unplaced ones, then
        // right-side ones, packed between the edges measured there.
        let smoothEdges = smoothedEdges(edges, stretches: stretches)
        var parts: [ShaftMeasurer.Measurement] = []
        for (h, member) in members.enumerated() {
            var line: [PixelPoint] = []
            for k in member.first...member.last {
                let order = present(k).sorted { (members[$0].side, $0) < (members[$1].side, $1) }
                let total = order.reduce(0) { $0 + widths[$1] }
                for i in stretches[k] {
                    guard let e = smoothEdges[i] else { continue }
                    let scale = (e.left + e.right) / total
                    var cursor = -e.left, offset = 0.0
                    for q in order {
                        if q == h { offset = cursor + 0.5 * widths[q] * scale }
                        cursor += widths[q] * scale
                    }
                    let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
                    line.append(PixelPoint(x: pts[i].x - ty * offset, y: pts[i].y + tx * offset))
                }
            }
            let smooth = ShaftMeasurer.smoothCenterline(line)
            guard smooth.count >= 2 else { continue }
            var part = m
            part.centerline = smooth
            part.lengthPixels = ShaftMeasurer.arcLength(smooth)
            part.diameterPixels = widths[h]
            let atStart = member.first == 0, atEnd = member.last == stretches.count - 1
            part.startTruncated = atStart && m.startTruncated
            part.endTruncated = atEnd && m.endTruncated
            // The end a hair shares with the others is where they leave their opening together (or end alike);
            // the end at a jump is its own tip.
            part.path.startKind = atStart ? (members.count > 1 ? shared(m.path.startKind) : m.path.startKind) : .tip
            part.path.endKind = atEnd ? shared(m.path.endKind) : .tip
            parts.append(part)
        }
        return parts.count > 1 ? parts : [m]
    }

    private static func shared(_ kind: ShaftPath.EndKind) -> ShaftPath.EndKind {
        kind == .tip ? .bundleEnd : kind
    }

    /// Distances from each centerline point to the shaft's two edges (where the transmission rises halfway
    /// from the axis back to the skin), left (−normal) and right (+normal); nil where the axis is not dark.
    static func edgeOffsets(_ pts: [PixelPoint], measurement m: ShaftMeasurer.Measurement,
                            measurer: ShaftMeasurer) -> [(left: Double, right: Double)?] {
        let threshold = 0.5 * (m.skinTransmission + m.axisTransmission)
        // A bundle of three touching shafts, each perhaps wider than the median profile's fit.
        let reach = min(120, 3 * m.diameterPixels + 6)
        // Whole-pixel steps, then linear interpolation between the last dark and the first light sample:
        // the blurred edge is smooth over a pixel, and this is a quarter of the samples of a fine walk.
        let step = 1.0
        let t = measurer.transmission
        var out = [(left: Double, right: Double)?](repeating: nil, count: pts.count)
        t.samples.withUnsafeBufferPointer { tb in
            func walk(_ p: PixelPoint, _ nx: Double, _ ny: Double) -> Double? {
                var previous = Double(t.bilinear(p.x, p.y, in: tb))
                guard previous < threshold else { return nil }
                var u = step
                while u <= reach {
                    let v = Double(t.bilinear(p.x + nx * u, p.y + ny * u, in: tb))
                    if v >= threshold { return u - step * (v - threshold) / max(v - previous, 1e-9) }
                    previous = v
                    u += step
                }
                return nil
            }
            for (i, p) in pts.enumerated() {
                let x = Int(p.x), y = Int(p.y)
                guard x >= 1, y >= 1, x < t.width - 1, y < t.height - 1 else { continue }
                let (tx, ty) = ShaftMeasurer.tangent(pts, at: i)
                if let l = walk(p, ty, -tx), let r = walk(p, -ty, tx) { out[i] = (l, r) }
            }
        }
        return out
    }

    /// Jumps in the width along the shaft, strongest first, at least a window apart.
    static func findSteps(_ pts: [PixelPoint], edges: [(left: Double, right: Double)?], crossings: [PixelPoint],
                          diameter: Double) -> [Step] {
        let n = pts.count
        // Widths where they can be read: not near a crossing (another hair widens the section), not at the
        // very ends (blunt tips, openings).
        let clear = diameter + 6
        var usable = [Bool](repeating: false, count: n)
        let nearCrossing = SegmentGeometry.nearAnyPoint(of: crossings, closerThan: clear, along: pts)
        for i in 3..<max(3, n - 3) where edges[i] != nil { usable[i] = !nearCrossing[i] }
        let typical = Statistics.median(edges.compactMap { $0.map { $0.left + $0.right } })
        // Each side of a jump must be long against the shaft, or a crossing's bulge or a blunt tip would count.
        let window = max(6, Int((0.6 * typical).rounded()))
        // The jump itself is smeared over a few points (blur, and the recentred centerline bends round the
        // step): the lines are fitted beyond a gap either side and extrapolated to the jump.
        let gap = 4 + Int((0.25 * typical).rounded())
        guard n >= 2 * (window + gap) + 6 else { return [] }
        // Lateral place of each edge, in a frame that follows the shaft: edge offsets are measured from a
        // recentred centerline that itself shifts where the width jumps, so they are not used raw.
        var candidates: [Step] = []
        for j in (window + gap + 3)...(n - window - gap - 3) {
            let before = (j - gap - window)..<(j - gap), after = (j + gap)..<(j + gap + window)
            guard before.allSatisfy({ usable[$0] }), after.allSatisfy({ usable[$0] }) else { continue }
            let x = Double(j) - 0.5
            let wb = line(before) { edges[$0]!.left + edges[$0]!.right }
            let wa = line(after) { edges[$0]!.left + edges[$0]!.right }
            let levelBefore = wb.value(at: x), levelAfter = wa.value(at: x)
            let jump = levelAfter - levelBefore
            guard abs(jump) >= max(2.0, 0.28 * min(levelBefore, levelAfter)) else { continue }
            // Both sides fit by straight lines (a taper or a divergence is smooth) and neither line so steep
            // that it reaches the jump within the window.
            guard max(wb.rms, wa.rms) <= 0.2 * abs(jump),
                  max(abs(wb.slope), abs(wa.slope)) * Double(window + gap) <= 0.5 * abs(jump) else { continue }
            // One edge jumps, the other runs on.
            let (tx, ty) = ShaftMeasurer.tangent(pts, at: j, reach: window)
            let nx = -ty, ny = tx, o = pts[j]
            func lateral(_ i: Int, _ left: Bool) -> Double {
                let (ux, uy) = ShaftMeasurer.tangent(pts, at: i)
                let e = edges[i]!
                let d = left ? -e.left : e.right
                let px = pts[i].x - uy * d - o.x, py = pts[i].y + ux * d - o.y
                return px * nx + py * ny
            }
            let lb = line(before) { lateral($0, true) }.value(at: x), la = line(after) { lateral($0, true) }.value(at: x)
            let rb = line(before) { lateral($0, false) }.value(at: x), ra = line(after) { lateral($0, false) }.value(at: x)
            let moveLeft = abs(la - lb), moveRight = abs(ra - rb)
            let side: Int
            if moveLeft >= 0.6 * abs(jump) && moveRight <= 0.35 * moveLeft { side = -1 }
            else if moveRight >= 0.6 * abs(jump) && moveLeft <= 0.35 * moveRight { side = 1 }
            else { continue }
            candidates.append(Step(at: j, jump: jump, side: side))
        }
        candidates.sort { (abs($0.jump), -$0.at) > (abs($1.jump), -$1.at) }
        var taken: [Step] = []
        for c in candidates where taken.count < maximumHairs - 1 {
            guard !taken.contains(where: { abs($0.at - c.at) < window + gap }) else { continue }
            taken.append(c)
        }
        return taken.sorted { $0.at < $1.at }
    }

    /// Least-squares line through `value(i)` for `i` in `indices`.
    struct LineFit {
        var slope: Double, intercept: Double, rms: Double
        func value(at x: Double) -> Double { intercept + slope * x }
    }

    static func line<Indices: Collection>(_ indices: Indices, _ value: (Int) -> Double) -> LineFit where Indices.Element == Int {
        var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        let c = Double(indices.count)
        for i in indices {
            let x = Double(i), y = value(i)
            sx += x; sy += y; sxx += x * x; sxy += x * y
        }
        let den = c * sxx - sx * sx
        let slope = den != 0 ? (c * sxy - sx * sy) / den : 0
        let intercept = (sy - slope * sx) / c
        var ss = 0.0
        for i in indices { let r = value(i) - (intercept + slope * Double(i)); ss += r * r }
        return LineFit(slope: slope, intercept: intercept, rms: (ss / c).squareRoot())
    }

    /// Edge offsets smoothed along each stretch by a running median (never across a jump), gaps filled from
    /// the nearest measured point of the same stretch.
    static func smoothedEdges(_ edges: [(left: Double, right: Double)?], stretches: [Range<Int>]) -> [(left: Double, right: Double)?] {
        var out = edges
        for r in stretches {
            let known = r.filter { edges[$0] != nil }
            guard !known.isEmpty else { continue }
            for i in r {
                let near = known.filter { abs($0 - i) <= 4 }
                let source = near.isEmpty ? [known.min { abs($0 - i) < abs($1 - i) }!] : near
                out[i] = (Statistics.median(source.map { edges[$0]!.left }), Statistics.median(source.map { edges[$0]!.right }))
            }
        }
        return out
    }
}

/// Two hairs lying side by side along their whole visible length, with no step in width to tell them apart
/// (stubs of one unit clipped to the same length, or lying on each other from the opening to the frame): their
/// only trace is a shaft far wider than the image's terminal hairs. A scalp's terminal hairs are of one thickness
/// to within a quarter or so; a shaft half again as wide as the wider terminal hairs of its own image
/// (`typicalWidth`, the 75th percentile, so that a scalp with many thinning hairs does not make its normal ones
/// look wide) and wider than a scalp hair ever is (`sideBySideMinimumMicrons`, so that a few healthy terminal
/// hairs among miniaturised ones, the mark of androgenetic alopecia, are never split) is read as two hairs side
/// by side.
extension BundleSplitter {
    /// A shaft at least this many times the image's typical terminal width is two hairs…
    static let sideBySideFactor = 1.5
    /// …if it is also at least this wide (µm): terminal scalp hairs are 50–100 µm.
    static let sideBySideMinimumMicrons = 110.0
    /// The typical terminal width is this quantile of the dark shafts' widths…
    static let typicalWidthQuantile = 0.75
    /// …read from at least this many shafts (fewer tell nothing about the scalp).
    static let typicalWidthMinimumShafts = 5

    /// The image's typical terminal shaft width (pixels): `typicalWidthQuantile` of the widths of the shafts
    /// pigmented beyond doubt (`ShadingTest.isPigmentedBeyondDoubt`) and wider than the vellus limit; nil with
    /// too few of them.
    static func typicalWidth(_ shafts: [ShaftMeasurer.Measurement], vellusMaxPixels: Double) -> Double? {
        var widths = shafts.filter { ShadingTest.isPigmentedBeyondDoubt($0) && $0.diameterPixels > vellusMaxPixels }.map(\.diameterPixels)
        guard widths.count >= typicalWidthMinimumShafts else { return nil }
        widths.sort()
        return widths[min(widths.count - 1, Int(typicalWidthQuantile * Double(widths.count)))]
    }

    /// `m` as two hairs side by side when it is `sideBySideFactor` times `typicalWidth` wide or wider, and at
    /// least `minimumWidth` (pixels): each half its width, their centerlines a quarter of its width either side
    /// of its own; `[m]` otherwise.
    static func splitSideBySide(_ m: ShaftMeasurer.Measurement, typicalWidth: Double,
                                minimumWidth: Double) -> [ShaftMeasurer.Measurement] {
        guard ShadingTest.isPigmentedBeyondDoubt(m), m.diameterPixels >= max(sideBySideFactor * typicalWidth, minimumWidth),
              m.centerline.count >= 2 else { return [m] }
        let line = m.centerline
        let normals = line.indices.map { i -> (Double, Double) in
            let (tx, ty) = ShaftMeasurer.tangent(line, at: i)
            return (-ty, tx)
        }
        func shifted(_ p: PixelPoint, _ n: (Double, Double), by d: Double) -> PixelPoint {
            PixelPoint(x: p.x + n.0 * d, y: p.y + n.1 * d)
        }
        func squaredDistance(_ a: PixelPoint, _ b: PixelPoint) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }
        return [-1.0, 1.0].map { side in
            let offset = side * 0.25 * m.diameterPixels
            var part = m
            part.centerline = line.indices.map { shifted(line[$0], normals[$0], by: offset) }
            part.diameterPixels = 0.5 * m.diameterPixels
            // Each end's fade moves with its end, so the follicular-unit grouping still reads it there.
            part.endFades = m.endFades.map { fade in
                let atStart = squaredDistance(fade.point, line[0]) <= squaredDistance(fade.point, line[line.count - 1])
                var moved = fade
                moved.point = shifted(fade.point, atStart ? normals[0] : normals[line.count - 1], by: offset)
                return moved
            }
            return part
        }
    }
}
