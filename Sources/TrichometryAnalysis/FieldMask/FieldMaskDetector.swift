/// Stage 1: which pixels are skin that can be analysed.
///
/// Excluded: the black aperture outside a circular field of view, burnt-in text banners across the top
/// or bottom, saturated glare blobs, and strongly saturated annotation marks (a clinician's red circle).
/// The analysed area is what remains.
enum FieldMaskDetector {
    struct Result {
        var mask: ByteMask
        var apertureExcluded: Int
        var bannerRows: Int
        var glareExcluded: Int
    }

    static func detect(_ planes: ColorPlanes, micronsPerPixel: Double) -> Result {
        let w = planes.luminance.width, h = planes.luminance.height
        var mask = ByteMask(width: w, height: h, repeating: 1)
        guard w > 0 && h > 0 else { return Result(mask: mask, apertureExcluded: 0, bannerRows: 0, glareExcluded: 0) }

        // Banners first: full-width rows at the top or bottom dominated by flat black or white.
        let (topRows, bottomRows) = bannerRows(planes.luminance)
        for y in 0..<topRows { for x in 0..<w { mask.bits[y * w + x] = 0 } }
        for y in (h - bottomRows)..<h where bottomRows > 0 { for x in 0..<w { mask.bits[y * w + x] = 0 } }

        let aperture = apertureMask(planes.luminance)
        var apertureCount = 0
        for i in 0..<(w * h) where aperture[i] != 0 && mask.bits[i] != 0 {
            mask.bits[i] = 0
            apertureCount += 1
        }

        let glare = glareAndMarks(planes, micronsPerPixel: micronsPerPixel)
        var glareCount = 0
        for i in 0..<(w * h) where glare[i] != 0 && mask.bits[i] != 0 {
            mask.bits[i] = 0
            glareCount += 1
        }
        return Result(mask: mask, apertureExcluded: apertureCount, bannerRows: topRows + bottomRows, glareExcluded: glareCount)
    }

    // MARK: Banners

    /// Rows whose pixels are mostly near-black or near-white (a banner's background and its text both are),
    /// counted contiguously from the top and from the bottom edge.
    static func bannerRows(_ lum: FloatPlane) -> (top: Int, bottom: Int) {
        let w = lum.width, h = lum.height
        var isBanner = [Bool](repeating: false, count: h)
        lum.samples.withUnsafeBufferPointer { l in
            for y in 0..<h {
                let row = y &* w
                var extreme = 0
                var dark = 0
                for x in 0..<w {
                    let v = l[row &+ x]
                    if v < 40 { extreme &+= 1; dark &+= 1 } else if v > 235 { extreme &+= 1 }
                    _ = dark
                }
                isBanner[y] = Double(extreme) > 0.85 * Double(w)
            }
        }
        // A row of banner inside the aperture's dark top is still excluded by the aperture detector; here we
        // only need the contiguous run that starts at the edge, tolerating a couple of anti-aliased rows.
        func run(_ ys: [Int]) -> Int {
            var last = -1, misses = 0
            for (k, y) in ys.enumerated() {
                if isBanner[y] { last = k; misses = 0 } else {
                    misses += 1
                    if misses > 2 { break }
                }
            }
            return last + 1
        }
        let top = run(Array(0..<h))
        let bottom = run(Array((0..<h).reversed()))
        // A frame that is all banner (or all black) leaves nothing; keep it whole and let the aperture say so.
        if top + bottom >= h { return (0, 0) }
        return (top, bottom)
    }

    // MARK: Aperture

