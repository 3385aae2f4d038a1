/// Stage 4a: thins a shaft mask to one-pixel-wide centerlines (Zhang & Suen 1984).
///
/// Each pass tests only pixels whose neighbourhood changed (see `thin`), so the cost follows the pixels
/// removed, not the image's area or the mask's area times the number of passes.
enum Skeletonizer {
    /// The number of set neighbours of pixel `i`, and how many separate 8-connected groups they form
    /// (Yokoi's connectivity number): 1 means the pixel can go without splitting anything, ≥ 3 a fork.
    @inline(__always)
    static func neighbourhood(_ img: [UInt8], _ i: Int, _ w: Int) -> (count: Int, components: Int) {
        // Ring from east, counter-clockwise: E, NE, N, NW, W, SW, S, SE (read into registers, not an array:
        // this runs for every skeleton pixel).
        let x0 = img[i + 1] != 0, x1 = img[i - w + 1] != 0, x2 = img[i - w] != 0, x3 = img[i - w - 1] != 0
        let x4 = img[i - 1] != 0, x5 = img[i + w - 1] != 0, x6 = img[i + w] != 0, x7 = img[i + w + 1] != 0
        @inline(__always) func one(_ v: Bool) -> Int { v ? 1 : 0 }
        let count = one(x0) + one(x1) + one(x2) + one(x3) + one(x4) + one(x5) + one(x6) + one(x7)
        @inline(__always) func group(_ a: Bool, _ b: Bool, _ c: Bool) -> Int {
            // a − a·b·c on "is background" flags.
            let a = a ? 0 : 1, b = b ? 0 : 1, c = c ? 0 : 1
            return a - a * b * c
        }
        let components = group(x0, x1, x2) + group(x2, x3, x4) + group(x4, x5, x6) + group(x6, x7, x0)
        return (count, components)
    }

    /// Zhang–Suen's removal test for each 8-neighbourhood, sub-iteration 0 then 1 (256 entries each). The
    /// neighbourhood code is `up | p8 << 3 | p4 << 4 | down << 5`, where `up` holds p9, p2, p3 and `down`
    /// p7, p6, p5 in bits 0–2 (west to east), as `thin` reads them from its bitmap.
    private static let removable: [Bool] = {
        var table = [Bool](repeating: false, count: 512)
        for pass in 0..<2 {
            for code in 0..<256 {
                let p9 = code & 1, p2 = code >> 1 & 1, p3 = code >> 2 & 1, p8 = code >> 3 & 1, p4 = code >> 4 & 1
                let p7 = code >> 5 & 1, p6 = code >> 6 & 1, p5 = code >> 7 & 1
                let b = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9
                guard b >= 2 && b <= 6 else { continue }
                let ring = [p2, p3, p4, p5, p6, p7, p8, p9, p2]
                let a = (0..<8).filter { ring[$0] == 0 && ring[$0 + 1] != 0 }.count
                guard a == 1 else { continue }
                if pass == 0 {
                    if p2 != 0 && p4 != 0 && p6 != 0 { continue }
                    if p4 != 0 && p6 != 0 && p8 != 0 { continue }
                } else {
                    if p2 != 0 && p4 != 0 && p8 != 0 { continue }
                    if p2 != 0 && p6 != 0 && p8 != 0 { continue }
                }
                table[pass * 256 + code] = true
            }
        }
        return table
    }()

