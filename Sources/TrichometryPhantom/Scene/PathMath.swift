/// Small polyline helpers: length, thinning, Douglas–Peucker simplification.
enum PathMath {
    static func length(_ path: [Point]) -> Double {
        var total = 0.0
        if path.count < 2 { return 0 }
        for i in 1..<path.count { total += distance(path[i - 1], path[i]) }
        return total
    }

    static func distance(_ a: Point, _ b: Point) -> Double {
        let d = b - a
        return (d.x * d.x + d.y * d.y).squareRoot()
    }

    /// Keeps every n-th point (and the last), so rasterising walks fewer, longer segments.
    static func thin(_ path: [Point], every n: Int) -> [Point] {
        guard n > 1, path.count > 2 else { return path }
        var out: [Point] = []
        out.reserveCapacity(path.count / n + 2)
        var i = 0
        while i < path.count - 1 { out.append(path[i]); i += n }
        out.append(path[path.count - 1])
        return out
    }

    /// Douglas–Peucker simplification to within `tolerance` pixels.
    static func simplify(_ path: [Point], tolerance: Double) -> [Point] {
        guard path.count > 2 else { return path }
        var keep = [Bool](repeating: false, count: path.count)
        keep[0] = true; keep[path.count - 1] = true
        var stack: [(Int, Int)] = [(0, path.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let a = path[first], b = path[last]
            let ab = b - a
            let len = (ab.x * ab.x + ab.y * ab.y).squareRoot()
            var worst = -1.0, worstIndex = first
            for i in (first + 1)..<last {
                let ap = path[i] - a
                let d: Double
                if len < 1e-12 {
                    d = (ap.x * ap.x + ap.y * ap.y).squareRoot()
                } else {
                    let t = max(0, min(1, (ap.x * ab.x + ap.y * ab.y) / (len * len)))
                    let q = a + ab * t
                    d = distance(q, path[i])
                }
                if d > worst { worst = d; worstIndex = i }
            }
            if worst > tolerance {
                keep[worstIndex] = true
                stack.append((first, worstIndex)); stack.append((worstIndex, last))
            }
        }
        return path.indices.filter { keep[$0] }.map { path[$0] }
    }
}
