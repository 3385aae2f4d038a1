/// Least-squares circle through points (Kåsa's algebraic fit), made robust by refitting on the points
/// closest to the previous fit.
enum CircleFit {
    struct Circle {
        var cx: Double
        var cy: Double
        var radius: Double
        func distance(_ x: Double, _ y: Double) -> Double { ((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot() }
    }

    /// Solves x² + y² + D·x + E·y + F = 0 in the least-squares sense.
    static func algebraic(_ points: [(Double, Double)]) -> Circle? {
        guard points.count >= 3 else { return nil }
        var sxx = 0.0, sxy = 0.0, syy = 0.0, sx = 0.0, sy = 0.0, n = 0.0
        var sxz = 0.0, syz = 0.0, sz = 0.0
        for (x, y) in points {
            let z = x * x + y * y
            sxx += x * x; sxy += x * y; syy += y * y; sx += x; sy += y; n += 1
            sxz += x * z; syz += y * z; sz += z
        }
        // Normal equations for [D, E, F].
        let a = [[sxx, sxy, sx], [sxy, syy, sy], [sx, sy, n]]
        let b = [-sxz, -syz, -sz]
        guard let sol = solve3(a, b) else { return nil }
        let cx = -sol[0] / 2, cy = -sol[1] / 2
        let r2 = cx * cx + cy * cy - sol[2]
        guard r2 > 0 else { return nil }
        return Circle(cx: cx, cy: cy, radius: r2.squareRoot())
    }

    static func robust(_ points: [(Double, Double)], rounds: Int = 4, keep: Double = 0.75) -> Circle? {
        guard var circle = algebraic(points) else { return nil }
        for _ in 0..<rounds {
            let sorted = points.sorted { abs(circle.distance($0.0, $0.1) - circle.radius) < abs(circle.distance($1.0, $1.1) - circle.radius) }
            let subset = Array(sorted.prefix(max(3, Int(Double(points.count) * keep))))
            guard let next = algebraic(subset) else { break }
            circle = next
        }
        return circle
    }

    private static func solve3(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let d = det(a)
        guard abs(d) > 1e-12 else { return nil }
        var out = [Double](repeating: 0, count: 3)
        for k in 0..<3 {
            var m = a
            for r in 0..<3 { m[r][k] = b[r] }
            out[k] = det(m) / d
        }
        return out
    }
}
