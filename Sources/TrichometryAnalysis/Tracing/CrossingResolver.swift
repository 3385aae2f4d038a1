/// Stage 4c: from skeleton graph to one centerline per hair.
///
/// 1. Junction nodes joined by a chain shorter than the shafts are wide are merged: an X crossing of two
///    wide hairs thins to two Y junctions a short segment apart.
/// 2. At each merged junction the branches are paired by direction continuity — greedily, most collinear
///    first, up to `maxBendDegrees` — so two crossing hairs stay two hairs and an X is not four.
/// 3. Chains are walked through the pairings into paths; a path is split where it turns sharply (a V of
///    two hairs leaving one opening).
enum CrossingResolver {
    struct Settings {
        var maxBendDegrees: Double = 40
        var cornerDegrees: Double = 55
    }

    static func resolve(_ graph: SkeletonGraph, radius: [Float], polarity: ShaftPolarity,
                        settings: Settings = Settings(), contrast: PieceContrast? = nil) -> [ShaftPath] {
        let w = graph.width
        let nodeCount = graph.nodeCount
        func pixelPoint(_ p: Int) -> PixelPoint { PixelPoint(x: Double(p % w) + 0.5, y: Double(p / w) + 0.5) }
        func nodeRadius(_ n: Int) -> Double {
            graph.nodePixels[n].map { Double(radius[$0]) }.max() ?? 1
        }

        // An edge's pixels from the end `end` outward, where to start past the junction's distorted core
        // (`skip` pixels), and how far to look beyond that.
        func branch(_ end: Int, skip: Double) -> (pixels: [Int], start: Int, span: Int) {
            let e = graph.edges[end / 2]
            let px = end % 2 == 0 ? e.pixels : e.pixels.reversed()
            return (px, min(px.count - 1, Int(skip.rounded())), max(6, Int((3 * skip).rounded())))
        }

        // Outward direction of an edge end, measured away from the junction's distorted core.
        func outwardDirection(_ end: Int, skip: Double) -> (Double, Double) {
            let (px, s, span) = branch(end, skip: skip)
            let t = min(px.count - 1, s + span)
            var a = pixelPoint(px[s]), b = pixelPoint(px[t])
            if t == s { a = pixelPoint(px[0]); b = pixelPoint(px[px.count - 1]) }
            let dx = b.x - a.x, dy = b.y - a.y
            let len = (dx * dx + dy * dy).squareRoot()
            return len > 0 ? (dx / len, dy / len) : (0, 0)
        }

        // Half-width of a branch beyond the junction's core: the median of the mask's radius along it.
        func branchRadius(_ end: Int, skip: Double) -> Double {
            let (px, s, span) = branch(end, skip: skip)
            var values = px[s..<min(px.count, s + span)].map { Double(radius[$0]) }
            guard !values.isEmpty else { return 1 }
            values.sort()
            return values[values.count / 2]
        }

        // 1. Merge close junctions.
        var parent = Array(0..<nodeCount)
        func find(_ a: Int) -> Int {
            var a = a
            while parent[a] != a { parent[a] = parent[parent[a]]; a = parent[a] }
            return a
        }
        var internalEdge = [Bool](repeating: false, count: graph.edges.count)
        for (k, e) in graph.edges.enumerated() {
            let (a, b) = e.nodes
            guard graph.nodeIsJunction[a] && graph.nodeIsJunction[b] else { continue }
            let limit = max(4.0, 2.2 * max(nodeRadius(a), nodeRadius(b)))
            if Double(e.pixels.count) <= limit || a == b && Double(e.pixels.count) <= 2 * limit {
                internalEdge[k] = true
                parent[find(a)] = find(b)
            }
        }

        // Shallow crossings: two hairs crossing at a small angle overlap over a stretch several widths long,
        // which thins to two Y junctions joined by the shared chain. When both other branches at one junction
        // leave away from the chain, and both at the other leave away on the far side, the chain is the
        // overlap of an X and the two junctions are one crossing. (Two hairs leaving one opening fork once:
        // their shared stem ends in a tip, not in a second junction.)
        var endsAtNode = [[Int]](repeating: [], count: nodeCount)
        for (k, e) in graph.edges.enumerated() {
            endsAtNode[e.nodes.0].append(2 * k)
            endsAtNode[e.nodes.1].append(2 * k + 1)
        }
        let cosAway = cos(35.0 * .pi / 180)
        var overlaps: [Int] = []
        for (k, e) in graph.edges.enumerated() where !internalEdge[k] {
            let (a, b) = e.nodes
            guard a != b, graph.nodeIsJunction[a], graph.nodeIsJunction[b], find(a) != find(b),
                  endsAtNode[a].count == 3, endsAtNode[b].count == 3 else { continue }
            let r = max(nodeRadius(a), nodeRadius(b))
            guard Double(e.pixels.count) <= 12 * r + 8 else { continue }
            let ca = graph.nodeCentre(a), cb = graph.nodeCentre(b)
            let lx = cb.x - ca.x, ly = cb.y - ca.y
            let l = (lx * lx + ly * ly).squareRoot()
            guard l > 0 else { continue }
            let ux = lx / l, uy = ly / l
            // A straight overlap: no chain pixel far off the line between the junctions.
            guard e.pixels.allSatisfy({ abs((pixelPoint($0).x - ca.x) * uy - (pixelPoint($0).y - ca.y) * ux) <= max(2, r) })
            else { continue }
            let othersA = endsAtNode[a].filter { $0 / 2 != k }, othersB = endsAtNode[b].filter { $0 / 2 != k }
            guard othersA.count == 2, othersB.count == 2 else { continue }
            let skip = max(2, r)
            guard othersA.allSatisfy({ let d = outwardDirection($0, skip: skip); return -(d.0 * ux + d.1 * uy) >= cosAway }),
                  othersB.allSatisfy({ let d = outwardDirection($0, skip: skip); return d.0 * ux + d.1 * uy >= cosAway })
            else { continue }
            internalEdge[k] = true
            parent[find(a)] = find(b)
            overlaps.append(k)
        }
        // The whole overlap is a crossing for measurement, not only the junctions' centre.
        var overlapPoints: [Int: [PixelPoint]] = [:]
        for k in overlaps {
            let e = graph.edges[k]
            for i in stride(from: 0, to: e.pixels.count, by: 4) { overlapPoints[find(e.nodes.0), default: []].append(pixelPoint(e.pixels[i])) }
        }

        // Edge ends: 2k is edge k's first pixel end, 2k+1 its last.
        var endsAtCluster: [Int: [Int]] = [:]
        for (k, e) in graph.edges.enumerated() where !internalEdge[k] {
            endsAtCluster[find(e.nodes.0), default: []].append(2 * k)
            endsAtCluster[find(e.nodes.1), default: []].append(2 * k + 1)
        }
        var clusterCentre: [Int: PixelPoint] = [:]
        var clusterRadius: [Int: Double] = [:]
        for n in 0..<nodeCount where graph.nodeIsJunction[n] {
            let c = find(n)
            var sx = 0.0, sy = 0.0, cnt = 0.0, r = 0.0
            for m in 0..<nodeCount where find(m) == c {
                let p = graph.nodeCentre(m)
                let k = Double(graph.nodePixels[m].count)
                sx += p.x * k; sy += p.y * k; cnt += k
                r = max(r, nodeRadius(m))
            }
            clusterCentre[c] = PixelPoint(x: sx / cnt, y: sy / cnt)
            clusterRadius[c] = r
        }

        // 2. Pair branches at each junction cluster.
        var link = [Int](repeating: -1, count: 2 * graph.edges.count)
        var freeAtJunction = [Bool](repeating: false, count: 2 * graph.edges.count)
        var sharedStem: [Int: Int] = [:]
        var sharedStemEdges = Set<Int>()
        let cosFork = cos(30.0 * .pi / 180)
        let cosLimit = cos(settings.maxBendDegrees * .pi / 180)
        for (cluster, ends) in endsAtCluster {
            guard graph.nodeIsJunction[cluster] || ends.count > 1 else { continue }
            guard graph.nodeIsJunction[cluster] else { continue }
            let r = clusterRadius[cluster] ?? 1
            let dirs = ends.map { outwardDirection($0, skip: max(2, r)) }
            let widths = ends.map { branchRadius($0, skip: max(2, r)) }
            var candidates: [(Double, Int, Int)] = []
            for i in 0..<ends.count {
                for j in (i + 1)..<ends.count where ends[i] / 2 != ends[j] / 2 || ends.count == 2 {
                    // Continuing through means leaving in opposite directions.
                    let c = -(dirs[i].0 * dirs[j].0 + dirs[i].1 * dirs[j].1)
                    // A hair keeps its width through a crossing: of two equally straight continuations, the
                    // one of matching width is the same hair.
                    let mismatch = abs(log(max(widths[i], 0.5) / max(widths[j], 0.5)))
                    if c >= cosLimit { candidates.append((c - 0.5 * mismatch, i, j)) }
                }
            }
            candidates.sort { $0.0 > $1.0 }
            var used = [Bool](repeating: false, count: ends.count)
            for (_, i, j) in candidates where !used[i] && !used[j] {
                used[i] = true; used[j] = true
                link[ends[i]] = ends[j]
                link[ends[j]] = ends[i]
            }
            for i in 0..<ends.count where !used[i] {
                freeAtJunction[ends[i]] = true
                // A fork: the free branch leaves close to the line of a stem that another branch continues
                // (two hairs leaving one opening and parting). The stem is both hairs'; the free one runs on
                // along it. (At a T the free branch meets the others square and stops.)
                // A hair's own length, not a spur of the shaft it sits on.
                guard Double(graph.edges[ends[i] / 2].pixels.count) >= max(12, 4 * r) else { continue }
                var stem = -1, best = cosFork
                for j in 0..<ends.count where j != i && ends[j] / 2 != ends[i] / 2 {
                    let c = -(dirs[i].0 * dirs[j].0 + dirs[i].1 * dirs[j].1)
                    if c >= best { best = c; stem = j }
                }
                // The stem must run out to an end of its own (the opening), not on into other hairs.
                if stem >= 0 {
                    let e = graph.edges[ends[stem] / 2]
                    let far = ends[stem] % 2 == 0 ? e.nodes.1 : e.nodes.0
                    if !graph.nodeIsJunction[far] {
                        sharedStem[ends[i]] = ends[stem]
                        sharedStemEdges.insert(ends[stem] / 2)
                    }
                }
            }
        }

        // 3. Walk chains through the pairings.
        var usedEdge = internalEdge
        var paths: [ShaftPath] = []
        /// The shared stem's pixels leaving the junction at `stemEnd`, without the junction's own pixels,
        /// and points along it that measurement must keep away from (the two hairs overlap there).
        func stem(_ stemEnd: Int) -> (pixels: [PixelPoint], overlap: [PixelPoint]) {
            guard !internalEdge[stemEnd / 2] else { return ([], []) }
            let e = graph.edges[stemEnd / 2]
            let px = (stemEnd % 2 == 0 ? e.pixels : e.pixels.reversed()).filter {
                !(graph.nodeOfPixel[$0] >= 0 && graph.nodeIsJunction[Int(graph.nodeOfPixel[$0])])
            }
            let points = px.map(pixelPoint)
            return (points, stride(from: 0, to: points.count, by: 4).map { points[$0] })
        }

        func walk(from startEnd: Int) {
            var points: [PixelPoint] = []
            var crossings: [PixelPoint] = []
            var radii: [Double] = []
            var end = startEnd
            if freeAtJunction[startEnd], let s = sharedStem[startEnd] {
                let shared = stem(s)
                points = shared.pixels.reversed()
                crossings += shared.overlap
            }
            let startKind: ShaftPath.EndKind = freeAtJunction[startEnd] ? .junction : .tip
            var endKind: ShaftPath.EndKind = .tip
            var endOnStem = false
            while true {
                let k = end / 2
                usedEdge[k] = true
                let e = graph.edges[k]
                let px = end % 2 == 0 ? e.pixels : e.pixels.reversed()
                // A stem shared with a hair that forks off it: the overlap is kept out of measurement here too.
                if sharedStemEdges.contains(k) { crossings += stem(2 * k).overlap }
                // Drop the node pixels at paired junctions: the straight join through the crossing replaces them.
                for (idx, p) in px.enumerated() {
                    if graph.nodeOfPixel[p] >= 0 && graph.nodeIsJunction[Int(graph.nodeOfPixel[p])] && (idx == 0 && !points.isEmpty || idx == px.count - 1 && link[end ^ 1] >= 0) { continue }
                    points.append(pixelPoint(p))
                    radii.append(Double(radius[p]))
                }
                let exit = end ^ 1
                let next = link[exit]
                if next < 0 || usedEdge[next / 2] {
                    endKind = freeAtJunction[exit] ? .junction : .tip
                    endOnStem = sharedStem[exit] != nil
                    if freeAtJunction[exit], let s = sharedStem[exit] {
                        let shared = stem(s)
                        points += shared.pixels
                        crossings += shared.overlap
                    }
                    if next >= 0 {
                        let cluster = find(exit % 2 == 0 ? e.nodes.0 : e.nodes.1)
                        if let c = clusterCentre[cluster] { crossings.append(c) }
                        crossings += overlapPoints[cluster] ?? []
                    }
                    break
                }
                let cluster = find(exit % 2 == 0 ? e.nodes.0 : e.nodes.1)
                if let c = clusterCentre[cluster] { crossings.append(c) }
                crossings += overlapPoints[cluster] ?? []
                end = next
            }
            guard points.count >= 2 else { return }
            radii.sort()
            let r = radii[radii.count / 2]
            // A fork's shared stem is the hair's own way to its opening: only other junction ends are cut back.
            let trimStart = startKind == .junction && sharedStem[startEnd] == nil
            let trimEnd = endKind == .junction && !endOnStem
            if trimStart || trimEnd {
                points = trimmedIntoWiderShaft(points, radius: radius, width: w, ownRadius: r, atStart: trimStart, atEnd: trimEnd)
                guard points.count >= 2 else { return }
            }
            paths.append(ShaftPath(points: points, startKind: startKind, endKind: endKind, crossings: crossings,
                                   radiusEstimate: r, polarity: polarity))
        }
        for k in 0..<graph.edges.count where !usedEdge[k] {
            if link[2 * k] < 0 { walk(from: 2 * k) } else if link[2 * k + 1] < 0 { walk(from: 2 * k + 1) }
        }
        // Cycles through pairings (a hair looping back through a crossing): start anywhere.
        for k in 0..<graph.edges.count where !usedEdge[k] { walk(from: 2 * k) }

        let joined = joinCollinearPieces(paths, contrast: contrast)
        return joined.flatMap { splitAtCorners($0, cornerDegrees: settings.cornerDegrees) }
    }

