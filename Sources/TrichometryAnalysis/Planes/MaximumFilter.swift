/// Running maximum over a square window, separable, in time independent of the window's size
/// (a monotonic queue per row and per column).
enum MaximumFilter {
    static func maximum(_ plane: FloatPlane, radius r: Int) -> FloatPlane {
        let w = plane.width, h = plane.height
        var rows = FloatPlane(width: w, height: h)
        var queue = [Int](repeating: 0, count: max(w, h))
        var line = [Float](repeating: 0, count: max(w, h))
        var outLine = [Float](repeating: 0, count: max(w, h))
        plane.samples.withUnsafeBufferPointer { src in
            rows.samples.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for x in 0..<w { line[x] = src[y &* w &+ x] }
                    slidingMax(line, count: w, radius: r, queue: &queue, into: &outLine)
                    for x in 0..<w { dst[y &* w &+ x] = outLine[x] }
                }
            }
        }
        var out = FloatPlane(width: w, height: h)
        rows.samples.withUnsafeBufferPointer { src in
            out.samples.withUnsafeMutableBufferPointer { dst in
                for x in 0..<w {
                    for y in 0..<h { line[y] = src[y &* w &+ x] }
                    slidingMax(line, count: h, radius: r, queue: &queue, into: &outLine)
                    for y in 0..<h { dst[y &* w &+ x] = outLine[y] }
                }
            }
        }
        return out
    }

    private static func slidingMax(_ v: [Float], count n: Int, radius r: Int, queue: inout [Int], into out: inout [Float]) {
        var head = 0, tail = 0
        var next = 0  // next index to enter the window
        for i in 0..<n {
            let right = min(n - 1, i + r)
            while next <= right {
                while tail > head && v[queue[tail - 1]] <= v[next] { tail -= 1 }
                queue[tail] = next; tail += 1
                next += 1
            }
            while queue[head] < i - r { head += 1 }
            out[i] = v[queue[head]]
        }
    }
}
