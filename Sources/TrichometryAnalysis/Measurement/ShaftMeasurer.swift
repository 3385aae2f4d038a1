/// Stage 5: length along the centerline and diameter from the cross-section profile.
///
/// Profiles across the shaft are sampled every pixel along it, away from its ends and from crossings,
/// re-centred on their own darkness centroid, and combined by a per-offset median (robust to a hair lying
/// across, glare, a pore). The median profile is fitted with `ShaftProfileModel`. The optics' blur and
/// the shafts' cross-section shape are estimated once per image from the widest shafts, where they are
/// well determined, then held fixed for the others.
struct ShaftMeasurer {
    /// A measured shaft, before classification.
    struct Measurement {
        var path: ShaftPath
        /// Smoothed centerline, tips extended to the shaft's real ends.
        var centerline: [PixelPoint]
        var lengthPixels: Double
        var diameterPixels: Double
        /// Signed contrast of the fitted profile: positive for darker shafts.
        var contrast: Double
        /// Fitted contrast divided by the noise of the mean profile.
        var signalToNoise: Double
        var profileSamples: Int
        var fitRMS: Double
        /// The skin's transmission on either side of the shaft (1 = the field's skin level).
        var skinTransmission: Double
        /// Transmission on the shaft's axis.
        var axisTransmission: Double
        var startTruncated: Bool
        var endTruncated: Bool
        /// How far the axis lies beyond the profile's level on its weaker and its stronger side (positive: the
        /// shaft's own polarity), and that stronger side's level, in transmission units (`flankDepths`).
        var weakerFlankDepth: Double = .infinity
        var strongerFlankDepth: Double = .infinity
        var strongerFlankLevel: Double = 1
        /// How softly the shaft fades out at its ends, where that could be read (see `endSoftness`): where each
        /// end was when measured, so that pieces split off later keep only the ends they still have.
        var endFades: [EndFade] = []
        /// A faint line whose own cross-section looks like shading (`looksLikeFaintShading`): kept only if it
        /// turns out to be one rim of a translucent shaft (`RimPairMerger.merge` clears it on the pair).
        var faintShading = false
        /// Measured rim to rim as a translucent shaft (`RimPairMerger`, `LoneRimWidener`): its width is the
        /// shaft's, not a line's.
        var rimPair = false
        /// One of two hairs read out of a wedge (`WedgeSplitter`), with the wedge's identifier (unique in the image):
        /// the two run on each other near their opening, and that does not make either a duplicate of the other.
        var wedge: Int? = nil

        /// The fade softness read at the end lying at `point` (within 3 px), if this shaft still has that end.
        func fade(at point: PixelPoint) -> Double? {
            endFades.first { ($0.point.x - point.x) * ($0.point.x - point.x) + ($0.point.y - point.y) * ($0.point.y - point.y) <= 9 }?.softness
        }
    }

    /// The softness of the fade at one measured end of a shaft (pixels along its axis), and where that end is.
    struct EndFade {
        var point: PixelPoint
        var softness: Double
    }

    let transmission: FloatPlane
    /// Distance (pixels) from each pixel to the nearest excluded pixel or the frame.
    let distanceToEdge: [Float]
    let noise: Double
    var blurSigma: Double = 1.0
    var shape: Double = 0.5
    /// Whether `calibrateBlur` found shafts to read the blur from (otherwise `blurSigma` is a stand-in).
    var blurCalibrated = false

    init(transmission: FloatPlane, distanceToEdge: [Float], noise: Double) {
        self.transmission = transmission
        self.distanceToEdge = distanceToEdge
        self.noise = noise
    }

    // MARK: Centerline

    /// Resamples to unit arc spacing and smooths the pixel staircase away.
    static func smoothCenterline(_ points: [PixelPoint]) -> [PixelPoint] {
        guard points.count > 2 else { return points }
        var resampled = resample(points, spacing: 1.0)
        guard resampled.count > 4 else { return resampled }
        for _ in 0..<2 {
            var out = resampled
            for i in 1..<(resampled.count - 1) {
                let lo = max(0, i - 2), hi = min(resampled.count - 1, i + 2)
                var sx = 0.0, sy = 0.0
                for k in lo...hi { sx += resampled[k].x; sy += resampled[k].y }
                let c = Double(hi - lo + 1)
                out[i] = PixelPoint(x: sx / c, y: sy / c)
            }
            resampled = out
        }
        return resampled
    }

    static func resample(_ points: [PixelPoint], spacing: Double) -> [PixelPoint] {
        guard points.count > 1 else { return points }
        var out = [points[0]]
        var carried = 0.0
        for i in 1..<points.count {
            let a = points[i - 1], b = points[i]
            let dx = b.x - a.x, dy = b.y - a.y
            let seg = (dx * dx + dy * dy).squareRoot()
            guard seg > 0 else { continue }
            var t = spacing - carried
            while t <= seg {
                out.append(PixelPoint(x: a.x + dx * t / seg, y: a.y + dy * t / seg))
                t += spacing
            }
            carried = seg - (t - spacing)
        }
        if let last = points.last, let end = out.last, (last.x - end.x) * (last.x - end.x) + (last.y - end.y) * (last.y - end.y) > 0.01 {
            out.append(last)
        }
        return out
    }

