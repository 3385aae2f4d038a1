/// A translucent shaft (grey, white, blond) is often darkest along its two edges, where light leaving the
/// cylinder is refracted away, and lighter along its core: the detector then finds two thin dark lines a
/// shaft's width apart. This merges such rim pairs back into one hair — two detections that run parallel at a
/// near-constant separation over most of their length, each thin against that separation, with a core
/// clearly lighter than the rims. The hair's centerline is their midline and its diameter the outer width.
/// Two separate hairs rarely stay parallel at a fixed distance along their length (hairs leaving one opening
/// diverge), so they are left alone. Where they do (a faint vellus hair along a terminal one, with skin between
/// them, which is lighter than both like a core), their contrasts tell them apart: a shaft's two rims are its two
/// edges under the same light and darken the skin alike.
enum RimPairMerger {
    /// Two rims of one shaft differ in fitted contrast by at most this factor.
    static let maximumRimContrastRatio = 2.0

    static func similarContrast(_ a: ShaftMeasurer.Measurement, _ b: ShaftMeasurer.Measurement) -> Bool {
        max(abs(a.contrast), abs(b.contrast)) <= maximumRimContrastRatio * min(abs(a.contrast), abs(b.contrast))
    }

    static func merge(_ input: [ShaftMeasurer.Measurement], transmission: FloatPlane,
                      maxDiameterPixels: Double) -> [ShaftMeasurer.Measurement] {
        var items = input
        var removed = [Bool](repeating: false, count: items.count)
        // Longest first, so a long rim absorbs its partner rather than the other way round.
        let order = items.indices.sorted { items[$0].lengthPixels > items[$1].lengthPixels }
        // Centerline boxes: a pair whose boxes lie further apart than the widest shaft (plus a pixel for
        // rounding) cannot pass the width test below, so the point-to-line search is skipped for it.
        var boxes = items.map { Box($0.centerline) }
        for ai in order where !removed[ai] && items[ai].path.polarity == .darker {
            var bestPartner: (index: Int, separation: Double)? = nil
            let chunkedA = ChunkedLine(items[ai].centerline)
            for bi in items.indices where bi != ai && !removed[bi] && items[bi].path.polarity == .darker {
                let a = items[ai], b = items[bi]
                guard b.lengthPixels <= a.lengthPixels else { continue }
                if let gap = boxes[ai].gap(to: boxes[bi]) {
                    let widths = 0.5 * (a.diameterPixels + b.diameterPixels)
                    if widths.isFinite && gap + widths > maxDiameterPixels + 1 { continue }
                }
                // Most sampled points further from `a` than the widest shaft allows: the median separation
                // would fail the width test below, so the exact search is skipped.
                let widths = 0.5 * (a.diameterPixels + b.diameterPixels)
                if widths.isFinite && mostlyFartherThan(maxDiameterPixels - widths + 1, shorter: b.centerline, longer: chunkedA) {
                    continue
                }
                guard let s = parallelSeparation(shorter: b.centerline, longer: chunkedA) else { continue }
                let outer = s + 0.5 * (a.diameterPixels + b.diameterPixels)
                guard s >= 2.5, outer <= maxDiameterPixels else { continue }
                guard a.diameterPixels <= 0.45 * s, b.diameterPixels <= 0.45 * s else { continue }
                guard similarContrast(a, b) else { continue }
                guard coreIsLighter(b.centerline, other: a.centerline, transmission: transmission) else { continue }
                if bestPartner == nil || s < bestPartner!.separation { bestPartner = (bi, s) }
            }
            guard let partner = bestPartner else { continue }
            let a = items[ai], b = items[partner.index]
            var merged = a
            // A rim pair is one translucent shaft, neither rim's wedge.
            merged.wedge = nil
            merged.centerline = midline(a.centerline, b.centerline)
            merged.lengthPixels = ShaftMeasurer.arcLength(merged.centerline)
            merged.diameterPixels = partner.separation + 0.5 * (a.diameterPixels + b.diameterPixels)
            merged.signalToNoise = max(a.signalToNoise, b.signalToNoise)
            merged.startTruncated = a.startTruncated || b.startTruncated
            merged.endTruncated = a.endTruncated || b.endTruncated
            // Two rims of one translucent shaft, whatever each looked like alone.
            merged.faintShading = false
            merged.rimPair = true
            // Each rim's flanks are skin and core; the merged hair's are not read (`SideLobeTest` leaves it alone).
            merged.weakerFlankDepth = .infinity
            merged.strongerFlankDepth = .infinity
            items[ai] = merged
            boxes[ai] = Box(merged.centerline)
            removed[partner.index] = true
        }
        return items.indices.filter { !removed[$0] }.map { items[$0] }
    }

