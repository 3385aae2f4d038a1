import TrichometryImageIO

/// A translucent shaft (blond, grey, white) is darkest along its two edges and lighter along its core
/// (`RimPairMerger`). Where only one of its rims was traced — the other crossed by hairs, or broken into pieces
/// too short to keep — that rim alone reads as a thin dark hair a quarter of the shaft's width or less: a
/// terminal hair counted as vellus. This reads the cross-section beside each thin dark line, far enough for the
/// widest hair, and looks for the rest of the shaft there: a second dark line of like depth at a constant
/// distance (it shows in the median cross-section along the whole line only if it runs parallel), and between
/// the two a core lighter than the rims that is not plain skin: brighter than the skin (the cylinder gathers
/// light), or of another chromaticity (hair, not skin). Skin between two separate parallel hairs is neither, so
/// such hairs are left alone; both rims must be faint (a line dark beyond doubt is pigmented, not the edge of a
/// translucent shaft). A rim whose shaft is found becomes that shaft: its centerline moved to the middle of the
/// pair, its width from outer edge to outer edge.
enum LoneRimWidener {
    /// The second rim's depth below the skin, as a share of the traced rim's: at least this much…
    static let minimumPartnerDepthShare = 0.5
    /// …and at most this many times it (a darker line is a hair of its own).
    static let maximumPartnerDepthFactor = 2.0
    /// The core keeps at most this share of the rims' mean depth (as `RimPairMerger.coreIsLighter`).
    static let maximumCoreDepthShare = 0.6
    /// The core is brighter than the skin by at least this share of the rim's depth…
    static let minimumCoreBrightnessShare = 0.3
    /// …or its chromaticity (R, G, B)/(R + G + B) lies at least this far from the skin's beside the pair.
    static let minimumCoreChromaShift = 0.01

    /// Sections read along a line at the most (each is as wide as two of the widest shafts): the median of a
    /// hundred is steady, and reading every pixel of every thin line cost 5 % of a whole analysis.
    static let sectionsRead = 100

    /// The rim-to-rim reading of one thin dark line, when the rest of a translucent shaft lies beside it.
    struct Shaft: Equatable {
        /// +1 or −1: the side of the centerline's normal (−ty, tx) the shaft lies on.
        var side: Double
        /// Distance from the traced rim's axis to the other rim's, pixels.
        var separation: Double
        /// Outer edge to outer edge, pixels.
        var width: Double
    }

    /// Replaces each lone rim by its shaft (`measurer` reads the luminance's transmission; `image` gives the
    /// colours, none for grey-scale images).
    static func widen(_ input: [ShaftMeasurer.Measurement], measurer: ShaftMeasurer, image: RasterImage,
                      maxDiameterPixels: Double) -> [ShaftMeasurer.Measurement] {
        input.map { m in
            guard let shaft = shaftBeside(m, measurer: measurer, image: image, maxDiameterPixels: maxDiameterPixels)
            else { return m }
            return widened(m, to: shaft)
        }
    }

    /// Whether `m` may be a lone rim at all: a dark line, not already a rim pair, thin enough for the widest
    /// shaft to hold it and a partner with a core between.
    static func isCandidate(_ m: ShaftMeasurer.Measurement, maxDiameterPixels: Double) -> Bool {
        m.path.polarity == .darker && !m.rimPair && !m.path.unpigmented && m.diameterPixels > 0
            && !ShadingTest.isPigmentedBeyondDoubt(m)
            && m.diameterPixels <= 0.3 * maxDiameterPixels && m.centerline.count >= 12
    }

    static func shaftBeside(_ m: ShaftMeasurer.Measurement, measurer: ShaftMeasurer, image: RasterImage?,
                            maxDiameterPixels: Double) -> Shaft? {
        guard maxDiameterPixels.isFinite, isCandidate(m, maxDiameterPixels: maxDiameterPixels) else { return nil }
        let w = m.diameterPixels
        let half = (maxDiameterPixels + 2).rounded(.up)
        guard let profile = measurer.meanProfile(m.centerline, crossings: m.path.crossings, radius: 0.5 * w,
                                                 wholeSectionInField: true, half: half, recentre: false,
                                                 sections: sectionsRead)
        else { return nil }
        return shaft(in: profile, rimWidth: w, maxDiameterPixels: maxDiameterPixels, line: m.centerline, image: image)
    }