    static func arcLength(_ points: [PixelPoint]) -> Double {
        var total = 0.0
        for i in 1..<max(1, points.count) {
            let dx = points[i].x - points[i - 1].x, dy = points[i].y - points[i - 1].y
            total += (dx * dx + dy * dy).squareRoot()
        }
        return total
    }

    static func tangent(_ pts: [PixelPoint], at i: Int, reach: Int = 3) -> (Double, Double) {
        let a = pts[max(0, i - reach)], b = pts[min(pts.count - 1, i + reach)]
        let dx = b.x - a.x, dy = b.y - a.y
        let l = (dx * dx + dy * dy).squareRoot()
        return l > 0 ? (dx / l, dy / l) : (1, 0)
    }

    /// The polyline moved `shift` pixels along its normal (−ty, tx) at every point.
    static func offsetAlongNormal(_ pts: [PixelPoint], by shift: Double) -> [PixelPoint] {
        pts.indices.map { i in
            let (tx, ty) = tangent(pts, at: i)
            return PixelPoint(x: pts[i].x - ty * shift, y: pts[i].y + tx * shift)
        }
    }

    // MARK: Profiles

    /// Moves each centerline point across the shaft onto the darkness centroid of its cross-section
    /// (smoothed along the shaft), correcting the skeleton's pixel-level offsets.
    func recentred(_ pts: [PixelPoint], radius: Double, polarity: ShaftPolarity, crossings: [PixelPoint]) -> [PixelPoint] {
        guard pts.count >= 5 else { return pts }
        let sign: Double = polarity == .darker ? 1 : -1
        let inner = radius + 1.5
        let outer = 2 * radius + 4
        var shifts = [Double](repeating: 0, count: pts.count)
        // Near a crossing the other hair pulls the centroid sideways: no correction is measured there, and
        // the ones on either side are carried across.
        let clear = 2 * radius + 4
        var measured = [Bool](repeating: true, count: pts.count)
        let nearCrossing = SegmentGeometry.nearAnyPoint(of: crossings, closerThan: clear, along: pts)
        transmission.samples.withUnsafeBufferPointer { tb in
            for (i, p) in pts.enumerated() {
                if nearCrossing[i] {
                    measured[i] = false
                    continue
                }
                let (tx, ty) = Self.tangent(pts, at: i)
                let nx = -ty, ny = tx
                let baseline = 0.5 * Double(transmission.bilinear(p.x + nx * outer, p.y + ny * outer, in: tb)
                                            + transmission.bilinear(p.x - nx * outer, p.y - ny * outer, in: tb))
                var wsum = 0.0, usum = 0.0
                var u = -inner
                while u <= inner {
                    let v = Double(transmission.bilinear(p.x + nx * u, p.y + ny * u, in: tb))
                    let d = max(0, sign * (baseline - v))
                    wsum += d; usum += d * u
                    u += 0.25
                }
                shifts[i] = wsum > 0 ? max(-radius, min(radius, usum / wsum)) : 0
            }
        }
        if !measured.contains(true) { return pts }
        var lastMeasured = -1
        for i in 0..<pts.count where measured[i] {
            if lastMeasured < 0 {
                for k in 0..<i { shifts[k] = shifts[i] }
            } else if i - lastMeasured > 1 {
                let a = shifts[lastMeasured], b = shifts[i]
                for k in (lastMeasured + 1)..<i {
                    let t = Double(k - lastMeasured) / Double(i - lastMeasured)
                    shifts[k] = a + (b - a) * t
                }
            }
            lastMeasured = i
        }
        for k in (lastMeasured + 1)..<pts.count { shifts[k] = shifts[lastMeasured] }
        // A running median keeps the correction smooth.
        var out = pts
        let half = 4
        var window: [Float] = []
        window.reserveCapacity(2 * half + 1)
        for i in 0..<pts.count {
            // One reused window, filled in the same order as a fresh slice would be.
            window.removeAll(keepingCapacity: true)
            for k in max(0, i - half)...min(pts.count - 1, i + half) { window.append(Float(shifts[k])) }
            let s = Double(Statistics.median(&window))
            let (tx, ty) = Self.tangent(pts, at: i)
            out[i] = PixelPoint(x: pts[i].x - ty * s, y: pts[i].y + tx * s)
        }
        return out
    }

    struct MeanProfile {
        var offsets: [Double]
        var values: [Double]
        var samples: Int
        /// Standard error of the mean profile's values.
        var noise: Double
    }

