/// Dilation of a mask by discs of small radii: a pixel is set when some set pixel lies within the radius,
/// the same predicate as thresholding the exact squared distance transform (`DistanceTransform`), but only
/// distances up to the radius are ever worked out. Columns give each pixel its vertical distance to the
/// nearest set pixel, capped just past the radius; along each row, every column within reach then offers
/// dx² + dy² to its neighbours within the radius. The cost follows the pixels near the mask, not the image:
/// rows with nothing in reach are skipped, and the whole-image envelope of parabolas is not needed.
enum DiscDilation {
    /// Larger radii go through the distance transform: the rows' scatter costs (2r + 1) per pixel near the mask.
    static let largestDirectRadius = 24

    /// The mask dilated by each radius (pixels whose squared distance to a set pixel is at most r², in
    /// `Float`, as the distance transform's comparison reads).
    static func dilated(_ mask: ByteMask, radii: [Float]) -> [ByteMask] {
        let w = mask.width, h = mask.height
        let widest = radii.map(abs).max() ?? 0
        guard w > 0, h > 0, !radii.isEmpty else { return radii.map { _ in ByteMask(width: w, height: h) } }
        guard widest.isFinite, Int(widest) <= largestDirectRadius else { return viaDistanceTransform(mask, radii: radii) }
        let reach = Int(widest)
        // Vertical distance to the nearest set pixel of the column, or `far` (no set pixel within reach).
        let far = UInt8(reach &+ 1)
        var vertical = [UInt8](repeating: far, count: w &* h)
        var outs = radii.map { _ in ByteMask(width: w, height: h) }
        let limits = radii.map { $0 * $0 }
        mask.bits.withUnsafeBufferPointer { m in
            vertical.withUnsafeMutableBufferPointer { v in
                for x in 0..<w where m[x] != 0 { v[x] = 0 }
                for y in 1..<h {
                    let row = y &* w
                    for x in 0..<w {
                        let above = v[row &- w &+ x]
                        v[row &+ x] = m[row &+ x] != 0 ? 0 : (above < far ? above &+ 1 : far)
                    }
                }
                var y = h &- 2
                while y >= 0 {
                    let row = y &* w
                    for x in 0..<w {
                        let below = v[row &+ w &+ x]
                        if below &+ 1 < v[row &+ x] { v[row &+ x] = below &+ 1 }
                    }
                    y &-= 1
                }
            }
        }
        // Squared distance of one row's pixels, exact up to reach² (larger values stand for "out of reach").
        let outOfReach = Int32.max
        var nearest = [Int32](repeating: outOfReach, count: w)
        vertical.withUnsafeBufferPointer { v in
            nearest.withUnsafeMutableBufferPointer { d in
                for y in 0..<h {
                    let row = y &* w
                    var lo = w, hi = -1
                    for c in 0..<w {
                        let dy = v[row &+ c]
                        guard dy < far else { continue }
                        let base = Int32(dy) &* Int32(dy)
                        let x0 = max(0, c &- reach), x1 = min(w &- 1, c &+ reach)
                        if x0 < lo { lo = x0 }
                        if x1 > hi { hi = x1 }
                        for x in x0...x1 {
                            let dx = Int32(x &- c)
                            let s = dx &* dx &+ base
                            if s < d[x] { d[x] = s }
                        }
                    }
                    guard hi >= lo else { continue }
                    for k in 0..<outs.count {
                        let limit = limits[k]
                        outs[k].bits.withUnsafeMutableBufferPointer { o in
                            for x in lo...hi where d[x] != outOfReach && Float(d[x]) <= limit { o[row &+ x] = 1 }
                        }
                    }
                    for x in lo...hi { d[x] = outOfReach }
                }
            }
        }
        return outs
    }

    /// The same masks through the full distance transform (radii too large for the direct scatter).
    static func viaDistanceTransform(_ mask: ByteMask, radii: [Float]) -> [ByteMask] {
        let d = DistanceTransform.squaredDistance(width: mask.width, height: mask.height) { mask.bits[$0] != 0 }
        return radii.map { radius in
            var out = ByteMask(width: mask.width, height: mask.height)
            let r2 = radius * radius
            d.withUnsafeBufferPointer { db in
                out.bits.withUnsafeMutableBufferPointer { o in
                    for i in 0..<db.count where db[i] <= r2 { o[i] = 1 }
                }
            }
            return out
        }
    }
}