    /// A path that stops at a junction without going through it (a T: a hair meeting a wider one, or passing
    /// under it) runs on into the other shaft: its skeleton bends there towards the junction's centre, a hook
    /// as long as the other shaft is wide that is not this hair's line. The end points lying where the mask is
    /// much wider than this shaft (`ownRadius`) are cut off, so the end, its direction and any join across
    /// the other shaft start where the hair itself does. At most a third of the path goes, so a path lying in a
    /// wide mask all along is not eaten away.
    static func trimmedIntoWiderShaft(_ points: [PixelPoint], radius: [Float], width w: Int, ownRadius r: Double,
                                      atStart: Bool, atEnd: Bool) -> [PixelPoint] {
        let wider = Float(max(r + 1.5, 1.5 * r))
        func isWider(_ p: PixelPoint) -> Bool {
            let x = Int(p.x.rounded(.down)), y = Int(p.y.rounded(.down))
            let i = y &* w &+ x
            return x >= 0 && x < w && i >= 0 && i < radius.count && radius[i] > wider
        }
        let most = points.count / 3
        var first = 0, last = points.count - 1
        if atStart { while first < most && isWider(points[first]) { first += 1 } }
        if atEnd { while points.count - 1 - last < most && isWider(points[last]) { last -= 1 } }
        // A piece hardly longer than its own end fit is a spur of the junction's clutter: left as it is.
        if last - first + 1 < 2 * endReach(radius: r) { return points }
        return first == 0 && last == points.count - 1 ? points : Array(points[first...last])
    }