    /// The median cross-section along the usable part of a shaft, `half` pixels either side (by default enough
    /// for the shaft and its skin), each section re-centred on the shaft's darkness unless `recentre` is false;
    /// one section every `count / sections` points (rounded down: between `sections` and twice as many).
    func meanProfile(_ pts: [PixelPoint], crossings: [PixelPoint], radius: Double, wholeSectionInField: Bool = false,
                     half wanted: Double? = nil, recentre: Bool = true, sections: Int = 400) -> MeanProfile? {
        let half = wanted ?? max(6.0, 2.0 * radius + 6.0)
        let step = 0.5
        let count = Int((2 * half / step).rounded()) + 1
        let offsets = (0..<count).map { -half + Double($0) * step }
        // Keep away from the ends (blunt tips, openings), but leave short stubs something to measure.
        let margin = min(Int((1.5 * radius + 2).rounded()), max(1, (pts.count - 6) / 3))
        guard pts.count > 2 * margin + 2 else { return nil }
        let crossingClear = 2.0 * radius + 4
        var samples = 0
        let stride = max(1, pts.count / max(1, sections))
        // One column of samples per offset, each contiguous (capacity: every point the walk below can visit),
        // so the medians select in place.
        let capacity = (pts.count - 2 * margin + stride - 1) / stride
        var columns = [Float](repeating: 0, count: count * capacity)
        let w = transmission.width
        let nearCrossing = SegmentGeometry.nearAnyPoint(of: crossings, closerThan: crossingClear, along: pts)
        transmission.samples.withUnsafeBufferPointer { tb in columns.withUnsafeMutableBufferPointer { c in
            var i = margin
            while i < pts.count - margin {
                defer { i += stride }
                let p = pts[i]
                if nearCrossing[i] { continue }
                let xi = Int(p.x), yi = Int(p.y)
                guard xi >= 0, yi >= 0, xi < w, yi < transmission.height else { continue }
                // Outside the field the transmission reads as skin (1), so only the shaft itself must be inside.
                if Double(distanceToEdge[yi * w + xi]) < radius + 2 { continue }
                let (tx, ty) = Self.tangent(pts, at: i)
                let nx = -ty, ny = tx
                // Where the section's skin reaches an excluded region (the aperture, a banner, glare), that side
                // reads as skin whatever lies there.
                if wholeSectionInField && sectionReachesExclusion(p, nx, ny, half: half) { continue }
                // Re-centre on the darkness centroid within the shaft.
                var wsum = 0.0, usum = 0.0
                if recentre {
                    var baseline = 0.0
                    baseline += Double(transmission.bilinear(p.x + nx * half, p.y + ny * half, in: tb))
                    baseline += Double(transmission.bilinear(p.x - nx * half, p.y - ny * half, in: tb))
                    baseline *= 0.5
                    let inner = radius + 2
                    var u = -inner
                    while u <= inner {
                        let v = Double(transmission.bilinear(p.x + nx * u, p.y + ny * u, in: tb))
                        let d = abs(baseline - v)
                        wsum += d; usum += d * u
                        u += 0.5
                    }
                }
                let shift = wsum > 0 ? max(-1.5, min(1.5, usum / wsum)) : 0
                for (k, off) in offsets.enumerated() {
                    let o = off + shift
                    c[k &* capacity &+ samples] = transmission.bilinear(p.x + nx * o, p.y + ny * o, in: tb)
                }
                samples += 1
            }
        } }
        guard samples >= 3 else { return nil }
        var values = [Double](repeating: 0, count: count)
        var spread = 0.0
        var deviations = [Float](repeating: 0, count: samples)
        columns.withUnsafeMutableBufferPointer { c in
            deviations.withUnsafeMutableBufferPointer { dev in
                for k in 0..<count {
                    let column = UnsafeMutableBufferPointer(rebasing: c[(k &* capacity)..<(k &* capacity &+ samples)])
                    // Selection reorders the column; its deviations are the same set either way, in an order
                    // that does not change their median.
                    let med = Statistics.medianBySelection(column)
                    values[k] = Double(med)
                    for i in 0..<samples { dev[i] = abs(column[i] - med) }
                    spread += Double(Statistics.medianBySelection(dev))
                }
            }
        }
        let perPixelNoise = 1.4826 * spread / Double(count)
        // Median of n samples: about 1.25 σ/√n.
        let noise = max(1e-5, 1.25 * perPixelNoise / Double(samples).squareRoot())
        return MeanProfile(offsets: offsets, values: values, samples: samples, noise: noise)
    }

    /// Whether the cross-section through `p` along the normal (`nx`, `ny`), `half` pixels each way, touches an
    /// excluded pixel inside the image (the frame itself does not count: hairs run off it freely).
    func sectionReachesExclusion(_ p: PixelPoint, _ nx: Double, _ ny: Double, half: Double) -> Bool {
        let w = transmission.width, h = transmission.height
        for f in [-1.0, -0.75, -0.5, 0.5, 0.75, 1.0] {
            let x = (p.x + nx * half * f).rounded(.down), y = (p.y + ny * half * f).rounded(.down)
            guard x >= 0, y >= 0, x < Double(w), y < Double(h) else { continue }
            if distanceToEdge[Int(y) &* w &+ Int(x)] == 0 { return true }
        }
        return false
    }