    static func thin(_ mask: ByteMask) -> ByteMask {
        let w = mask.width, h = mask.height, n = w * h
        guard w > 0 && h > 0 else { return mask }
        // Zhang–Suen with worklists: a pixel's test depends only on its 8 neighbours, so a pixel that failed a
        // sub-iteration's test fails it again until a neighbour is removed, and a pixel with no background
        // neighbour always fails (b = 8). Each sub-iteration therefore tests only the pixels queued for it:
        // at first every foreground pixel touching the background, later the neighbours of removed pixels.
        // It removes the same pixels as a scan of the whole mask, and the cost follows the pixels removed,
        // not the mask's area times the number of passes (the thickest shaft's half-width).
        // State in three bitmaps (foreground, queued for sub-iteration 0, queued for 1): each pass touches
        // pixels all over the image, and at a byte per pixel a 24 MP mask (24 MB) no longer stayed in cache
        // from one pass to the next (the thinning took 12× its 5 MP time); at a bit per pixel it does.
        // Rows are padded so that two bytes can be read from any pixel's west neighbour on.
        let stride = (w &+ 7) / 8 &+ 2
        var fg = [UInt8](repeating: 0, count: stride &* h)
        var queued0 = fg, queued1 = fg
        // Queue entries are y << 32 | x: no division to find a pixel's row.
        var pending0: [Int] = [], pending1: [Int] = [], current: [Int] = []
        var remove: [Int] = []
        mask.bits.withUnsafeBufferPointer { m in
            fg.withUnsafeMutableBufferPointer { f in
                // A one-pixel frame of background keeps neighbour reads in bounds. Masks are mostly background:
                // eight mask bytes at a time are skipped when all zero.
                for y in 1..<max(1, h &- 1) {
                    let row = y &* w, brow = y &* stride
                    var x = 1
                    while x < w &- 1 {
                        if x &+ 8 <= w &- 1 && UnsafeRawPointer(m.baseAddress! + (row &+ x)).loadUnaligned(as: UInt64.self) == 0 {
                            x &+= 8; continue
                        }
                        if m[row &+ x] != 0 { f[brow &+ x >> 3] |= 1 << UInt8(x & 7) }
                        x &+= 1
                    }
                }
            }
        }
        fg.withUnsafeBufferPointer { f in
            queued0.withUnsafeMutableBufferPointer { q0 in
                // Every foreground pixel with a background neighbour (the frame included), in raster order.
                for y in 1..<max(1, h &- 1) {
                    let brow = y &* stride
                    for xb in 0..<((w &+ 7) / 8) {
                        var v = f[brow &+ xb]
                        while v != 0 {
                            let x = xb &* 8 &+ v.trailingZeroBitCount
                            v &= v &- 1
                            @inline(__always) func three(_ row: Int) -> Int {
                                let o = row &+ (x &- 1) >> 3
                                return (Int(f[o]) | Int(f[o &+ 1]) << 8) >> ((x &- 1) & 7) & 7
                            }
                            if three(brow &- stride) & three(brow &+ stride) != 7 || three(brow) != 7 {
                                q0[brow &+ x >> 3] |= 1 << UInt8(x & 7)
                                pending0.append(y << 32 | x)
                            }
                        }
                    }
                }
            }
        }
        queued1 = queued0
        pending1 = pending0
        let table = removable
        var changed = true
        while changed {
            changed = false
            for pass in 0..<2 {
                remove.removeAll(keepingCapacity: true)
                if pass == 0 { swap(&current, &pending0) } else { swap(&current, &pending1) }
                func test(_ queued: inout [UInt8]) {
                    fg.withUnsafeBufferPointer { f in
                        queued.withUnsafeMutableBufferPointer { q in
                            table.withUnsafeBufferPointer { t in
                                let lut = t.baseAddress! + pass &* 256
                                for e in current {
                                    let y = e >> 32, x = e & 0xFFFF_FFFF
                                    let byte = y &* stride &+ x >> 3, bit = UInt8(1) << UInt8(x & 7)
                                    q[byte] &= ~bit
                                    guard f[byte] & bit != 0 else { continue }
                                    // Bits x − 1 … x + 1 of a row.
                                    @inline(__always) func three(_ row: Int) -> Int {
                                        let o = row &+ (x &- 1) >> 3
                                        return (Int(f[o]) | Int(f[o &+ 1]) << 8) >> ((x &- 1) & 7) & 7
                                    }
                                    let up = three((y &- 1) &* stride), mid = three(y &* stride), down = three((y &+ 1) &* stride)
                                    let code = up | (mid & 1) << 3 | (mid >> 2) << 4 | down << 5
                                    if lut[code] { remove.append(e) }
                                }
                            }
                        }
                    }
                }
                if pass == 0 { test(&queued0) } else { test(&queued1) }
                current.removeAll(keepingCapacity: true)
                if pass == 0 { swap(&current, &pending0) } else { swap(&current, &pending1) }
                guard !remove.isEmpty else { continue }
                changed = true
                fg.withUnsafeMutableBufferPointer { f in
                    queued0.withUnsafeMutableBufferPointer { q0 in
                        queued1.withUnsafeMutableBufferPointer { q1 in
                            for e in remove {
                                let y = e >> 32, x = e & 0xFFFF_FFFF
                                let byte = y &* stride &+ x >> 3, keep = ~(UInt8(1) << UInt8(x & 7))
                                f[byte] &= keep; q0[byte] &= keep; q1[byte] &= keep
                            }
                            // Removal changes the neighbourhood of the pixels around: queue them for both tests.
                            @inline(__always) func requeue(_ y: Int, _ x: Int) {
                                let byte = y &* stride &+ x >> 3, bit = UInt8(1) << UInt8(x & 7)
                                guard f[byte] & bit != 0 else { return }
                                let in0 = q0[byte] & bit != 0, in1 = q1[byte] & bit != 0
                                guard !(in0 && in1) else { return }
                                if !in0 { pending0.append(y << 32 | x) }
                                if !in1 { pending1.append(y << 32 | x) }
                                q0[byte] |= bit; q1[byte] |= bit
                            }
                            for e in remove {
                                let y = e >> 32, x = e & 0xFFFF_FFFF
                                requeue(y &- 1, x &- 1); requeue(y &- 1, x); requeue(y &- 1, x &+ 1); requeue(y, x &- 1)
                                requeue(y, x &+ 1); requeue(y &+ 1, x &- 1); requeue(y &+ 1, x); requeue(y &+ 1, x &+ 1)
                            }
                        }
                    }
                }
            }
        }
        // What is left is a small fraction of the image: list it in raster order, a bitmap byte at a time.
        var img = [UInt8](repeating: 0, count: n)
        var active: [Int] = []
        fg.withUnsafeBufferPointer { f in
            img.withUnsafeMutableBufferPointer { p in
                for y in 0..<h {
                    let brow = y &* stride
                    for xb in 0..<((w &+ 7) / 8) {
                        var v = f[brow &+ xb]
                        while v != 0 {
                            let x = xb &* 8 &+ v.trailingZeroBitCount
                            let i = y &* w &+ x
                            p[i] = 1
                            active.append(i)
                            v &= v &- 1
                        }
                    }
                }
            }
        }
        // Zhang–Suen can leave 2×2 clumps where lines meet at an angle. A pixel with three or more neighbours
        // that all form one run can go without disconnecting anything; removing such pixels until none is left
        // makes the skeleton truly one pixel wide (pure tips, with at most two neighbours, stay).
        var clumpsRemoved = true
        while clumpsRemoved {
            clumpsRemoved = false
            for i in active where img[i] != 0 {
                let (count, components) = neighbourhood(img, i, w)
                if count >= 3 && components == 1 {
                    img[i] = 0
                    clumpsRemoved = true
                }
            }
            active = active.filter { img[$0] != 0 }
        }
        // Remove staircase corners (a pixel whose two neighbours are 4-adjacent to each other), so every
        // interior skeleton pixel has exactly two neighbours.
        for i in active where img[i] != 0 {
            let n = img[i - w] != 0, e = img[i + 1] != 0, s = img[i + w] != 0, wv = img[i - 1] != 0
            let corner = (n && e && img[i + w - 1] == 0 && !s && !wv && img[i + w + 1] == 0 && img[i - w - 1] == 0)
                || (e && s && !n && !wv && img[i - w - 1] == 0 && img[i - w + 1] == 0 && img[i + w - 1] == 0)
                || (s && wv && !n && !e && img[i - w + 1] == 0 && img[i - w - 1] == 0 && img[i + w + 1] == 0)
                || (wv && n && !s && !e && img[i + w + 1] == 0 && img[i + w - 1] == 0 && img[i - w + 1] == 0)
            if corner { img[i] = 0 }
        }
        return ByteMask(width: w, height: h, bits: img)
    }
}