    /// Joins pieces of one hair that the skeleton broke apart (at a crossing it could not resolve, under
    /// glare or a bubble, where the contrast fades): two free ends that face each other across a short gap,
    /// continuing each other's direction with little sideways offset. Closest, straightest pairs first.
    ///
    /// Each round joins the best pair of all: the lowest score, ties to the first pair in the order of the
    /// end list (path by path, start before end). A pair's score depends on its two ends only, so every
    /// candidate pair is scored once and kept in a heap; a join retires the four ends of its two paths and
    /// scores the joined path's two new ends against their neighbours in a grid. (Re-listing and re-pairing
    /// every end after each join was quadratic in the number of pieces: ~0.9 s of a 24 MP analysis.)
    ///
    /// With `occluders` (every shaft mask of the image), a gap that runs across other shafts counts only
    /// its uncovered part: a hair passing under a thicker one is hidden for the other's whole width, so
    /// its two pieces may lie far apart yet leave almost nothing unexplained. Such a pair must also bend
    /// like one smooth hair (the chord between the ends halfway between their directions) and be of
    /// similar width.
    ///
    /// With `evidence`, the open part of a gap must also look like a faded stretch of the same hair rather
    /// than bare skin: hairs on a scalp run in parallel, so one hair's cut end and the next hair's opening
    /// often line up, with nothing but skin between them.
    ///
    /// With `contrast` (inside one pass) or `evidence` (at the final join), pieces whose typical contrasts differ
    /// by more than `PieceContrast.maximumRatio` never join: a stub and its own root shadow running on from the
    /// opening, or a furrow meeting a hair's end. A joined path's contrast is its pieces' length-weighted mean.
    static func joinCollinearPieces(_ input: [ShaftPath], occluders: ByteMask? = nil,
                                    evidence: GapEvidence? = nil, contrast: PieceContrast? = nil) -> [ShaftPath] {
        // Paths keep their slots: a joined path goes to the lower of its two slots and the other slot is
        // emptied, which keeps the relative order the shrinking array had, so an end's key
        // (2 × slot, + 1 for the end point) orders ends as the end list did.
        var paths: [ShaftPath?] = input
        typealias End = PieceEnd
        var ends: [End] = []
        /// Each slot's typical contrast, for the contrast rule and the gap evidence (inside one pass, `contrast`
        /// gives them in the plane that pass searched; at the final join, the evidence's luminance).
        let contrast = contrast ?? evidence.map { PieceContrast(evidence: $0, inColour: false) }
        var strength = input.map { contrast?.strength(of: $0) ?? 0 }
        // The same in the colour plane, for pairs with a piece found by colour (see `GapEvidence`).
        var colourStrength = evidence?.hasColour == true ? input.map { evidence!.strength(of: $0, inColour: true) } : []
        ends.reserveCapacity(2 * input.count)
        /// The first of each slot's (at most two, consecutive) ends, or -1.
        var firstEnd = [Int](repeating: -1, count: input.count)
        func appendEnds(of k: Int) {
            firstEnd[k] = -1
            guard let p = paths[k], p.points.count >= 4 else { return }
            firstEnd[k] = ends.count
            ends += pieceEnds(of: p, slot: k)
        }
        for k in 0..<paths.count { appendEnds(of: k) }

        // Only ends closer than the largest allowed gap, `limit(r)`, can pair. A joined path's radius is a
        // weighted mean of its pieces', so the largest radius at the start bounds every later one; the cell is
        // one pixel wider than the bound so that rounding cannot put a pair two cells apart. An end that
        // breaks that (a mean rounded up, a point outside the box) switches the search to all ends.
        // (Radii are finite here: `appendEnds` converts 3 r to Int.)
        var maxRadius = 0.0, bruteForce = false
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for e in ends {
            maxRadius = max(maxRadius, e.radius)
            if e.point.x.isFinite && e.point.y.isFinite {
                minX = min(minX, e.point.x); maxX = max(maxX, e.point.x)
                minY = min(minY, e.point.y); maxY = max(maxY, e.point.y)
            }
        }
        // The widest gap an end of radius r may bridge: the open limit, or more where shafts may cover it.
        func limit(_ r: Double) -> Double { (occluders == nil ? 1 : occludedGapFactor) * openGapLimit(radius: r) }
        let bound = limit(maxRadius)
        // At most 256 cells a side: a far-flung point set coarsens the grid instead of growing it.
        let cell = max(bound + 1, max(maxX - minX, maxY - minY) / 256)
        let columns = minX <= maxX ? Int(((maxX - minX) / cell).rounded(.down)) + 1 : 1
        let rows = minY <= maxY ? Int(((maxY - minY) / cell).rounded(.down)) + 1 : 1
        if !bound.isFinite || !cell.isFinite { bruteForce = true }
        var buckets = [[Int32]](repeating: [], count: bruteForce ? 0 : columns * rows)
        /// The cell of a point, or nil for a non-finite point (it can never pair: its gap is not finite).
        func cellOf(_ p: PixelPoint) -> (Int, Int)? {
            guard p.x.isFinite && p.y.isFinite else { return nil }
            let cx = Int(((p.x - minX) / cell).rounded(.down)), cy = Int(((p.y - minY) / cell).rounded(.down))
            if cx < 0 || cy < 0 || cx >= columns || cy >= rows { bruteForce = true; return nil }
            return (cx, cy)
        }

        // Heap of scored pairs, lowest (score, key of the first end, key of the second) on top.
        struct Pair { var score: Double; var ka: Int; var kb: Int; var a: Int; var b: Int }
        @inline(__always) func before(_ p: Pair, _ q: Pair) -> Bool {
            p.score < q.score || (p.score == q.score && (p.ka, p.kb) < (q.ka, q.kb))
        }
        var heap: [Pair] = []
        func push(_ item: Pair) {
            heap.append(item)
            var c = heap.count - 1
            while c > 0 {
                let parent = (c - 1) / 2
                guard before(heap[c], heap[parent]) else { break }
                heap.swapAt(c, parent); c = parent
            }
        }
        func pop() -> Pair? {
            guard let top = heap.first else { return nil }
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var c = 0
                while true {
                    let l = 2 * c + 1, r = l + 1
                    var m = c
                    if l < heap.count && before(heap[l], heap[m]) { m = l }
                    if r < heap.count && before(heap[r], heap[m]) { m = r }
                    if m == c { break }
                    heap.swapAt(c, m); c = m
                }
            }
            return top
        }

