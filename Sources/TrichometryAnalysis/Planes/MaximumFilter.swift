/// Running maximum over a square window, separable, in time independent of the window's size
/// (a monotonic queue per row and per column).
enum MaximumFilter {
    /// Columns are copied out in blocks of this many, so each row of a block is one cache line read.
    private static let columnBlock = 16

    static func maximum(_ plane: FloatPlane, radius r: Int) -> FloatPlane {
        let w = plane.width, h = plane.height
        var out = FloatPlane(width: w, height: h)
        guard w > 0 && h > 0 else { return out }
        let b = columnBlock
        var queue = [Int](repeating: 0, count: max(w, h))
        var lines = [Float](repeating: 0, count: max(w, h * b))
        var outLine = [Float](repeating: 0, count: max(w, h))
        plane.samples.withUnsafeBufferPointer { src in
            out.samples.withUnsafeMutableBufferPointer { dst in
                queue.withUnsafeMutableBufferPointer { q in
                    lines.withUnsafeMutableBufferPointer { line in
                        outLine.withUnsafeMutableBufferPointer { o in
                            for y in 0..<h {
                                slidingMax(src.baseAddress! + y &* w, count: w, radius: r, queue: q.baseAddress!,
                                           into: dst.baseAddress! + y &* w)
                            }
                            var x0 = 0
                            while x0 < w {
                                let cols = min(b, w &- x0)
                                for y in 0..<h {
                                    let row = y &* w &+ x0
                                    for c in 0..<cols { line[c &* h &+ y] = dst[row &+ c] }
                                }
                                for c in 0..<cols {
                                    slidingMax(line.baseAddress! + c &* h, count: h, radius: r, queue: q.baseAddress!,
                                               into: o.baseAddress!)
                                    for y in 0..<h { line[c &* h &+ y] = o[y] }
                                }
                                for y in 0..<h {
                                    let row = y &* w &+ x0
                                    for c in 0..<cols { dst[row &+ c] = line[c &* h &+ y] }
                                }
                                x0 &+= cols
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    @inline(__always)
    private static func slidingMax(_ v: UnsafePointer<Float>, count n: Int, radius r: Int,
                                   queue: UnsafeMutablePointer<Int>, into out: UnsafeMutablePointer<Float>) {
        var head = 0, tail = 0
        var next = 0  // next index to enter the window
        for i in 0..<n {
            let right = min(n &- 1, i &+ r)
            while next <= right {
                while tail > head && v[queue[tail &- 1]] <= v[next] { tail &-= 1 }
                queue[tail] = next; tail &+= 1
                next &+= 1
            }
            while queue[head] < i &- r { head &+= 1 }
            out[i] = v[queue[head]]
        }
    }
}
