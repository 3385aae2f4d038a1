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

    /// A lighter arc is a bubble's inner highlight when a dark ring at least this much darker than the skin
    /// either side of it (transmission units) runs concentric with it, close beside it, all the way round.
    static let highlightRingContrast = 0.05

    /// `lighter`: the arc is brighter than the skin (a bubble's film shows a bright ring just inside its dark one).
    static func isBubbleRim(_ line: [PixelPoint], halfWidth: Double = 1.5, lighter: Bool = false,
                            transmission: FloatPlane, field: ByteMask) -> Bool {
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
        // A bright arc: the bubble's highlight, with its dark ring beside it all the way round (a white hair does
        // not curve along a dark circle).
        if lighter {
            return isHighlightOfRing(circle, gapStart: gapStart, gapLength: largestGap, halfWidth: halfWidth,
                                     transmission: transmission, field: field)
        }
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

    /// Whether a dark ring concentric with `circle` lies within a few widths of it, inside or outside, and runs
    /// on round the part of the circle the arc leaves out (`gapLength` radians from `gapStart`, clear of the
    /// arc's ends: a translucent hair's own dark rims run beside its arc, but not beyond it): its transmission
    /// against the mean of the skin either side of it, read every 2 px, is at least `highlightRingContrast` at the
    /// median, at least `ringFraction` of that over `ringShare` of the readings, and readable (in the field) over
    /// at least half of that part.
    static func isHighlightOfRing(_ circle: CircleFit.Circle, gapStart: Double, gapLength: Double, halfWidth: Double,
                                  transmission t: FloatPlane, field: ByteMask) -> Bool {
        let w = t.width, h = t.height
        let offset = max(halfWidth, 1) + 3
        return t.samples.withUnsafeBufferPointer { tb -> Bool in
            func read(_ radius: Double, _ c: Double, _ s: Double) -> Double? {
                let x = circle.cx + radius * c, y = circle.cy + radius * s
                let xi = Int(x.rounded(.down)), yi = Int(y.rounded(.down))
                guard xi >= 0, yi >= 0, xi < w, yi < h, field.bits[yi * w + xi] != 0 else { return nil }
                return Double(t.bilinear(x, y, in: tb))
            }
            var distance = max(halfWidth, 1) + 1
            while distance <= max(halfWidth, 1) + 10 {
                defer { distance += 1 }
                for radius in [circle.radius + distance, circle.radius - distance] where radius > offset + 1 {
                    let margin = (distance + offset) / radius
                    let length = gapLength - 2 * margin
                    guard length > 0 else { continue }
                    let count = Int((length * radius / 2).rounded(.up))
                    guard count >= 6 else { continue }
                    var contrasts: [Double] = []
                    for k in 0...count {
                        let angle = gapStart + margin + length * Double(k) / Double(count)
                        let c = cos(angle), s = sin(angle)
                        guard let ring = read(radius, c, s), let inner = read(radius - offset, c, s),
                              let outer = read(radius + offset, c, s) else { continue }
                        contrasts.append(0.5 * (inner + outer) - ring)
                    }
                    guard 2 * contrasts.count >= count + 2 else { continue }
                    let level = Statistics.median(contrasts)
                    guard level >= highlightRingContrast else { continue }
                    let dark = contrasts.filter { $0 >= ringFraction * level }.count
                    if Double(dark) >= ringShare * Double(contrasts.count) { return true }
                }
            }
            return false
        }
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