    /// The other half of the same optics: where the translucent shaft's bright core was found as a lighter
    /// hair, a dark rim along it was found as a thin darker one. A darker detection that runs parallel to a
    /// lighter one at about the lighter one's edge, thin against it and not much longer, is
    /// that hair's rim: it is dropped. (The hair's width already reaches out to its rims: the lighter shaft is
    /// measured rim to rim, `ShaftMeasurer.widthIncludingRims`.)
    static func absorbRims(_ input: [ShaftMeasurer.Measurement]) -> [ShaftMeasurer.Measurement] {
        let items = input
        var removed = [Bool](repeating: false, count: items.count)
        let boxes = items.map { Box($0.centerline) }
        for li in items.indices where items[li].path.polarity == .lighter {
            let light = items[li]
            let chunked = ChunkedLine(light.centerline)
            for ri in items.indices where !removed[ri] && items[ri].path.polarity == .darker {
                let rim = items[ri]
                guard rim.diameterPixels <= 0.6 * light.diameterPixels,
                      rim.lengthPixels <= 1.2 * light.lengthPixels + 10 else { continue }
                let reach = 0.5 * light.diameterPixels + rim.diameterPixels + 4
                if let gap = boxes[li].gap(to: boxes[ri]), gap > reach { continue }
                guard let s = parallelSeparation(shorter: rim.centerline, longer: chunked),
                      s <= reach, s >= 0.25 * light.diameterPixels else { continue }
                removed[ri] = true
            }
        }
        return items.indices.filter { !removed[$0] }.map { items[$0] }
    }

    /// A polyline's bounding box; nil bounds when a coordinate is not finite (no shortcut then).
    struct Box {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var finite = true

        init(_ line: [PixelPoint]) {
            for p in line {
                guard p.x.isFinite && p.y.isFinite else { finite = false; return }
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
            if line.isEmpty { finite = false }
        }

        /// Euclidean distance between the two boxes (0 when they overlap).
        func gap(to o: Box) -> Double? {
            guard finite && o.finite else { return nil }
            let dx = max(0, max(o.minX - maxX, minX - o.maxX))
            let dy = max(0, max(o.minY - maxY, minY - o.maxY))
            return (dx * dx + dy * dy).squareRoot()
        }
    }

    /// The median distance from `shorter`'s points to `longer`, when at least 60 % of them lie within ±25 %
    /// of it (parallel at a near-constant separation).
    static func parallelSeparation(shorter: [PixelPoint], longer: [PixelPoint]) -> Double? {
        parallelSeparation(shorter: shorter, longer: ChunkedLine(longer))
    }

    static func parallelSeparation(shorter: [PixelPoint], longer chunked: ChunkedLine) -> Double? {
        guard shorter.count >= 6, chunked.line.count >= 2 else { return nil }
        let step = max(1, shorter.count / 40)
        var distances: [Double] = []
        for i in stride(from: 0, to: shorter.count, by: step) {
            distances.append(chunked.nearest(shorter[i]).distance)
        }
        let median = Statistics.median(distances)
        guard median > 0 else { return nil }
        let close = distances.filter { abs($0 - median) <= 0.2 * median }.count
        guard Double(close) >= 0.7 * Double(distances.count) else { return nil }
        return median
    }

    /// Whether more than half of the points `parallelSeparation` samples lie further than `limit` from
    /// `longer` by a lower bound (the nearest of its segment-run boxes), so that their median does too.
    static func mostlyFartherThan(_ limit: Double, shorter: [PixelPoint], longer: ChunkedLine) -> Bool {
        guard shorter.count >= 6, !longer.boxes.isEmpty else { return false }
        let step = max(1, shorter.count / 40)
        var total = 0, far = 0
        for i in stride(from: 0, to: shorter.count, by: step) {
            total += 1
            if longer.lowerBound(shorter[i]) > limit { far += 1 }
        }
        return far >= total / 2 + 1
    }

