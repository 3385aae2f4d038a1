#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The image frame, the dermatoscope's circular aperture and the burnt-in banner: what part of the
/// image shows skin. The valid field's area is computed exactly from this geometry.
struct FieldGeometry {
    struct Aperture {
        var centre: Point
        var radius: Double
    }

    /// A full-width banner strip between rows `top` and `bottom` (pixels, `top < bottom`).
    struct Banner {
        var top: Double
        var bottom: Double
    }

    var width: Int
    var height: Int
    var aperture: Aperture?
    var banner: Banner?

    /// True when the point shows skin: inside the frame, inside the aperture, outside the banner.
    func contains(_ p: Point) -> Bool {
        guard p.x >= 0, p.y >= 0, p.x <= Double(width), p.y <= Double(height) else { return false }
        if let banner, p.y >= banner.top, p.y <= banner.bottom { return false }
        if let aperture {
            let d = p - aperture.centre
            if d.x * d.x + d.y * d.y > aperture.radius * aperture.radius { return false }
        }
        return true
    }

    /// Exact area of the valid field in square pixels.
    var validAreaPx2: Double {
        var rects: [(Double, Double, Double, Double)] = []  // x0, x1, y0, y1
        let w = Double(width), h = Double(height)
        if let banner {
            let top = max(0, min(h, banner.top)), bottom = max(0, min(h, banner.bottom))
            if top > 0 { rects.append((0, w, 0, top)) }
            if bottom < h { rects.append((0, w, bottom, h)) }
        } else {
            rects.append((0, w, 0, h))
        }
        var total = 0.0
        for (x0, x1, y0, y1) in rects {
            if let aperture {
                total += FieldGeometry.diskRectangleArea(centre: aperture.centre, radius: aperture.radius,
                                                         x0: x0, x1: x1, y0: y0, y1: y1)
            } else {
                total += (x1 - x0) * (y1 - y0)
            }
        }
        return total
    }

    /// Area of a disk's intersection with an axis-aligned rectangle, by inclusion–exclusion over
    /// quadrant areas, each integrated in closed form.
    static func diskRectangleArea(centre: Point, radius: Double,
                                  x0: Double, x1: Double, y0: Double, y1: Double) -> Double {
        let ax0 = x0 - centre.x, ax1 = x1 - centre.x, ay0 = y0 - centre.y, ay1 = y1 - centre.y
        let area = quadrant(ax1, ay1, radius) - quadrant(ax0, ay1, radius)
            - quadrant(ax1, ay0, radius) + quadrant(ax0, ay0, radius)
        return max(0, area)
    }

    /// Area of {x ≤ a, y ≤ b} inside the disk of radius r centred at the origin.
    static func quadrant(_ a: Double, _ b: Double, _ r: Double) -> Double {
        let upper = min(a, r)
        guard upper > -r else { return 0 }
        // Integrand over x: length of [-h(x), min(b, h(x))] where h = sqrt(r² - x²).
        // Pieces: b ≥ h → 2h; -h < b < h → b + h; b ≤ -h → 0. Breakpoints where h(x) = |b|.
        var cuts: [Double] = [-r]
        if abs(b) < r {
            let xb = (r * r - b * b).squareRoot()
            cuts.append(-xb); cuts.append(xb)
        }
        cuts.append(r)
        var total = 0.0
        for i in 0..<(cuts.count - 1) {
            let lo = cuts[i], hi = min(cuts[i + 1], upper)
            guard hi > lo else { continue }
            let mid = 0.5 * (lo + hi)
            let h = (r * r - mid * mid).squareRoot()
            if b >= h {
                total += 2 * (chordIntegral(hi, r) - chordIntegral(lo, r))
            } else if b > -h {
                total += b * (hi - lo) + (chordIntegral(hi, r) - chordIntegral(lo, r))
            }
        }
        return total
    }

    /// Antiderivative of sqrt(r² - x²).
    static func chordIntegral(_ x: Double, _ r: Double) -> Double {
        let xc = max(-r, min(r, x))
        return 0.5 * (xc * (r * r - xc * xc).squareRoot() + r * r * asin(xc / r))
    }
}