    /// Cuts the profile where a neighbouring shaft begins: walking out from the shaft's deepest point, once
    /// past its half-depth, a renewed rise in darkness by more than a quarter of the depth is another shaft
    /// (hairs lie side by side in units and dense areas), and would bias the skin level and the width.
    static func trimmedAtNeighbours(_ p: MeanProfile, polarity: ShaftPolarity) -> MeanProfile {
        let n = p.values.count
        guard n > 8 else { return p }
        let sign: Double = polarity == .darker ? 1 : -1
        let edge = max(2, n / 8)
        let outer = (Array(p.values[0..<edge]) + Array(p.values[(n - edge)..<n])).sorted()
        let skin = outer[outer.count / 2]
        let dark = p.values.map { sign * (skin - $0) }
        // Deepest point near the middle.
        let mid = n / 2
        var c0 = mid
        let span = n / 4
        for i in max(0, mid - span)...min(n - 1, mid + span) where dark[i] > dark[c0] { c0 = i }
        let depth = dark[c0]
        guard depth > 0 else { return p }
        func cut(_ step: Int) -> Int {
            var i = c0
            var passedHalf = false
            var lowest = depth, lowestIndex = c0
            while i + step >= 0 && i + step < n {
                i += step
                if dark[i] < 0.5 * depth { passedHalf = true }
                if dark[i] < lowest { lowest = dark[i]; lowestIndex = i }
                if passedHalf && dark[i] > lowest + 0.25 * depth { return lowestIndex }
            }
            return i
        }
        let lo = cut(-1), hi = cut(1)
        guard hi - lo >= 8, lo > 0 || hi < n - 1 else { return p }
        var out = p
        out.offsets = Array(p.offsets[lo...hi])
        out.values = Array(p.values[lo...hi])
        return out
    }

    /// Initial guess from moments of the profile.
    static func initialModel(_ profile: MeanProfile, polarity: ShaftPolarity, sigma: Double, shape: Double) -> ShaftProfileModel {
        let n = profile.values.count
        let edge = max(2, n / 6)
        var outer: [Double] = []
        outer += profile.values[0..<edge]
        outer += profile.values[(n - edge)..<n]
        let b0 = outer.reduce(0, +) / Double(outer.count)
        let sign: Double = polarity == .darker ? 1 : -1
        var peak = 0.0, area = 0.0, centroid = 0.0
        for (u, v) in zip(profile.offsets, profile.values) {
            let d = sign * (b0 - v)
            peak = max(peak, d)
            if d > 0 { area += d * 0.5; centroid += d * u * 0.5 }
        }
        let c = max(peak, 1e-3)
        let x0 = area > 0 ? centroid / area : 0
        let w = max(0.8, area / c)
        return ShaftProfileModel(x0: x0, width: w, contrast: sign * c, b0: b0, b1: 0, sigma: sigma, shape: shape)
    }

    /// Fits the profile; with `freeBlurAndShape` also estimates blur and shape (wide shafts only). The fit starts
    /// from `initial` when given, else from an estimate with this plane's blur and shape.
    func fitProfile(_ raw: MeanProfile, polarity: ShaftPolarity, freeBlurAndShape: Bool,
                    from initial: ShaftProfileModel? = nil) -> ShaftProfileModel.Fit {
        let profile = Self.trimmedAtNeighbours(raw, polarity: polarity)
        let start = initial ?? Self.initialModel(profile, polarity: polarity, sigma: blurSigma, shape: shape)
        return ShaftProfileModel.fit(offsets: profile.offsets, values: profile.values, initial: start,
                                     freeBlurAndShape: freeBlurAndShape)
    }

    /// The cross-section shapes a lighter shaft's profile is tried with, from an opaque bar to a faint cylinder.
    static let candidateShapes: [Double] = [0, 0.25, 0.5, 0.75, 1]

    /// A lighter (white, grey) shaft's diameter from the cross-section shape that fits it best. The image's
    /// shape comes from its widest pigmented shafts, often opaque bars; a lighter shaft is unpigmented keratin,
    /// translucent, whose brightening follows the chord through it, and measured with a bar's shape it reads at
    /// its half-height width (0.87 of the diameter for a faint cylinder). Done once a shaft is accepted: the
    /// acceptance tests read the measurement as before, and only the few hairs pay for the extra fits. Only the
    /// diameter changes; contrast, signal and fit quality stay those the shaft was accepted on.
    func withOwnCrossSection(_ m: Measurement) -> Measurement {
        guard m.path.polarity == .lighter,
              let profile = meanProfile(m.centerline, crossings: m.path.crossings, radius: m.path.radiusEstimate) else { return m }
        let fit = fitProfileOfOwnShape(profile, polarity: m.path.polarity)
        guard fit.model.width.isFinite, fit.model.width > 0.3, fit.model.contrast < 0 else { return m }
        let diameter = Self.widthIncludingRims(profile, model: fit.model) ?? fit.model.width
        // Between a bar and a faint cylinder the core's width changes by a sixth or so, and the rims and blur
        // add to that; a fit beyond half as much again as the first reading has wandered onto something else
        // (a neighbour, the skin's texture).
        guard diameter <= 1.5 * m.diameterPixels, diameter >= m.diameterPixels / 1.5 else { return m }
        var out = m
        out.diameterPixels = diameter
        return out
    }

    /// Fits the profile with the image's blur and, of the image's shape and `candidateShapes`, the one that fits
    /// it best. Each candidate starts from the best fit so far, so it converges in a few steps.
    func fitProfileOfOwnShape(_ raw: MeanProfile, polarity: ShaftPolarity) -> ShaftProfileModel.Fit {
        var best = fitProfile(raw, polarity: polarity, freeBlurAndShape: false)
        guard best.rms.isFinite, best.model.width.isFinite else { return best }
        for candidate in Self.candidateShapes where candidate != shape {
            var initial = best.model
            initial.shape = candidate
            let fit = fitProfile(raw, polarity: polarity, freeBlurAndShape: false, from: initial)
            if fit.rms.isFinite, fit.model.width.isFinite, fit.rms < best.rms { best = fit }
        }
        return best
    }

