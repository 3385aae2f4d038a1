/// Stage 4b: the skeleton as a graph of junctions, tips and the pixel chains between them, and its
/// conversion into one path per hair.
///
/// Crossings are resolved by direction continuity: branches meeting at a junction (or at a cluster of
/// junctions close together, which is what an X crossing of two wide shafts thins to) are paired when one
/// continues the other; unpaired branches end there. A V — two hairs leaving one opening — thins to a
/// single chain with a sharp corner, which is split.
struct SkeletonGraph {
    struct Edge {
        var pixels: [Int]
        var nodes: (Int, Int)
    }

    /// Full-size per-pixel buffers, all −1 and 0 between graphs: the spur pruner builds several graphs of
    /// one skeleton, and fresh image-sized arrays each time cost more in page faults (at 24 MP) than the build.
    struct Scratch {
        fileprivate var nodeOfPixel: [Int32]
        /// Per skeleton pixel: bits 0–1 the degree class (0 none, 1 tip, 2 path, 3 junction), bit 2 visited.
        fileprivate var flags: [UInt8]

        init(count: Int) {
            nodeOfPixel = [Int32](repeating: -1, count: count)
            flags = [UInt8](repeating: 0, count: count)
        }
    }

    let width: Int
    let height: Int
    private(set) var nodeOfPixel: [Int32]
    private(set) var nodePixels: [[Int]] = []
    private(set) var nodeIsJunction: [Bool] = []
    private(set) var edges: [Edge] = []
    private var flags: [UInt8]
    /// The skeleton's pixels, the only ones whose entries in `nodeOfPixel` and `flags` are written.
    private var pixels: [Int] = []

    /// Builds the graph of `skeleton` in `scratch`'s buffers (moved in, so they are not copied on write).
    init(skeleton: ByteMask, scratch: inout Scratch) {
        precondition(scratch.nodeOfPixel.count == skeleton.count)
        width = skeleton.width
        height = skeleton.height
        nodeOfPixel = []
        flags = []
        swap(&nodeOfPixel, &scratch.nodeOfPixel)
        swap(&flags, &scratch.flags)
        build(skeleton.bits)
    }

    /// Hands the buffers back to `scratch`, reset where this graph wrote; the graph is left without them.
    mutating func recycle(into scratch: inout Scratch) {
        nodeOfPixel.withUnsafeMutableBufferPointer { node in
            flags.withUnsafeMutableBufferPointer { f in
                for p in pixels { node[p] = -1; f[p] = 0 }
            }
        }
        swap(&nodeOfPixel, &scratch.nodeOfPixel)
        swap(&flags, &scratch.flags)
        nodeOfPixel = []
        flags = []
    }

    private func neighbours(_ i: Int) -> Neighbours {
        Neighbours(i: i, width: width, height: height)
    }

    /// The in-image 8-neighbours of a pixel, 4-neighbours first (a walk that prefers them never skips a
    /// pixel of a staircase), computed on the fly: an array per call was most of the graph's cost.
    struct Neighbours: Sequence, IteratorProtocol {
        let x: Int, y: Int, width: Int, height: Int
        var k = 0

        init(i: Int, width: Int, height: Int) {
            self.width = width
            self.height = height
            y = i / width
            x = i - y * width
        }

        mutating func next() -> Int? {
            while k < 8 {
                let dx: Int, dy: Int
                switch k {
                case 0: dx = 1; dy = 0
                case 1: dx = -1; dy = 0
                case 2: dx = 0; dy = 1
                case 3: dx = 0; dy = -1
                case 4: dx = 1; dy = 1
                case 5: dx = -1; dy = 1
                case 6: dx = 1; dy = -1
                default: dx = -1; dy = -1
                }
                k &+= 1
                let xx = x &+ dx, yy = y &+ dy
                if xx >= 0 && yy >= 0 && xx < width && yy < height { return yy &* width &+ xx }
            }
            return nil
        }
    }

