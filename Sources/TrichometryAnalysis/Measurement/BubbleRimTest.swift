/// Air bubbles under the immersion fluid show as thin dark rings around a brighter disc. A detection
/// that follows a circular arc of a quarter turn or more, around a disc brighter than the skin, is a
/// bubble's rim, not a hair (curly hairs curve too, but not around a bright disc); so is a tight circle of
/// three quarters of a turn or more, whatever its content; and so is an arc whose circle the image darkens all
/// the way round (the rest of the ring, too faint or too broken up to be traced), whatever the bubble holds: a
/// curling hair's arc does not run on around a circle beyond its own length.
enum BubbleRimTest {
    /// The rest of the circle counts as a ring when this share of it, where it can be read, is darker than the
    /// skin either side by at least `ringFraction` of the arc's own contrast.
    static let ringShare = 0.6
    static let ringFraction = 0.4

    static func isBubbleRim(_ line: [PixelPoint], halfWidth: Double = 1.5, transmission: FloatPlane, field: ByteMask) -> Bool {
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
        var gapStart = angles[angles.count - 1]
        for i in 1..<angles.count where angles[i] - angles[i - 1] > largestGap {
            largestGap = angles[i] - angles[i - 1]
            gapStart = angles[i - 1]
        }
        let span = 2 * Double.pi - largestGap
        guard span >= 0.25 * Double.pi else { return false }
        // Three quarters of a true circle or more: no hair curls that evenly; whatever the disc looks like
        // (a bubble's content can match the skin), it is a rim.
        if span >= 1.5 * Double.pi { return true }
        if ringRunsOn(circle, arcAngles: angles, gapStart: gapStart, gapLength: largestGap, halfWidth: halfWidth,
                      transmission: transmission, field: field) { return true }
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

    /// Whether the part of `circle` the arc leaves out (`gapLength` radians from `gapStart`) is darkened like the
    /// arc itself: the ring's transmission against the mean of the skin just inside and just outside it, read
    /// on the arc at `arcAngles` for the arc's own contrast, then every 2 px round the rest.
    static func ringRunsOn(_ circle: CircleFit.Circle, arcAngles: [Double], gapStart: Double, gapLength: Double,
                           halfWidth: Double, transmission t: FloatPlane, field: ByteMask) -> Bool {
        let w = t.width, h = t.height
        let offset = max(halfWidth, 1) + 3
        guard circle.radius > offset + 1 else { return false }
        func contrast(at angle: Double, in tb: UnsafeBufferPointer<Float>) -> Double? {
            let c = cos(angle), s = sin(angle)
            /// Transmission at `radius` from the centre along `angle`; nil outside the image or the field.
            func read(_ radius: Double) -> Double? {
                let x = circle.cx + radius * c, y = circle.cy + radius * s
                let xi = Int(x.rounded(.down)), yi = Int(y.rounded(.down))
                guard xi >= 0, yi >= 0, xi < w, yi < h, field.bits[yi * w + xi] != 0 else { return nil }
                return Double(t.bilinear(x, y, in: tb))
            }
            guard let ring = read(circle.radius), let inner = read(circle.radius - offset),
                  let outer = read(circle.radius + offset) else { return nil }
            return 0.5 * (inner + outer) - ring
        }
        return t.samples.withUnsafeBufferPointer { tb -> Bool in
            let own = arcAngles.compactMap { contrast(at: $0, in: tb) }
            guard own.count >= 6 else { return false }
            let level = Statistics.median(own)
            guard level > 0 else { return false }
            // Clear of the arc's ends by the ring's reach, so the arc itself is not read twice.
            let margin = offset / circle.radius
            let length = gapLength - 2 * margin
            guard length > 0 else { return false }
            let count = Int((length * circle.radius / 2).rounded(.up))
            guard count >= 6 else { return false }
            var readable = 0, dark = 0
            for k in 0...count {
                guard let c = contrast(at: gapStart + margin + length * Double(k) / Double(count), in: tb) else { continue }
                readable += 1
                if c >= ringFraction * level { dark += 1 }
            }
            return 2 * readable >= count + 1 && Double(dark) >= ringShare * Double(readable)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