        /// Scores ends `x` and `y` as a pair, the one earlier in the end list first (the test is not symmetric).
        func score(_ x: Int, _ y: Int) {
            let (i, j) = ends[x].key < ends[y].key ? (x, y) : (y, x)
            let a = ends[i], b = ends[j]
            let inColour = (a.unpigmented || b.unpigmented) && !colourStrength.isEmpty
            let pair = inColour ? (colourStrength[a.slot], colourStrength[b.slot]) : (strength[a.slot], strength[b.slot])
            guard PieceContrast.similar(pair.0, pair.1) else { return }
            guard let value = pairScore(a, b, occluders: occluders, evidence: evidence, strength: min(pair.0, pair.1)) else { return }
            push(Pair(score: value, ka: a.key, kb: b.key, a: i, b: j))
        }
        /// Scores end `e` against every live end already filed, then files it.
        func file(_ e: Int) {
            if !bruteForce, let (cx, cy) = cellOf(ends[e].point) {
                for y in max(0, cy - 1)...min(rows - 1, cy + 1) {
                    for x in max(0, cx - 1)...min(columns - 1, cx + 1) {
                        for o in buckets[y * columns + x] where ends[Int(o)].alive { score(e, Int(o)) }
                    }
                }
                buckets[cy * columns + cx].append(Int32(e))
            } else if bruteForce {
                for o in 0..<e where ends[o].alive { score(e, o) }
            }
        }
        func fits(_ e: End) -> Bool { limit(e.radius) <= bound }
        for e in ends.indices {
            if !fits(ends[e]) { bruteForce = true }
            file(e)
        }