    // MARK: Tips

    /// Places the tip at `atStart`'s end where the on-axis darkness falls to half the shaft's (see `measure`),
    /// and returns how softly the shaft fades out there (`endSoftness`), nil where that cannot be read.
    @discardableResult
    func refineTip(_ pts: inout [PixelPoint], atStart: Bool, model m: ShaftProfileModel, polarity: ShaftPolarity,
                   reach: Double?, imageWidth: Int, imageHeight: Int) -> Double? {
        guard pts.count >= 4 else { return nil }
        let i = atStart ? 0 : pts.count - 1
        var (tx, ty) = Self.tangent(pts, at: i, reach: min(6, pts.count - 1))
        if atStart { tx = -tx; ty = -ty }
        let nx = -ty, ny = tx
        let p = pts[i]
        let sign: Double = polarity == .darker ? 1 : -1
        // The mask, and so the skeleton, can run a few pixels past a tip (blur, growth) or stop short of it.
        let inside = max(3.0, m.width) + 8
        let outside = reach ?? max(6.0, 2 * m.width + 4 * m.sigma)
        let step = 0.25
        var ss: [Double] = [], ds: [Double] = [], centre: [Double] = []
        transmission.samples.withUnsafeBufferPointer { tb in
            var s = -inside
            while s <= outside {
                var acc = 0.0
                for u in [-0.25 * m.width, 0, 0.25 * m.width] {
                    let value = Double(transmission.bilinear(p.x + tx * s + nx * u, p.y + ty * s + ny * u, in: tb))
                    acc += value
                    if u == 0 { centre.append(sign * (m.b0 - value)) }
                }
                ss.append(s)
                ds.append(sign * (m.b0 - acc / 3))
                s += step
            }
        }
        // On-axis darkness of the fitted shaft, averaged over the same three lines as the samples.
        var axis = m
        axis.b1 = 0
        let level = [-0.25 * m.width, 0, 0.25 * m.width].map { sign * (m.b0 - axis.value(at: m.x0 + $0)) }.reduce(0, +) / 3
        guard level > 0 else { return nil }
        let softness = Self.endSoftness(along: ss, centre: centre, level: sign * (m.b0 - axis.value(at: m.x0)))
        var tipS: Double? = nil
        for k in 1..<ss.count {
            if ds[k] < 0.5 * level && ds[k - 1] >= 0.5 * level {
                let f = (ds[k - 1] - 0.5 * level) / max(ds[k - 1] - ds[k], 1e-9)
                tipS = ss[k - 1] + f * step
                break
            }
        }
        guard let t = tipS else { return softness }
        // Drop centerline points beyond the tip, then place the tip.
        var q = PixelPoint(x: p.x + tx * t, y: p.y + ty * t)
        q.x = min(max(q.x, 0), Double(imageWidth)); q.y = min(max(q.y, 0), Double(imageHeight))
        if atStart {
            while pts.count > 2, (pts[0].x - p.x) * tx + (pts[0].y - p.y) * ty > t { pts.removeFirst() }
            while pts.count > 2, (pts[0].x - p.x) * tx + (pts[0].y - p.y) * ty >= t - 0.5 && t < 0 { pts.removeFirst() }
            pts.insert(q, at: 0)
        } else {
            while pts.count > 2, (pts[pts.count - 1].x - p.x) * tx + (pts[pts.count - 1].y - p.y) * ty >= t - 0.5 && t < 0 { pts.removeLast() }
            pts.append(q)
        }
        return softness
    }

    /// How gradually a shaft's on-axis darkness fades out at an end (samples `d` at positions `s` running out
    /// of the shaft): the distance from the last point at 80 % of the shaft's `level` to the first point below
    /// 20 % after it. A tip in the air, cut or tapered to a point, ends within the optics' blur; a hair entering
    /// the skin fades over a stretch as it dives under the epidermis. Another shaft lying beyond the end moves
    /// the 80 % point to its far edge, so such an end reads as sharp, never as an opening. Nil when the profile
    /// never rises to 80 % or never falls to 20 %.
    static func endSoftness(along s: [Double], centre d: [Double], level: Double) -> Double? {
        guard level > 0, s.count == d.count else { return nil }
        guard var k = d.firstIndex(where: { $0 >= 0.8 * level }) else { return nil }
        var last80 = k
        while k < d.count {
            if d[k] >= 0.8 * level { last80 = k }
            if d[k] < 0.2 * level { return s[k] - s[last80] }
            k += 1
        }
        return nil
    }