    private mutating func build(_ bits: [UInt8]) {
        let n = width * height
        // Junction: three or more separate runs of skeleton around the pixel (crossing number ≥ 3), which,
        // unlike a neighbour count, does not mistake a staircase for a fork. Tip: a single run of at most two
        // adjacent neighbours.
        // `flags` bits 0–1: 0 none, 1 tip, 2 path, 3 junction; bit 2: visited by a chain.
        @inline(__always) func degree(_ i: Int) -> UInt8 { flags[i] & 3 }
        @inline(__always) func visited(_ i: Int) -> Bool { flags[i] & 4 != 0 }
        @inline(__always) func markVisited(_ i: Int) { flags[i] |= 4 }
        bits.withUnsafeBufferPointer { b in
            // Eight bytes at a time: the skeleton is a small fraction of the image.
            var i = 0
            while i &+ 8 <= n {
                if UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self) != 0 {
                    for j in i..<(i &+ 8) where b[j] != 0 { pixels.append(j) }
                }
                i &+= 8
            }
            for j in i..<n where b[j] != 0 { pixels.append(j) }
        }
        for i in pixels {
            let x = i % width, y = i / width
            // The thinned skeleton has a background frame, but guard anyway.
            guard x > 0, y > 0, x < width - 1, y < height - 1 else { flags[i] = 1; continue }
            let (count, components) = Skeletonizer.neighbourhood(bits, i, width)
            if count == 0 { flags[i] = 0 }
            // Three or more neighbours that are not all one group: a fork, or part of the small ring an X
            // crossing thins to (each pixel of which has only two groups of neighbours).
            else if components >= 3 || (count >= 3 && components >= 2) { flags[i] = 3 }
            else if count == 1 || components == 1 { flags[i] = 1 }
            else { flags[i] = 2 }
        }
        // Nodes: clusters of junction pixels, and single tip pixels.
        for i in pixels where nodeOfPixel[i] < 0 && degree(i) != 2 && degree(i) != 0 {
            let id = Int32(nodePixels.count)
            if degree(i) == 1 {
                nodeOfPixel[i] = id
                nodePixels.append([i])
                nodeIsJunction.append(false)
                continue
            }
            var cluster: [Int] = []
            var stack = [i]
            nodeOfPixel[i] = id
            while let p = stack.popLast() {
                cluster.append(p)
                for q in neighbours(p) where bits[q] != 0 && degree(q) == 3 && nodeOfPixel[q] < 0 {
                    nodeOfPixel[q] = id
                    stack.append(q)
                }
            }
            nodePixels.append(cluster)
            nodeIsJunction.append(true)
        }
        // Chains leaving each node: tips first, so a small loop at a junction cannot take the pixels of a
        // chain that runs into that junction.
        let order = (0..<nodePixels.count).sorted { (nodeIsJunction[$0] ? 1 : 0, $0) < (nodeIsJunction[$1] ? 1 : 0, $1) }
        for node in order {
            for p in nodePixels[node] {
                for q in neighbours(p) where bits[q] != 0 {
                    let qNode = nodeOfPixel[q]
                    if qNode == Int32(node) { continue }
                    if qNode >= 0 {
                        // Two nodes touching directly: a zero-length edge, recorded once.
                        if node < Int(qNode) { edges.append(Edge(pixels: [p, q], nodes: (node, Int(qNode)))) }
                        continue
                    }
                    if visited(q) { continue }
                    var chain = [p, q]
                    markVisited(q)
                    var prev = p, current = q
                    var endNode = -1
                    while endNode < 0 {
                        var next = -1
                        var nodeNext = -1
                        for r in neighbours(current) where bits[r] != 0 && r != prev {
                            let rNode = nodeOfPixel[r]
                            if rNode >= 0 {
                                // Don't fall straight back into the start node on the first step.
                                if Int(rNode) == node && chain.count <= 2 { continue }
                                if nodeNext < 0 { nodeNext = r }
                            } else if !visited(r) && next < 0 {
                                next = r
                            }
                        }
                        if nodeNext >= 0 {
                            chain.append(nodeNext)
                            endNode = Int(nodeOfPixel[nodeNext])
                        } else if next >= 0 {
                            markVisited(next)
                            chain.append(next)
                            prev = current
                            current = next
                        } else {
                            // Dead end without a tip pixel (a loop closed on itself): end here as a tip.
                            let id = nodePixels.count
                            nodeOfPixel[current] = Int32(id)
                            nodePixels.append([current])
                            nodeIsJunction.append(false)
                            endNode = id
                        }
                    }
                    edges.append(Edge(pixels: chain, nodes: (node, endNode)))
                }
            }
        }
        // Closed loops with no node at all (a ring): cut at one pixel and keep as a chain.
        for i in pixels where !visited(i) && nodeOfPixel[i] < 0 && degree(i) == 2 {
            var chain = [i]
            markVisited(i)
            var current = i, prev = -1
            while true {
                var next = -1
                for r in neighbours(current) where bits[r] != 0 && r != prev && !visited(r) && nodeOfPixel[r] < 0 {
                    next = r; break
                }
                if next < 0 { break }
                markVisited(next)
                chain.append(next)
                prev = current
                current = next
            }
            let a = nodePixels.count
            nodePixels.append([chain[0]]); nodeIsJunction.append(false)
            let b = nodePixels.count
            nodePixels.append([chain[chain.count - 1]]); nodeIsJunction.append(false)
            nodeOfPixel[chain[0]] = Int32(a)
            nodeOfPixel[chain[chain.count - 1]] = Int32(b)
            edges.append(Edge(pixels: chain, nodes: (a, b)))
        }
    }

    var nodeCount: Int { nodePixels.count }

    func nodeCentre(_ node: Int) -> PixelPoint {
        var sx = 0.0, sy = 0.0
        for p in nodePixels[node] { sx += Double(p % width) + 0.5; sy += Double(p / width) + 0.5 }
        let c = Double(nodePixels[node].count)
        return PixelPoint(x: sx / c, y: sy / c)
    }

    /// Number of edge ends at each node.
    func degrees() -> [Int] {
        var d = [Int](repeating: 0, count: nodePixels.count)
        for e in edges { d[e.nodes.0] += 1; d[e.nodes.1] += 1 }
        return d
    }
}

/// Spur removal on the skeleton bitmap: short chains from a tip to a junction are thinning artefacts of a
/// shaft's ragged edge or blunt end, not hairs.
enum SpurPruner {
    static func prune(_ skeleton: inout ByteMask, radius: [Float], scratch: inout SkeletonGraph.Scratch, rounds: Int = 3) {
        for _ in 0..<rounds {
            var graph = SkeletonGraph(skeleton: skeleton, scratch: &scratch)
            defer { graph.recycle(into: &scratch) }
            let degree = graph.degrees()
            var removed = false
            for edge in graph.edges {
                let (a, b) = edge.nodes
                let aTip = !graph.nodeIsJunction[a], bTip = !graph.nodeIsJunction[b]
                guard aTip != bTip else { continue }
                let junction = aTip ? b : a
                guard degree[junction] >= 3 else { continue }
                let jr = graph.nodePixels[junction].map { Double(radius[$0]) }.max() ?? 1
                let limit = max(3.0, 1.3 * jr + 2)
                if Double(edge.pixels.count) <= limit {
                    for p in edge.pixels where graph.nodeOfPixel[p] != Int32(junction) { skeleton.bits[p] = 0 }
                    removed = true
                }
            }
            if !removed { break }
        }
    }
}
