#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

        // The aperture first, then banners within what the aperture leaves.
        let aperture = apertureMask(planes.luminance, micronsPerPixel: micronsPerPixel)
        let (topRows, bottomRows) = bannerRows(planes.luminance, aperture: aperture)
        for y in 0..<topRows { for x in 0..<w { mask.bits[y * w + x] = 0 } }
        for y in (h - bottomRows)..<h where bottomRows > 0 { for x in 0..<w { mask.bits[y * w + x] = 0 } }
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

    /// Rows, counted from the top and from the bottom edge, whose pixels inside the field of view are mostly
    /// flat dark or flat bright: a burnt-in banner's background (its text is the minority of a row). Rows that
    /// are all aperture are passed over; a couple of anti-aliased rows are tolerated.
    static func bannerRows(_ lum: FloatPlane, aperture: [UInt8]) -> (top: Int, bottom: Int) {
        let w = lum.width, h = lum.height
        // 0 not banner, 1 banner, 2 nothing of the field in this row.
        var kind = [UInt8](repeating: 0, count: h)
        lum.samples.withUnsafeBufferPointer { l in
            for y in 0..<h {
                let row = y &* w
                var extreme = 0, inside = 0
                for x in 0..<w where aperture[row &+ x] == 0 {
                    inside &+= 1
                    let v = l[row &+ x]
                    if v < 60 || v > 235 { extreme &+= 1 }
                }
                if inside < max(8, w / 50) { kind[y] = 2 } else if Double(extreme) > 0.6 * Double(inside) { kind[y] = 1 }
            }
        }
        func run(_ ys: [Int]) -> Int {
            var last = -1, misses = 0, seen = false
            for (k, y) in ys.enumerated() {
                if kind[y] == 1 { last = k; misses = 0; seen = true }
                else if kind[y] == 2 && !seen { continue }
                else {
                    misses += 1
                    if misses > 2 { break }
                }
            }
            return seen ? last + 1 : 0
        }
        let top = run(Array(0..<h))
        let bottom = run(Array((0..<h).reversed()))
        if top + bottom >= h { return (0, 0) }
        return (top, bottom)
    }

    // MARK: Aperture

    /// Dark regions that touch the frame and are too wide to be a hair: the black outside of a circular
    /// field of view. Hairs, even black ones, are thinner than `radius`, so an opening of the dark mask
    /// keeps the aperture and drops hairs that run into it.
    static func apertureMask(_ lum: FloatPlane, micronsPerPixel: Double) -> [UInt8] {
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
        // Opening radius: more than half the widest hair shaft (~160 µm), so no hair survives the opening.
        let radiusBlocks = Float(max(2.0, (80.0 / micronsPerPixel + 4) / Double(block)))
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
        var out = [UInt8](repeating: 0, count: w * h)
        guard keep.contains(true) else { return out }

        // A dermatoscope's field is a circle: fit one to the aperture's inner boundary. Where hairs run into
        // the aperture, the opened mask bulges along them; those bulges are outliers to the circle, so the
        // fit keeps the hairs in the field.
        var boundary: [(Double, Double)] = []
        for by in 0..<bh {
            for bx in 0..<bw where keep[by * bw + bx] {
                var edge = false
                if bx > 0 && !keep[by * bw + bx - 1] { edge = true }
                if bx < bw - 1 && !keep[by * bw + bx + 1] { edge = true }
                if by > 0 && !keep[(by - 1) * bw + bx] { edge = true }
                if by < bh - 1 && !keep[(by + 1) * bw + bx] { edge = true }
                if edge { boundary.append(((Double(bx) + 0.5) * Double(block), (Double(by) + 0.5) * Double(block))) }
            }
        }
        if let circle = CircleFit.robust(boundary), circle.radius > 0.3 * Double(min(w, h)) {
            let inliers = boundary.filter { abs(circle.distance($0.0, $0.1) - circle.radius) <= 2.5 * Double(block) }.count
            if Double(inliers) >= 0.7 * Double(boundary.count)
                && abs(circle.cx - 0.5 * Double(w)) < 0.35 * Double(w) && abs(circle.cy - 0.5 * Double(h)) < 0.35 * Double(h)
                && outsideIsMostlyDark(lum, circle: circle) {
                // The aperture's edge pixels are blurred; the dark side's half-block offset of the block
                // centres is taken back by measuring the edge at full resolution along each ray below.
                let r = refinedRadius(lum, circle: circle, block: block)
                for y in 0..<h {
                    let dy = Double(y) + 0.5 - circle.cy
                    for x in 0..<w {
                        let dx = Double(x) + 0.5 - circle.cx
                        if dx * dx + dy * dy > r * r { out[y * w + x] = 1 }
                    }
                }
                return out
            }
        }

        // Not a circle: exclude the opened dark regions, grown by a margin for the blurred edge, then give
        // back the bright pixels of partly dark blocks.
        let grown = DistanceTransform.squaredDistance(width: bw, height: bh) { keep[$0] }
        let margin: Float = 1.5
        for y in 0..<h {
            let row = (y / block) * bw
            for x in 0..<w where grown[row + x / block] <= margin * margin {
                out[y * w + x] = 1
            }
        }
        lum.samples.withUnsafeBufferPointer { l in
            for i in 0..<(w * h) where out[i] != 0 {
                let bi = (i / w / block) * bw + (i % w) / block
                if !keep[bi] && l[i] > 60 { out[i] = 0 }
            }
        }
        return out
    }

    /// A dermatoscope's aperture is black all round: most pixels outside a candidate circle must be dark,
    /// or the "circle" is the edge of a clump of black hairs, not the field of view.
    static func outsideIsMostlyDark(_ lum: FloatPlane, circle: CircleFit.Circle) -> Bool {
        let w = lum.width, h = lum.height
        var outside = 0, dark = 0
        lum.samples.withUnsafeBufferPointer { l in
            for y in stride(from: 0, to: h, by: 3) {
                let dy = Double(y) + 0.5 - circle.cy
                for x in stride(from: 0, to: w, by: 3) {
                    let dx = Double(x) + 0.5 - circle.cx
                    guard dx * dx + dy * dy > (circle.radius + 4) * (circle.radius + 4) else { continue }
                    outside += 1
                    if l[y * w + x] < 40 { dark += 1 }
                }
            }
        }
        return outside > 0 && Double(dark) >= 0.8 * Double(outside)
    }

    /// The field's radius measured at full resolution: along rays from the centre, where the brightness
    /// first falls below half of the field's level near the edge; the median over rays, less a pixel and a
    /// half for the blurred edge.
    static func refinedRadius(_ lum: FloatPlane, circle: CircleFit.Circle, block: Int) -> Double {
        var radii: [Double] = []
        let w = lum.width, h = lum.height
        lum.samples.withUnsafeBufferPointer { l in
            for k in 0..<180 {
                let a = Double(k) * 2 * Double.pi / 180
                let ux = cos(a), uy = sin(a)
                let r0 = circle.radius - 3 * Double(block), r1 = circle.radius + 3 * Double(block)
                func value(_ r: Double) -> Float? {
                    let x = Int(circle.cx + ux * r), y = Int(circle.cy + uy * r)
                    guard x >= 0, y >= 0, x < w, y < h else { return nil }
                    return l[y * w + x]
                }
                guard let inside = value(r0), inside > 60 else { continue }
                var r = r0
                while r <= r1 {
                    guard let v = value(r) else { break }
                    if v < 0.5 * inside {
                        radii.append(r)
                        break
                    }
                    r += 0.5
                }
            }
        }
        guard radii.count >= 12 else { return circle.radius }
        return Statistics.median(radii) - 1.5
    }

    // MARK: Glare and annotation marks

    /// Saturated glare blobs larger than a speck, and strongly saturated marks drawn on the image.
    static func glareAndMarks(_ planes: ColorPlanes, micronsPerPixel: Double) -> [UInt8] {
        let w = planes.luminance.width, h = planes.luminance.height, n = w * h
        var hit = [UInt8](repeating: 0, count: n)
        planes.maximum.samples.withUnsafeBufferPointer { mx in
            planes.luminance.samples.withUnsafeBufferPointer { lum in
            planes.saturation.samples.withUnsafeBufferPointer { sat in
                for i in 0..<n {
                    // A clipped highlight that is also near white: specular glare. Skin exposed until its red
                    // channel clips is not glare (its green and blue are well below), and stays in the field.
                    if mx[i] >= 250 && lum[i] >= 235 { hit[i] = 1 }
                    else if planes.isColor && sat[i] > 150 { hit[i] = 2 }   // ink, not skin or hair
                }
            }
            }
        }
        // Keep glare components larger than a specular speck (≈ (60 µm)²); marks of any size.
        let minGlarePixels = max(12, Int((60.0 / micronsPerPixel) * (60.0 / micronsPerPixel)))
        var out = [UInt8](repeating: 0, count: n)
        var seen = [UInt8](repeating: 0, count: n)
        var stack: [Int] = [], component: [Int] = []
        var anyKept = false
        hit.withUnsafeBufferPointer { hb in
            seen.withUnsafeMutableBufferPointer { sn in
                out.withUnsafeMutableBufferPointer { o in
                    for start in 0..<n where hb[start] != 0 && sn[start] == 0 {
                        component.removeAll(keepingCapacity: true)
                        stack.append(start); sn[start] = 1
                        var isMark = false
                        var minX = w, maxX = 0, minY = h, maxY = 0
                        while let i = stack.popLast() {
                            component.append(i)
                            if hb[i] == 2 { isMark = true }
                            let y = i / w, x = i &- y &* w
                            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                            if x > 0 && hb[i &- 1] != 0 && sn[i &- 1] == 0 { sn[i &- 1] = 1; stack.append(i &- 1) }
                            if x < w &- 1 && hb[i &+ 1] != 0 && sn[i &+ 1] == 0 { sn[i &+ 1] = 1; stack.append(i &+ 1) }
                            if y > 0 && hb[i &- w] != 0 && sn[i &- w] == 0 { sn[i &- w] = 1; stack.append(i &- w) }
                            if y < h &- 1 && hb[i &+ w] != 0 && sn[i &+ w] == 0 { sn[i &+ w] = 1; stack.append(i &+ w) }
                        }
                        // Glare is a roundish blob; a long thin saturated streak is the core of a white hair.
                        let extent = Double(max(maxX - minX, maxY - minY) + 1)
                        let elongated = Double(component.count) < 0.2 * extent * extent
                        if isMark || (component.count >= minGlarePixels && !elongated) {
                            for i in component { o[i] = 1 }
                            anyKept = true
                        }
                    }
                }
            }
        }
        // Grow by a couple of pixels: the halo around glare is unreliable too. (Nothing kept: nothing to grow,
        // and the distance transform would be all infinity.)
        guard anyKept else { return out }
        let grown = DistanceTransform.squaredDistance(width: w, height: h) { out[$0] != 0 }
        for i in 0..<n where grown[i] <= 6.25 { out[i] = 1 }
        return out
    }
}