    /// Cuts the ends of a dark centerline where it runs on as a faint streak: the root seen through the skin
    /// beyond the opening (and a shadow or furrow joined on) is diffuse and far paler than the shaft in the
    /// air, which is sharp and dark. Each end is cut back to where the on-axis darkness first reaches half
    /// the shaft's (its 90th percentile away from crossings, so that a short dark stub on a long shadow still
    /// sets the level). The half level is the same criterion `refineTip` places tips by.
    func trimmedFaintEnds(_ pts: [PixelPoint], crossings: [PixelPoint], radius: Double) -> [PixelPoint] {
        let n = pts.count
        guard n >= 12 else { return pts }
        var raw = [Double](repeating: 0, count: n)
        transmission.samples.withUnsafeBufferPointer { tb in
            for (i, p) in pts.enumerated() { raw[i] = 1 - Double(transmission.bilinear(p.x, p.y, in: tb)) }
        }
        var darkness = raw
        for i in 0..<n {
            let lo = max(0, i - 2), hi = min(n - 1, i + 2)
            darkness[i] = raw[lo...hi].reduce(0, +) / Double(hi - lo + 1)
        }
        let clear = 2 * radius + 4
        var sample: [Float] = []
        let nearCrossing = SegmentGeometry.nearAnyPoint(of: crossings, closerThan: clear, along: pts)
        for i in 0..<n where !nearCrossing[i] { sample.append(Float(darkness[i])) }
        guard sample.count >= 8 else { return pts }
        let level = Double(Statistics.quantile(&sample, 0.9))
        guard level > 0 else { return pts }
        guard let first = darkness.firstIndex(where: { $0 >= 0.5 * level }),
              let last = darkness.lastIndex(where: { $0 >= 0.5 * level }), last - first >= 8 else { return pts }
        // A few pixels of slack: refineTip places the tip itself.
        let a = max(0, first - 2), b = min(n - 1, last + 2)
        return a == 0 && b == n - 1 ? pts : Array(pts[a...b])
    }

    /// The full width of a lighter shaft whose edges show as dark rims beside its bright core: on each side,
    /// the deepest dip below the skin within reach of the core's fitted edge, and the shaft's outer edge where
    /// the profile climbs back halfway from that dip to the skin. Nil when neither side has a rim.
    static func widthIncludingRims(_ profile: MeanProfile, model m: ShaftProfileModel) -> Double? {
        // Rims hug the core: within half its width of the fitted edge. The skin level is read beyond them, on
        // the same side (the fitted b0 can be pulled by a rim on one side only).
        let reach = max(3, 0.5 * m.width)
        let minimumDip = max(0.02, 3 * profile.noise)
        func outerEdge(_ direction: Double) -> Double? {
            let edge = m.x0 + direction * 0.5 * m.width
            var deepest: Int? = nil
            var outside: [Double] = []
            for (k, u) in profile.offsets.enumerated() {
                let along = (u - edge) * direction
                if along > reach + 1 { outside.append(profile.values[k]) }
                guard along >= -0.25 * m.width, along <= reach else { continue }
                if deepest == nil || profile.values[k] < profile.values[deepest!] { deepest = k }
            }
            let skin = outside.count >= 3 ? Statistics.median(outside) : m.b0
            guard let d = deepest, skin - profile.values[d] >= minimumDip else { return nil }
            let half = 0.5 * (profile.values[d] + skin)
            var k = d
            let step = direction > 0 ? 1 : -1
            while k + step >= 0 && k + step < profile.values.count {
                let next = k + step
                if profile.values[next] >= half {
                    let f = (half - profile.values[k]) / max(profile.values[next] - profile.values[k], 1e-12)
                    return profile.offsets[k] + f * (profile.offsets[next] - profile.offsets[k])
                }
                k = next
            }
            return nil
        }
        let right = outerEdge(1), left = outerEdge(-1)
        guard right != nil || left != nil else { return nil }
        let r = right ?? m.x0 + 0.5 * m.width, l = left ?? m.x0 - 0.5 * m.width
        return max(m.width, r - l)
    }

    /// The axis' depth below the skin on each side of the shaft, read from the profile itself beyond the fitted
    /// edges and their blur (median of each side), signed so that positive is the shaft's own polarity. A shaft
    /// is an object lying on the skin: darker (or brighter) than the skin on both sides. A line detector also
    /// answers beside a strong line of the other polarity (a white hair's flank, where the second derivative of
    /// its bright bar turns over): there the axis is skin on its far side and only the bright hair makes it look
    /// like a dip, so its weaker side reads nothing. `profile` is trimmed at neighbours of the same polarity,
    /// so a hair beside another hair reads the skin between them.
    static func flankDepths(_ profile: MeanProfile, model m: ShaftProfileModel, axis: Double,
                            polarity: ShaftPolarity) -> (weaker: Double, stronger: Double, strongerLevel: Double) {
        let sign: Double = polarity == .darker ? 1 : -1
        let clear = 0.5 * m.width + 2 * m.sigma + 1
        var left: [Double] = [], right: [Double] = []
        for (u, v) in zip(profile.offsets, profile.values) {
            if u < m.x0 - clear { left.append(v) } else if u > m.x0 + clear { right.append(v) }
        }
        // A side cut short by a neighbour leaves its outermost sample: the level between the two.
        if left.isEmpty, let first = profile.values.first { left.append(first) }
        if right.isEmpty, let last = profile.values.last { right.append(last) }
        let lv = Statistics.median(left), rv = Statistics.median(right)
        let l = sign * (lv - axis), r = sign * (rv - axis)
        return l <= r ? (l, r, rv) : (r, l, lv)
    }

    // MARK: Whole shafts

