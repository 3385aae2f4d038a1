/// Air bubbles under the immersion fluid show as thin dark rings around a brighter disc. A detection
/// that follows a circular arc of a quarter turn or more, around a disc brighter than the skin, is a
/// bubble's rim, not a hair (curly hairs curve too, but not around a bright disc); so is a tight circle of
/// three quarters of a turn or more, whatever its content.
enum BubbleRimTest {
    static func isBubbleRim(_ line: [PixelPoint], transmission: FloatPlane, field: ByteMask) -> Bool {
        guard line.count >= 12 else { return false }
        let pts = line.map { ($0.x, $0.y) }
        guard let circle = CircleFit.robust(pts, rounds: 1, keep: 0.9) else { return false }
        // Tight fit to a circle of bubble size.
        var ss = 0.0
        for (x, y) in pts { let d = circle.distance(x, y) - circle.radius; ss += d * d }
        let rms = (ss / Double(pts.count)).squareRoot()
        guard rms <= max(1.0, 0.04 * circle.radius), circle.radius >= 8,
              circle.radius <= 0.35 * Double(min(transmission.width, transmission.height)) else { return false }
        // How much of the circle it spans.
        var angles = pts.map { atan2($0.1 - circle.cy, $0.0 - circle.cx) }
        angles.sort()
        var largestGap = angles[0] + 2 * Double.pi - angles[angles.count - 1]
        for i in 1..<angles.count { largestGap = max(largestGap, angles[i] - angles[i - 1]) }
        let span = 2 * Double.pi - largestGap
        guard span >= 0.25 * Double.pi else { return false }
        // Three quarters of a true circle or more: no hair curls that evenly; whatever the disc looks like
        // (a bubble's content can match the skin), it is a rim.
        if span >= 1.5 * Double.pi { return true }
        // Brighter inside: median transmission over the disc's inner part.
        var inside: [Float] = []
        let r = 0.7 * circle.radius
        let w = transmission.width, h = transmission.height
        let x0 = max(0, Int(circle.cx - r)), x1 = min(w - 1, Int(circle.cx + r))
        let y0 = max(0, Int(circle.cy - r)), y1 = min(h - 1, Int(circle.cy + r))
        guard x0 <= x1, y0 <= y1 else { return false }
        let step = max(1, Int(r / 12))
        for y in stride(from: y0, through: y1, by: step) {
            for x in stride(from: x0, through: x1, by: step) {
                let dx = Double(x) + 0.5 - circle.cx, dy = Double(y) + 0.5 - circle.cy
                if dx * dx + dy * dy <= r * r && field.bits[y * w + x] != 0 { inside.append(transmission.samples[y * w + x]) }
            }
        }
        guard inside.count >= 8 else { return false }
        return Statistics.median(&inside) > 1.02
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
