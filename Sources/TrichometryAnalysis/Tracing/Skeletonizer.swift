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

    static func thin(_ mask: ByteMask) -> ByteMask {
        let w = mask.width, h = mask.height, n = w * h
        var img = mask.bits
        guard w > 0 && h > 0 else { return mask }
        // Zhang–Suen with worklists: a pixel's test depends only on its 8 neighbours, so a pixel that failed a
        // sub-iteration's test fails it again until a neighbour is removed, and a pixel with no background
        // neighbour always fails (b = 8). Each sub-iteration therefore tests only the pixels queued for it:
        // at first every foreground pixel touching the background, later the neighbours of removed pixels.
        // It removes the same pixels as a scan of the whole mask, and the cost follows the pixels removed,
        // not the mask's area times the number of passes (the thickest shaft's half-width).
        // Work bytes: bit 0 foreground (a mask is 0/1), bits 1 and 2 queued for sub-iteration 0 and 1. One
        // array, not two, halves the cache lines a removal touches: at 24 MP the image no longer fits in cache.
        let foreground: UInt8 = 1, queuedBoth: UInt8 = 6
        var pending0: [Int] = [], pending1: [Int] = [], current: [Int] = []
        var remove: [Int] = []
        img.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { p[i] = p[i] != 0 ? foreground : 0 }
            // A one-pixel frame of background keeps neighbour reads in bounds.
            for x in 0..<w { p[x] = 0; p[(h &- 1) &* w &+ x] = 0 }
            for y in 0..<h { p[y &* w] = 0; p[y &* w &+ w &- 1] = 0 }
            for y in 1..<max(1, h &- 1) {
                let row = y &* w
                for x in 1..<max(1, w &- 1) {
                    let i = row &+ x
                    guard p[i] != 0 else { continue }
                    if p[i &- w] == 0 || p[i &- w &+ 1] == 0 || p[i &+ 1] == 0 || p[i &+ w &+ 1] == 0
                        || p[i &+ w] == 0 || p[i &+ w &- 1] == 0 || p[i &- 1] == 0 || p[i &- w &- 1] == 0 {
                        p[i] |= queuedBoth
                        pending0.append(i)
                    }
                }
            }
        }
        pending1 = pending0
        var changed = true
        while changed {
            changed = false
            for pass in 0..<2 {
                remove.removeAll(keepingCapacity: true)
                if pass == 0 { swap(&current, &pending0) } else { swap(&current, &pending1) }
                img.withUnsafeMutableBufferPointer { p in
                    let bit: UInt8 = pass == 0 ? 2 : 4
                    for i in current {
                        p[i] &= ~bit
                        guard p[i] & foreground != 0 else { continue }
                        let p2 = p[i &- w] & 1, p3 = p[i &- w &+ 1] & 1, p4 = p[i &+ 1] & 1, p5 = p[i &+ w &+ 1] & 1
                        let p6 = p[i &+ w] & 1, p7 = p[i &+ w &- 1] & 1, p8 = p[i &- 1] & 1, p9 = p[i &- w &- 1] & 1
                        let b = Int(p2) + Int(p3) + Int(p4) + Int(p5) + Int(p6) + Int(p7) + Int(p8) + Int(p9)
                        guard b >= 2 && b <= 6 else { continue }
                        var a = 0
                        if p2 == 0 && p3 != 0 { a += 1 }
                        if p3 == 0 && p4 != 0 { a += 1 }
                        if p4 == 0 && p5 != 0 { a += 1 }
                        if p5 == 0 && p6 != 0 { a += 1 }
                        if p6 == 0 && p7 != 0 { a += 1 }
                        if p7 == 0 && p8 != 0 { a += 1 }
                        if p8 == 0 && p9 != 0 { a += 1 }
                        if p9 == 0 && p2 != 0 { a += 1 }
                        guard a == 1 else { continue }
                        if pass == 0 {
                            if p2 != 0 && p4 != 0 && p6 != 0 { continue }
                            if p4 != 0 && p6 != 0 && p8 != 0 { continue }
                        } else {
                            if p2 != 0 && p4 != 0 && p8 != 0 { continue }
                            if p2 != 0 && p6 != 0 && p8 != 0 { continue }
                        }
                        remove.append(i)
                    }
                }
                current.removeAll(keepingCapacity: true)
                if pass == 0 { swap(&current, &pending0) } else { swap(&current, &pending1) }
                guard !remove.isEmpty else { continue }
                changed = true
                img.withUnsafeMutableBufferPointer { p in
                    for i in remove { p[i] = 0 }
                    // Removal changes the neighbourhood of the pixels around: queue them for both tests.
                    @inline(__always) func requeue(_ j: Int) {
                        let v = p[j]
                        guard v & foreground != 0 && v & queuedBoth != queuedBoth else { return }
                        if v & 2 == 0 { pending0.append(j) }
                        if v & 4 == 0 { pending1.append(j) }
                        p[j] = v | queuedBoth
                    }
                    for i in remove {
                        requeue(i &- w &- 1); requeue(i &- w); requeue(i &- w &+ 1); requeue(i &- 1)
                        requeue(i &+ 1); requeue(i &+ w &- 1); requeue(i &+ w); requeue(i &+ w &+ 1)
                    }
                }
            }
        }
        var active: [Int] = []
        img.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { p[i] &= foreground }
            // Eight bytes at a time: what is left is a small fraction of the image.
            var i = 0
            while i &+ 8 <= n {
                if UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self) != 0 {
                    for j in i..<(i &+ 8) where p[j] != 0 { active.append(j) }
                }
                i &+= 8
            }
            for j in i..<n where p[j] != 0 { active.append(j) }
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
        var out = ByteMask(width: w, height: h)
        out.bits = img
        return out
    }
}