    /// Estimates the optics' blur and the cross-section shape from the widest, cleanest shafts.
    mutating func calibrateBlur(from paths: [ShaftPath]) {
        var sigmas: [Double] = [], shapes: [Double] = []
        let candidates = paths.filter { $0.radiusEstimate >= 3 && $0.points.count > 30 }
            .sorted { $0.radiusEstimate * Double($0.points.count) > $1.radiusEstimate * Double($1.points.count) }
        for path in candidates.prefix(24) {
            let pts = Self.smoothCenterline(path.points)
            guard let profile = meanProfile(pts, crossings: path.crossings, radius: path.radiusEstimate) else { continue }
            let fit = fitProfile(profile, polarity: path.polarity, freeBlurAndShape: true)
            let m = fit.model
            guard fit.converged || fit.rms < 3 * profile.noise + 0.01 else { continue }
            let sign: Double = path.polarity == .darker ? 1 : -1
            guard m.width > 4 * m.sigma, sign * m.contrast > 8 * profile.noise else { continue }
            sigmas.append(m.sigma)
            shapes.append(m.shape)
        }
        if !sigmas.isEmpty {
            blurSigma = Statistics.median(sigmas)
            shape = Statistics.median(shapes)
            blurCalibrated = true
        }
    }

    /// How much softer than the optics' blur (`blurSigma`, from the image's widest shafts) a line's own edges
    /// must be for it to count as shading.
    static let shadingBlurFactor = 1.5

    /// The line's own cross-section: its mean profile (read at the measured half-width) fitted with a free blur
    /// and shape; nil when it cannot be read or fitted.
    func ownCrossSection(of m: Measurement) -> ShaftProfileModel? {
        ownCrossSection(of: m, radius: max(1.5, 0.5 * m.diameterPixels))
    }

    private func ownCrossSection(of m: Measurement, radius: Double) -> ShaftProfileModel? {
        guard let profile = meanProfile(m.centerline, crossings: m.path.crossings, radius: radius) else { return nil }
        let model = fitProfile(profile, polarity: m.path.polarity, freeBlurAndShape: true).model
        return model.sigma.isFinite && model.width.isFinite ? model : nil
    }

    /// Whether `isUnresolvedBlur` has a question to ask: a dark line narrow enough to be only blur (a soft line
    /// reads about 2.4 of its own σ wide with the optics' σ held fixed: lines up to 3× softer qualify).
    func mayBeUnresolvedBlur(_ m: Measurement) -> Bool {
        m.path.polarity == .darker && m.diameterPixels < 8 * blurSigma + 2
    }

    /// Whether a thin dark line is only blur: fitted with its own blur (`own`, from `ownCrossSection`), its
    /// cross-section has hardly a width of its own (under twice its blur) and its edges are half again as soft
    /// as the image's optics make an edge. A shaft is an object with edges as sharp as the optics allow; a skin
    /// furrow or a shadow is shading. (A wide hair out of focus keeps a width far beyond its blur.)
    func isUnresolvedBlur(_ m: Measurement, own: ShaftProfileModel?) -> Bool {
        guard mayBeUnresolvedBlur(m), let own else { return false }
        return own.sigma > Self.shadingBlurFactor * blurSigma && own.width < 2 * own.sigma
    }

    /// Whether a faint dark line (`faintLineDepth`) looks like shading on a closer look: a width under four of
    /// its own blur and edges a quarter softer than the optics'. A skin furrow is a groove's shading, a smooth
    /// dip whose fitted width stays within a few of its own blur, and any softness beyond the optics' gives it
    /// away once the furrow is wider than the blur (at ×50–×70 a furrow spans several pixels). A faint vellus
    /// hair is still an object on the skin, with edges as sharp as the optics make them. A translucent shaft's
    /// refracting rims look the same, one by one: such a line is a hair only as one of a rim pair
    /// (`Measurement.faintShading`, `RimPairMerger`).
    func looksLikeFaintShading(_ m: Measurement, own: ShaftProfileModel?) -> Bool {
        guard Self.isFaintDarkLine(m), let own else { return false }
        return own.sigma > Self.faintLineBlurFactor * blurSigma && own.width < Self.faintLineWidthInBlurs * own.sigma
    }

    /// A dark line shallower than `faintLineDepth`: the lines `looksLikeFaintShading` looks at.
    static func isFaintDarkLine(_ m: Measurement) -> Bool {
        m.path.polarity == .darker && m.skinTransmission - m.axisTransmission < faintLineDepth
    }

    /// Whether a cross-section shows an object's edges: resolved (at least `faintLineWidthInBlurs` of its own
    /// blur wide) and no softer than `faintLineBlurFactor` times the optics' blur. Shading never does, however
    /// wide: a groove or a shadow darkens smoothly. A grey stub, which darkens the skin without changing its
    /// hue, does (see `ShadingTest`).
    func showsSharpEdges(_ own: ShaftProfileModel) -> Bool {
        own.width >= Self.faintLineWidthInBlurs * own.sigma && own.sigma <= Self.faintLineBlurFactor * blurSigma
    }

    /// Below this depth (skin − axis transmission) a dark line counts as faint for `looksLikeFaintShading`.
    static let faintLineDepth = 0.15
    /// How much softer than the optics a faint line's edges may be before it counts as shading…
    static let faintLineBlurFactor = 1.25
    /// …when its fitted width is under this many of its own blur σ (a resolved shaft is wider).
    static let faintLineWidthInBlurs = 4.0

    /// How much softer than the optics' blur the edges of a shaft found by its colour may be before it counts
    /// as seen through the skin.
    static let belowSkinBlurFactor = 2.0