        while let top = pop() {
            guard ends[top.a].alive && ends[top.b].alive else { continue }
            let a = ends[top.a], b = ends[top.b]
            let keep = min(a.slot, b.slot), drop = max(a.slot, b.slot)
            let joined = joinedPath(paths[a.slot]!, at: a, paths[b.slot]!, at: b,
                                    strengths: (strength[a.slot], strength[b.slot]))
            strength[keep] = joined.strength
            if !colourStrength.isEmpty {
                colourStrength[keep] = lengthWeighted((colourStrength[a.slot], colourStrength[b.slot]),
                                                      counts: (paths[a.slot]!.points.count, paths[b.slot]!.points.count))
            }
            paths[keep] = joined.path
            paths[drop] = nil
            // Both paths' ends are gone; the joined path's far ends are re-derived (its radius changed).
            for slot in [keep, drop] where firstEnd[slot] >= 0 {
                for e in firstEnd[slot]..<min(ends.count, firstEnd[slot] + 2) where ends[e].slot == slot { ends[e].alive = false }
            }
            let fresh = ends.count
            appendEnds(of: keep)
            for e in fresh..<ends.count {
                if !fits(ends[e]) { bruteForce = true }
                file(e)
            }
        }
        return paths.compactMap { $0 }
    }

    /// A free end of a path piece: where it is, the direction it points out of the piece, and its half-width.
    struct PieceEnd {
        /// The path's slot in the joining's path list.
        var slot: Int
        var atStart: Bool
        /// The last point of the piece.
        var point: PixelPoint
        /// A point a little behind the end on the piece's straight part, with the direction there.
        var anchor: PixelPoint
        var dir: (Double, Double)
        var radius: Double
        var polarity: ShaftPolarity
        /// The piece was found by colour (`ShaftPath.unpigmented`): its gaps are judged in colour.
        var unpigmented = false
        /// False once the path was joined (its ends are re-derived).
        var alive = true
        /// Orders ends as a list of every path's start, then end would.
        var key: Int { 2 &* slot &+ (atStart ? 0 : 1) }
    }

    /// Pieces `first` and `second` joined end `a` to end `b` into one path running from `first`'s other end
    /// to `second`'s, with the width and strength of the whole (length-weighted means).
    static func joinedPath(_ first: ShaftPath, at a: PieceEnd, _ second: ShaftPath, at b: PieceEnd,
                           strengths: (Float, Float)) -> (path: ShaftPath, strength: Float) {
        var first = first, second = second
        if a.atStart { first.points.reverse(); swap(&first.startKind, &first.endKind) }
        if !b.atStart { second.points.reverse(); swap(&second.startKind, &second.endKind) }
        var merged = first
        merged.points += second.points
        merged.endKind = second.endKind
        merged.crossings += second.crossings
        let na = Double(first.points.count), nb = Double(second.points.count)
        merged.radiusEstimate = (first.radiusEstimate * na + second.radiusEstimate * nb) / (na + nb)
        merged.besideDarkerShaft = first.besideDarkerShaft && second.besideDarkerShaft
        merged.unpigmented = first.unpigmented || second.unpigmented
        // The gap itself is measured like a crossing: stay away from it.
        merged.crossings.append(PixelPoint(x: 0.5 * (a.point.x + b.point.x), y: 0.5 * (a.point.y + b.point.y)))
        return (merged, lengthWeighted(strengths, counts: (first.points.count, second.points.count)))
    }

    /// A joined path's typical contrast from its pieces': the mean weighted by their point counts.
    static func lengthWeighted(_ values: (Float, Float), counts: (Int, Int)) -> Float {
        let na = Float(counts.0), nb = Float(counts.1)
        return (values.0 * na + values.1 * nb) / (na + nb)
    }

    /// The two free ends of a piece (none when it is shorter than 4 points). A skeleton bends in its last
    /// radius or so towards the corner of a slanted cut (a shaft cut by a hair lying over it): each end's
    /// line is read from just behind that.
    ///
    /// The direction is a least-squares fit over `endReach` points, not the chord between two of them: the
    /// skeleton's points sit on the pixel grid, and a chord a few pixels long tilts by ten degrees or more
    /// with one pixel of it.
    static func pieceEnds(of p: ShaftPath, slot: Int) -> [PieceEnd] {
        let n = p.points.count
        guard n >= 4 else { return [] }
        let reach = endReach(radius: p.radiusEstimate)
        let setBack = n - 1 >= Int(1.5 * p.radiusEstimate) + reach ? Int(1.5 * p.radiusEstimate) : 0
        let far = min(n - 1, setBack + reach)
        var out: [PieceEnd] = []
        for atStart in [true, false] {
            func point(_ k: Int) -> PixelPoint { atStart ? p.points[k] : p.points[n - 1 - k] }
            let tip = point(0)
            guard let line = EndLine.fit(setBack...far, point) else { continue }
            out.append(PieceEnd(slot: slot, atStart: atStart, point: tip, anchor: line.anchor, dir: line.dir,
                                radius: p.radiusEstimate, polarity: p.polarity, unpigmented: p.unpigmented))
        }
        return out
    }

    /// How many skeleton points behind an end its direction is read from.
    static func endReach(radius r: Double) -> Int { max(12, Int(3 * r)) }

    /// The longest gap an open join may bridge (a faint hair fading out for a stretch).
    static func openGapLimit(radius r: Double) -> Double { max(40, 10 * r) }
    /// Gaps up to this long (a crossing, glare) may bend by up to 30°; longer ones must run straight.
    static func shortGapLimit(radius r: Double) -> Double { max(12, 4 * r) }
    /// How many times longer than an open gap an occluded one may be (its uncovered part must still be short).
    static let occludedGapFactor = 3.0

    /// The score of joining ends `a` and `b` (lower is better), or nil when they may not join: the open-gap
    /// rule, else the occluded-gap rule; then, with `evidence`, the gap must show the shaft.
    static func pairScore(_ a: PieceEnd, _ b: PieceEnd, occluders: ByteMask?, evidence: GapEvidence?,
                          strength: Float) -> Double? {
        guard a.slot != b.slot, a.polarity == b.polarity else { return nil }
        let gx = b.point.x - a.point.x, gy = b.point.y - a.point.y
        let gap = (gx * gx + gy * gy).squareRoot()
        let r = max(a.radius, b.radius)
        let turn = 20 * (1 - continuity(a, b))
        let score: Double
        if gap <= openGapLimit(radius: r), openGapJoins(a, b, gap: gap, radius: r) {
            score = gap + turn
        } else if let occluders, gap <= occludedGapFactor * openGapLimit(radius: r),
                  let open = occludedGapJoins(a, b, gap: gap, radius: r, occluders: occluders,
                                              canHide: evidence.map { e in { e.canHide($0, strength: strength) } }) {
            score = open + turn
        } else {
            return nil
        }
        if let evidence, !evidence.gapLooksLikeShaft(from: a.point, to: b.point, radius: r, polarity: a.polarity,
                                                       strength: strength, occluders: occluders,
                                                       inColour: a.unpigmented || b.unpigmented) {
            return nil
        }
        return score
    }

    /// Cosine of the turn from one end's direction into the other's: 1 when they continue each other exactly.
    static func continuity(_ a: PieceEnd, _ b: PieceEnd) -> Double { -(a.dir.0 * b.dir.0 + a.dir.1 * b.dir.1) }

    /// Whether two ends bend like one smooth hair: they continue each other's direction within `maxTurnDegrees`,
    /// and the chord between their anchors leaves each at half the turn (as a circular arc's chord does), give
    /// or take the angle a sideways offset of `lateral` pixels makes over the chord.
    static func bendsLikeOneHair(_ a: PieceEnd, _ b: PieceEnd, maxTurnDegrees: Double, lateral: Double) -> Bool {
        let c = continuity(a, b)
        guard c >= cos(maxTurnDegrees * .pi / 180) else { return false }
        let cx = b.anchor.x - a.anchor.x, cy = b.anchor.y - a.anchor.y
        let chord = (cx * cx + cy * cy).squareRoot()
        guard chord > lateral else { return true }
        let halfTurn = 0.5 * acos(min(1, max(-1, c)))
        let slack = atan(lateral / chord)
        let fromA = acos(min(1, max(-1, (cx * a.dir.0 + cy * a.dir.1) / chord)))
        let fromB = acos(min(1, max(-1, -(cx * b.dir.0 + cy * b.dir.1) / chord)))
        return fromA <= halfTurn + slack && fromB <= halfTurn + slack
    }

    /// The open-gap rule: a short gap may bend by up to 30° with a sideways offset up to the radius; a longer
    /// one, where a faint hair fades out for a stretch, must run straight (12°) and closely in line.
    static func openGapJoins(_ a: PieceEnd, _ b: PieceEnd, gap: Double, radius r: Double) -> Bool {
        gap <= shortGapLimit(radius: r)
            ? bendsLikeOneHair(a, b, maxTurnDegrees: 30, lateral: max(2, r))
            : bendsLikeOneHair(a, b, maxTurnDegrees: 12, lateral: max(1.5, 0.5 * r))
    }

    /// The occluded-gap rule (see `joinCollinearPieces`): pieces of similar width, at least 30 % of the gap on
    /// other shafts, the rest no longer than a short gap, bending like one hair. Returns the uncovered length,
    /// nil when the ends may not join.
    static func occludedGapJoins(_ a: PieceEnd, _ b: PieceEnd, gap: Double, radius r: Double,
                                 occluders: ByteMask, canHide: ((Int) -> Bool)? = nil) -> Double? {
        guard a.radius > 0, b.radius > 0, max(a.radius, b.radius) <= 2 * min(a.radius, b.radius) else { return nil }
        let chord = GapChord(from: a.point, to: b.point, endClearance: r + 1)
        var covered = 0
        chord.forEachPixel(width: occluders.width, height: occluders.height) { i in
            if occluders.bits[i] != 0 && canHide?(i) != false { covered += 1 }
        }
        guard chord.innerSamples > 0, Double(covered) >= 0.3 * Double(chord.innerSamples) else { return nil }
        let open = gap * Double(chord.innerSamples - covered) / Double(chord.allSamples)
        guard open <= shortGapLimit(radius: r) else { return nil }
        return bendsLikeOneHair(a, b, maxTurnDegrees: 30, lateral: max(2, r)) ? open : nil
    }

    /// Splits a path where its direction turns by more than `cornerDegrees` within a few widths.
    static func splitAtCorners(_ path: ShaftPath, cornerDegrees: Double) -> [ShaftPath] {
        let pts = path.points
        let window = max(5, Int((2.0 * path.radiusEstimate).rounded()) + 2)
        guard pts.count > 2 * window + 2 else { return [path] }
        let cosLimit = cos(cornerDegrees * .pi / 180)
        var best = -1
        var bestCos = cosLimit
        for i in window..<(pts.count - window) {
            let a = pts[i - window], b = pts[i], c = pts[i + window]
            let ux = b.x - a.x, uy = b.y - a.y, vx = c.x - b.x, vy = c.y - b.y
            let lu = (ux * ux + uy * uy).squareRoot(), lv = (vx * vx + vy * vy).squareRoot()
            guard lu > 0 && lv > 0 else { continue }
            let cosTurn = (ux * vx + uy * vy) / (lu * lv)
            if cosTurn < bestCos { bestCos = cosTurn; best = i }
        }
        guard best >= 0 else { return [path] }
        var first = path, second = path
        first.points = Array(pts[0...best])
        first.endKind = .corner
        second.points = Array(pts[best...])
        second.startKind = .corner
        first.crossings = path.crossings
        second.crossings = path.crossings
        return splitAtCorners(first, cornerDegrees: cornerDegrees) + splitAtCorners(second, cornerDegrees: cornerDegrees)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