    /// Dark regions that touch the frame and are too wide to be a hair: the black outside of a circular
    /// field of view. Hairs, even black ones, are thinner than `radius`, so an opening of the dark mask
    /// keeps the aperture and drops hairs that run into it.
    static func apertureMask(_ lum: FloatPlane) -> [UInt8] {
        let w = lum.width, h = lum.height
        let block = 4
        let bw = (w + block - 1) / block, bh = (h + block - 1) / block
        // Block means on a 4× smaller grid keep this cheap.
        var sums = [Float](repeating: 0, count: bw * bh)
        var counts = [Float](repeating: 0, count: bw * bh)
        lum.samples.withUnsafeBufferPointer { l in
            for y in 0..<h {
                let by = y / block
                let row = y &* w
                for x in 0..<w {
                    let i = by &* bw &+ x / block
                    sums[i] += l[row &+ x]
                    counts[i] += 1
                }
            }
        }
        var dark = [Bool](repeating: false, count: bw * bh)
        for i in 0..<(bw * bh) { dark[i] = sums[i] / max(counts[i], 1) < 30 }
        // Opening radius in blocks: wider than the widest hair shaft (~150 µm at 2.5 µm/px ≈ 60 px).
        let radiusBlocks = Float(max(6, min(bw, bh) / 40))
        let inside = DistanceTransform.squaredDistance(width: bw, height: bh) { !dark[$0] }
        let r2 = radiusBlocks * radiusBlocks
        let cores = DistanceTransform.squaredDistance(width: bw, height: bh) { inside[$0] > r2 }
        var opened = [Bool](repeating: false, count: bw * bh)
        for i in 0..<(bw * bh) { opened[i] = cores[i] <= r2 && dark[i] }
        // Keep only opened regions that touch the frame.
        var keep = [Bool](repeating: false, count: bw * bh)
        var stack: [Int] = []
        for x in 0..<bw { stack.append(x); stack.append((bh - 1) * bw + x) }
        for y in 0..<bh { stack.append(y * bw); stack.append(y * bw + bw - 1) }
        while let i = stack.popLast() {
            if !opened[i] || keep[i] { continue }
            keep[i] = true
            let x = i % bw, y = i / bw
            if x > 0 { stack.append(i - 1) }
            if x < bw - 1 { stack.append(i + 1) }
            if y > 0 { stack.append(i - bw) }
            if y < bh - 1 { stack.append(i + bw) }
        }
        // Grow by a margin: the aperture's edge is blurred and vignetted.
        let grown = DistanceTransform.squaredDistance(width: bw, height: bh) { keep[$0] }
        let margin: Float = 2.5
        var out = [UInt8](repeating: 0, count: w * h)
        var any = false
        for i in 0..<(bw * bh) where grown[i] <= margin * margin { any = true; _ = i; break }
        guard any else { return out }
        for y in 0..<h {
            let row = (y / block) * bw
            for x in 0..<w where grown[row + x / block] <= margin * margin {
                out[y * w + x] = 1
            }
        }
        // Refine at full resolution: inside the grown margin, pixels that are not dark belong to the field.
        lum.samples.withUnsafeBufferPointer { l in
            for i in 0..<(w * h) where out[i] != 0 {
                let bi = (i / w / block) * bw + (i % w) / block
                if !keep[bi] && l[i] > 60 { out[i] = 0 }
            }
        }
        return out
    }

    // MARK: Glare and annotation marks

    /// Saturated glare blobs larger than a speck, and strongly saturated marks drawn on the image.
    static func glareAndMarks(_ planes: ColorPlanes, micronsPerPixel: Double) -> [UInt8] {
        let w = planes.luminance.width, h = planes.luminance.height, n = w * h
        var hit = [UInt8](repeating: 0, count: n)
        planes.maximum.samples.withUnsafeBufferPointer { mx in
            planes.saturation.samples.withUnsafeBufferPointer { sat in
                planes.redMinusBlue.samples.withUnsafeBufferPointer { _ in
                    for i in 0..<n {
                        if mx[i] >= 250 { hit[i] = 1 }                 // clipped highlight
                        else if planes.isColor && sat[i] > 150 { hit[i] = 2 }  // ink, not skin or hair
                    }
                }
            }
        }
        // Keep glare components larger than a specular speck (≈ (60 µm)²); marks of any size.
        let minGlarePixels = max(12, Int((60.0 / micronsPerPixel) * (60.0 / micronsPerPixel)))
        var out = [UInt8](repeating: 0, count: n)
        var seen = [Bool](repeating: false, count: n)
        var stack: [Int] = [], component: [Int] = []
        for start in 0..<n where hit[start] != 0 && !seen[start] {
            component.removeAll(keepingCapacity: true)
            stack.append(start); seen[start] = true
            var isMark = false
            while let i = stack.popLast() {
                component.append(i)
                if hit[i] == 2 { isMark = true }
                let x = i % w, y = i / w
                for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                    let xx = x + dx, yy = y + dy
                    guard xx >= 0, yy >= 0, xx < w, yy < h else { continue }
                    let j = yy * w + xx
                    if hit[j] != 0 && !seen[j] { seen[j] = true; stack.append(j) }
                }
            }
            if isMark || component.count >= minGlarePixels {
                for i in component { out[i] = 1 }
            }
        }
        // Grow by a couple of pixels: the halo around glare is unreliable too.
        let grown = DistanceTransform.squaredDistance(width: w, height: h) { out[$0] != 0 }
        for i in 0..<n where grown[i] <= 6.25 { out[i] = 1 }
        return out
    }
}