    /// Whether a shaft found by its colour (`ShaftPath.unpigmented`) lies under the skin rather than on it: a
    /// hair's root below its opening shows bluish-grey through the epidermis, which scatters, so its edges are
    /// far softer than the optics make the edges of a shaft lying on the skin. A shaft whose edges cannot be
    /// fitted at all (no cross-section to read, or a fit that does not converge) shows no object on the skin
    /// either: on the ×70 check these were root shadows and skin texture the colour pass had found.
    func isBelowSkin(_ m: Measurement) -> Bool {
        // Softness needs the plane's own blur to compare with; a stand-in would reject grey hairs that JPEG's
        // half-resolution colour merely blurs.
        guard m.path.unpigmented, blurCalibrated else { return false }
        return edgeSoftness(of: m).map { $0 > Self.belowSkinBlurFactor } ?? true
    }

    /// The blur of a shaft's edges, fitted freely, in units of this plane's calibrated blur; nil when the
    /// profile cannot be read or fitted.
    func edgeSoftness(of m: Measurement) -> Double? {
        // A wide band near the field's edge or the frame may leave no cross-section a diameter wide to read;
        // the radius its measurement was read at (the mask's) is then the next best.
        guard let own = ownCrossSection(of: m) ?? ownCrossSection(of: m, radius: m.path.radiusEstimate), blurSigma > 0
        else { return nil }
        return own.sigma / blurSigma
    }

    func measure(_ path: ShaftPath, imageWidth: Int, imageHeight: Int) -> Measurement? {
        var pts = Self.smoothCenterline(path.points)
        guard pts.count >= 3 else { return nil }
        for _ in 0..<2 { pts = recentred(pts, radius: path.radiusEstimate, polarity: path.polarity, crossings: path.crossings) }
        if path.polarity == .darker { pts = trimmedFaintEnds(pts, crossings: path.crossings, radius: path.radiusEstimate) }
        // A hair that ends at another's opening can be marked shared (overlap points every few pixels) along
        // its whole length; read its profile then, overlaps included, rather than lose the hair. A path with a
        // few crossing points and no clear stretch between them is a piece of noise through another shaft.
        let markedAlongItsLength = 8 * path.crossings.count >= path.points.count
        guard let profile = meanProfile(pts, crossings: path.crossings, radius: path.radiusEstimate, wholeSectionInField: true)
                ?? (markedAlongItsLength ? meanProfile(pts, crossings: [], radius: path.radiusEstimate, wholeSectionInField: true) : nil) else { return nil }
        let fit = fitProfile(profile, polarity: path.polarity, freeBlurAndShape: false)
        let m = fit.model
        let sign: Double = path.polarity == .darker ? 1 : -1
        guard sign * m.contrast > 0, m.width.isFinite, m.width > 0.3 else { return nil }
        // The skeleton's end is not the shaft's: thinning shortens a blunt tip and blur lengthens the mask.
        // Each free tip is placed where the on-axis darkness falls to half its value inside the shaft,
        // which for a blurred end is the end itself.
        // Ends at a junction or corner are followed along the shaft's own direction as well: where several
        // hairs leave one opening their skeletons merge short of the opening, and the shaft runs on to it.
        let startSoftness = refineTip(&pts, atStart: true, model: m, polarity: path.polarity, reach: path.startKind == .tip ? nil : 3 * m.width + 10,
                                      imageWidth: imageWidth, imageHeight: imageHeight)
        let endSoftness = refineTip(&pts, atStart: false, model: m, polarity: path.polarity, reach: path.endKind == .tip ? nil : 3 * m.width + 10,
                                    imageWidth: imageWidth, imageHeight: imageHeight)
        var endFades: [EndFade] = []
        if let startSoftness { endFades.append(EndFade(point: pts[0], softness: startSoftness)) }
        if let endSoftness { endFades.append(EndFade(point: pts[pts.count - 1], softness: endSoftness)) }
        func nearEdge(_ p: PixelPoint) -> Bool {
            let x = min(max(Int(p.x), 0), imageWidth - 1), y = min(max(Int(p.y), 0), imageHeight - 1)
            return Double(distanceToEdge[y * imageWidth + x]) <= 0.5 * m.width + 3
        }
        // A white or grey shaft's bright core is narrower than the shaft: refraction darkens its edges.
        let diameter = path.polarity == .lighter ? (Self.widthIncludingRims(profile, model: m) ?? m.width) : m.width
        let axis = m.b0 - m.contrast * m.absorbance(m.x0)
        let flanks = Self.flankDepths(Self.trimmedAtNeighbours(profile, polarity: path.polarity), model: m, axis: axis, polarity: path.polarity)
        return Measurement(path: path, centerline: pts, lengthPixels: Self.arcLength(pts),
                           diameterPixels: diameter, contrast: m.contrast,
                           signalToNoise: abs(m.contrast) / profile.noise, profileSamples: profile.samples,
                           fitRMS: fit.rms, skinTransmission: m.b0,
                           axisTransmission: axis, startTruncated: nearEdge(pts[0]), endTruncated: nearEdge(pts[pts.count - 1]),
                           weakerFlankDepth: flanks.weaker, strongerFlankDepth: flanks.stronger, strongerFlankLevel: flanks.strongerLevel,
                           endFades: endFades)
    }
}
