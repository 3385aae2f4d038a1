/// Paints measured hairs as shafts of their measured width: the hair mask handed to QA and overlays.
enum HairMaskPainter {
    static func paint(_ hairs: [Hair], width w: Int, height h: Int) -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: w * h)
        mask.withUnsafeMutableBufferPointer { m in
            for hair in hairs {
                let r = max(0.5, hair.diameterPixels / 2)
                let pts = hair.centerline
                guard pts.count > 1 else { continue }
                for i in 1..<pts.count {
                    let a = pts[i - 1], b = pts[i]
                    let x0 = max(0, Int((min(a.x, b.x) - r - 1).rounded(.down)))
                    let x1 = min(w - 1, Int((max(a.x, b.x) + r + 1).rounded(.up)))
                    let y0 = max(0, Int((min(a.y, b.y) - r - 1).rounded(.down)))
                    let y1 = min(h - 1, Int((max(a.y, b.y) + r + 1).rounded(.up)))
                    guard x0 <= x1, y0 <= y1 else { continue }
                    let dx = b.x - a.x, dy = b.y - a.y
                    let len2 = max(dx * dx + dy * dy, 1e-12)
                    for y in y0...y1 {
                        let py = Double(y) + 0.5
                        for x in x0...x1 where m[y &* w &+ x] == 0 {  // set already: nothing to decide
                            let px = Double(x) + 0.5
                            let t = min(1, max(0, ((px - a.x) * dx + (py - a.y) * dy) / len2))
                            let ex = a.x + t * dx - px, ey = a.y + t * dy - py
                            if ex * ex + ey * ey <= r * r { m[y &* w &+ x] = 1 }
                        }
                    }
                }
            }
        }
        return mask
    }
}