    /// The shaft a rim of width `rimWidth` at offset 0 of `profile` (its median cross-section in the
    /// transmission, far enough either side for the widest shaft) belongs to. With `image`, the chromaticity
    /// along the middle of a candidate pair (`line` is the rim's centerline) is compared with the skin's.
    static func shaft(in profile: ShaftMeasurer.MeanProfile, rimWidth w: Double, maxDiameterPixels: Double,
                      line: [PixelPoint] = [], image: RasterImage? = nil) -> Shaft? {
        let v = profile.values, o = profile.offsets
        guard v.count >= 5, v.count == o.count, w.isFinite else { return nil }
        let step = o[1] - o[0]
        guard step > 0 else { return nil }
        let centre = Int((-o[0] / step).rounded())
        guard centre > 0, centre < v.count - 1 else { return nil }
        func index(_ offset: Double) -> Int { Int(((offset - o[0]) / step).rounded()) }
        /// The mean of `v` over offsets `a` to `b` (either order), nil when none lies in the profile.
        func level(_ a: Double, _ b: Double) -> Double? {
            var sum = 0.0, n = 0.0, u = min(a, b)
            while u <= max(a, b) {
                let k = index(u)
                if k >= 0 && k < v.count { sum += v[k]; n += 1 }
                u += step
            }
            return n > 0 ? sum / n : nil
        }
        // The traced rim's own depth: the lowest value within its half-width.
        let reach = max(1, Int((0.5 * w / step).rounded()))
        var rim = Double.infinity
        for k in max(0, centre - reach)...min(v.count - 1, centre + reach) { rim = min(rim, v[k]) }
        // The profile's typical level (most of a section this wide is skin) for finding the partner.
        let skin = Statistics.median(v)
        let depth = skin - rim

        guard depth > 3 * profile.noise, depth > 0 else { return nil }

        var best: (shaft: Shaft, distinct: Double)? = nil
        for side in [1.0, -1.0] {
            // Outward from where a partner leaves a core between the two (the rim at most 0.45 of the gap).
            let first = max(2.5, w / 0.45), last = maxDiameterPixels - w
            guard first < last else { continue }
            let neighbourhood = max(2, Int((0.5 * w / step).rounded()))
            var t = first
            var found: Double? = nil
            while t <= last {
                defer { t += step }
                let k = index(side * t)
                guard k - neighbourhood >= 0, k + neighbourhood < v.count else { break }
                var isMinimum = true
                for j in (k - neighbourhood)...(k + neighbourhood) where j != k && v[j] < v[k] { isMinimum = false; break }
                guard isMinimum else { continue }
                let d = skin - v[k]
                guard d >= minimumPartnerDepthShare * depth else { continue }
                // The first dip deep enough: a much darker one is a hair of its own, not this shaft's other rim.
                if d <= maximumPartnerDepthFactor * depth { found = t }
                break
            }
            guard let s = found else { continue }
            // The skin beside the pair, just beyond each outer edge: the level the rims and the core are read
            // against (the profile's overall level may be lifted or lowered by neighbours).
            let inner = 0.5 * w + 2, outer = 0.5 * w + 5
            let beside = [level(-side * inner, -side * outer), level(side * (s + inner), side * (s + outer))].compactMap { $0 }
            // Skin on both sides, not a neighbour's shaft: a pair whose one side is darker than the profile's
            // typical level by half the rim's depth is read against the wrong level.
            guard !beside.isEmpty, beside.allSatisfy({ $0 >= skin - 0.5 * depth }) else { continue }
            let localSkin = beside.reduce(0, +) / Double(beside.count)
            let rimDepth = localSkin - rim, partnerDepth = localSkin - v[index(side * s)]
            // Both rims faint: a line dark beyond doubt is pigment (`ShadingTest.faintDepth`).
            guard rimDepth > 0, partnerDepth >= minimumPartnerDepthShare * rimDepth,
                  partnerDepth <= maximumPartnerDepthFactor * rimDepth, partnerDepth < ShadingTest.faintDepth
            else { continue }
            // The core: between the rims' edges (at least the middle sample).
            let lo = 0.5 * w + 1, hi = s - 0.5 * w - 1
            let coreFrom = lo <= hi ? lo : 0.5 * s, coreTo = lo <= hi ? hi : 0.5 * s
            guard let core = level(side * coreFrom, side * coreTo) else { continue }
            guard localSkin - core <= maximumCoreDepthShare * 0.5 * (rimDepth + partnerDepth) else { continue }
            // Not plain skin: brighter than the skin, or of another chromaticity. The skin beside the pair may be
            // a neighbour's edge, so the core must be brighter than the profile's typical level as well.
            var distinct = (core - max(localSkin, skin)) / (minimumCoreBrightnessShare * rimDepth)
            let shaft = Shaft(side: side, separation: s, width: s + w)
            guard shaft.width <= maxDiameterPixels else { continue }
            if let image {
                distinct = max(distinct, chromaShift(line, shaft: shaft, rimWidth: w, image: image) / minimumCoreChromaShift)
            }
            guard distinct >= 1 else { continue }
            if best == nil || distinct > best!.distinct { best = (shaft, distinct) }
        }
        return best?.shaft
    }

    /// `m` re-read as the shaft it is one rim of.
    static func widened(_ m: ShaftMeasurer.Measurement, to shaft: Shaft) -> ShaftMeasurer.Measurement {
        var out = m
        out.centerline = ShaftMeasurer.offsetAlongNormal(m.centerline, by: 0.5 * shaft.separation * shaft.side)
        out.lengthPixels = ShaftMeasurer.arcLength(out.centerline)
        out.diameterPixels = shaft.width
        out.rimPair = true
        out.faintShading = false
        // The flanks read were a rim's (skin and core), not the shaft's.
        out.weakerFlankDepth = .infinity
        out.strongerFlankDepth = .infinity
        return out
    }

    /// How far the chromaticity along the middle of `shaft` lies from the skin's just beyond its outer edges
    /// (Euclidean, in (R, G, B)/(R + G + B)); 0 for grey-scale images.
    static func chromaShift(_ pts: [PixelPoint], shaft: Shaft, rimWidth w: Double, image: RasterImage) -> Double {
        let mid = 0.5 * shaft.separation, out = 0.5 * w + 3
        let sums = ColourSampler.sums(along: pts, offsets: [shaft.side * mid, -shaft.side * out,
                                                            shaft.side * (shaft.separation + out)], image: image)
        let core = sums[0], skin = sums[1] + sums[2]
        guard core.total > 0, skin.total > 0 else { return 0 }
        let dr = core.red / core.total - skin.red / skin.total, dg = core.green / core.total - skin.green / skin.total
        let db = core.blue / core.total - skin.blue / skin.total
        return (dr * dr + dg * dg + db * db).squareRoot()
    }
}