    /// Transmission halfway between the two lines is well above the transmission on the lines.
    static func coreIsLighter(_ line: [PixelPoint], other: [PixelPoint], transmission t: FloatPlane) -> Bool {
        var rim = 0.0, core = 0.0, n = 0.0
        let step = max(1, line.count / 30)
        t.samples.withUnsafeBufferPointer { tb in
            for i in stride(from: 0, to: line.count, by: step) {
                let p = line[i]
                let q = nearest(p, on: other).point
                rim += 0.5 * Double(t.bilinear(p.x, p.y, in: tb) + t.bilinear(q.x, q.y, in: tb))
                core += Double(t.bilinear(0.5 * (p.x + q.x), 0.5 * (p.y + q.y), in: tb))
                n += 1
            }
        }
        guard n > 0 else { return false }
        rim /= n; core /= n
        // The rims' darkness below the skin (1): the core must keep less than 60 % of it.
        return (1 - core) <= 0.6 * (1 - rim) && rim < 1
    }

    static func midline(_ longer: [PixelPoint], _ shorter: [PixelPoint]) -> [PixelPoint] {
        longer.map { p in
            let q = nearest(p, on: shorter).point
            return PixelPoint(x: 0.5 * (p.x + q.x), y: 0.5 * (p.y + q.y))
        }
    }

    /// A polyline with the boxes of its segments in runs of 16, for repeated `nearest` queries: runs whose
    /// box is already further than the best distance so far are passed over. They could not have improved
    /// it (a margin covers rounding), so the answer is `nearest(_:on:)`'s, first minimum included.
    struct ChunkedLine {
        static let run = 16
        let line: [PixelPoint]
        /// minX, minY, maxX, maxY per run of segments; NaN bounds (a non-finite point) are never skipped.
        var boxes: [SIMD4<Double>] = []

        init(_ line: [PixelPoint]) {
            self.line = line
            var i = 1
            while i < line.count {
                let end = min(line.count, i + Self.run)
                var b = SIMD4(line[i - 1].x, line[i - 1].y, line[i - 1].x, line[i - 1].y)
                var finite = true
                for k in (i - 1)..<end {
                    let q = line[k]
                    if !(q.x.isFinite && q.y.isFinite) { finite = false }
                    b = SIMD4(min(b[0], q.x), min(b[1], q.y), max(b[2], q.x), max(b[3], q.y))
                }
                boxes.append(finite ? b : SIMD4(repeating: .nan))
                i = end
            }
        }

        /// At most the distance from `p` to the line: to the nearest run box (0 for a box with a non-finite
        /// point; NaN for a non-finite `p`, which compares as not far).
        func lowerBound(_ p: PixelPoint) -> Double {
            var best = Double.infinity
            for b in boxes {
                if b[0].isNaN { return 0 }
                let dx = max(0, max(b[0] - p.x, p.x - b[2])), dy = max(0, max(b[1] - p.y, p.y - b[3]))
                best = min(best, dx * dx + dy * dy)
            }
            guard p.x.isFinite && p.y.isFinite else { return .nan }
            return best.squareRoot()
        }

        func nearest(_ p: PixelPoint) -> (point: PixelPoint, distance: Double) {
            var best = (point: line[0], distance: Double.infinity)
            guard line.count >= 2 else { return best }
            for (c, b) in boxes.enumerated() {
                if !b[0].isNaN && best.distance.isFinite {
                    let dx = max(0, max(b[0] - p.x, p.x - b[2])), dy = max(0, max(b[1] - p.y, p.y - b[3]))
                    let reach = (dx * dx + dy * dy).squareRoot()
                    if reach > best.distance * (1 + 1e-9) + 1e-9 { continue }
                }
                let start = 1 + c * Self.run
                for i in start..<min(line.count, start + Self.run) {
                    let c = SegmentGeometry.closestPoint(to: p, from: line[i - 1], to: line[i])
                    if c.distance < best.distance { best = c }
                }
            }
            return best
        }
    }

    static func nearest(_ p: PixelPoint, on line: [PixelPoint]) -> (point: PixelPoint, distance: Double) {
        var best = (point: line[0], distance: Double.infinity)
        for i in 1..<max(2, line.count) where i < line.count {
            let c = SegmentGeometry.closestPoint(to: p, from: line[i - 1], to: line[i])
            if c.distance < best.distance { best = c }
        }
        return best
    }
}
