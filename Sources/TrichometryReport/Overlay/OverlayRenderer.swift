import TrichometryAnalysis
import TrichometryImageIO

/// Draws an analysis over its image so every number in the tables can be checked by eye: each hair's
/// centerline and measured edges in its class colour with its id, follicular units ringed, excluded
/// field hatched, a legend, a µm scale bar and a one-line summary. Sizes follow the image size so the
/// text stays legible at 100 % on a 5 MP image and does not swamp a small one.
public enum OverlayRenderer {
    public static let terminalColor = OverlayColor(0, 220, 255)
    public static let intermediateColor = OverlayColor(255, 210, 0)
    public static let vellusColor = OverlayColor(255, 64, 255)
    public static let unitColor = OverlayColor.white
    public static let excludedColor = OverlayColor(190, 190, 190)

    public static func color(for hairClass: HairClass) -> OverlayColor {
        switch hairClass {
        case .terminal: return terminalColor
        case .intermediate: return intermediateColor
        case .vellus: return vellusColor
        }
    }

    /// Drawing sizes for an image of this size: one "unit" is about a 640th of the shorter side.
    struct Metrics {
        let unit: Double
        let fontScale: Int
        let padding: Int
        init(width: Int, height: Int) {
            unit = max(1, Double(min(width, height)) / 640)
            fontScale = max(1, Int(unit.rounded()))
            padding = max(2, Int((2 * unit).rounded()))
        }
    }

    /// Renders the overlay. `title` (usually the file's path relative to the input root) starts the summary line.
    public static func render(_ image: RasterImage, analysis: ImageAnalysis, title: String? = nil) -> Overlay {
        precondition(image.width == analysis.width && image.height == analysis.height, "analysis is of another image")
        var canvas = RasterCanvas(image: image)
        let m = Metrics(width: image.width, height: image.height)

        if analysis.fieldMask.count == image.width * image.height && analysis.fieldMask.contains(0) {
            canvas.hatch(where: analysis.fieldMask, spacing: max(8, Int(10 * m.unit)),
                         thickness: max(2, Int((1.5 * m.unit).rounded())), color: excludedColor)
        }

        let hairs = analysis.hairs.sorted { $0.id < $1.id }
        for hair in hairs { drawShaft(hair, on: &canvas, metrics: m) }
        drawUnits(analysis.units, hairs: hairs, on: &canvas, metrics: m)
        var labels: [OverlayLabel] = []
        labels.reserveCapacity(hairs.count)
        var placed: [LabelBox] = []
        placed.reserveCapacity(hairs.count)
        for hair in hairs { labels.append(drawID(of: hair, placed: &placed, on: &canvas, metrics: m)) }
        drawLegend(on: &canvas, metrics: m)
        drawSummaryBand(analysis: analysis, title: title, on: &canvas, metrics: m)
        return Overlay(image: canvas.image, labels: labels)
    }

    // MARK: - Hairs

    /// Unit normal of the centerline at point `i` (perpendicular to the local direction).
    static func normal(of line: [PixelPoint], at i: Int) -> (x: Double, y: Double) {
        let a = line[max(0, i - 1)], b = line[min(line.count - 1, i + 1)]
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 1e-9 else { return (0, 1) }
        return (-dy / length, dx / length)
    }

    static func drawShaft(_ hair: Hair, on canvas: inout RasterCanvas, metrics m: Metrics) {
        let line = hair.centerline
        guard !line.isEmpty else { return }
        let color = color(for: hair.hairClass)
        let half = hair.diameterPixels / 2
        var left: [(x: Double, y: Double)] = [], right: [(x: Double, y: Double)] = [], center: [(x: Double, y: Double)] = []
        left.reserveCapacity(line.count); right.reserveCapacity(line.count); center.reserveCapacity(line.count)
        for i in line.indices {
            let n = normal(of: line, at: i)
            let p = line[i]
            center.append((p.x, p.y))
            left.append((p.x + n.x * half, p.y + n.y * half))
            right.append((p.x - n.x * half, p.y - n.y * half))
        }
        let edgeRadius = max(0.5, 0.3 * m.unit)
        if half >= edgeRadius * 2 {
            canvas.drawPolyline(left, radius: edgeRadius, color: color)
            canvas.drawPolyline(right, radius: edgeRadius, color: color)
        }
        canvas.drawPolyline(center, radius: max(0.5, 0.4 * m.unit), color: color)
        // The emergence point, so the direction of growth is visible.
        canvas.drawSegment(from: (hair.emergence.x, hair.emergence.y), to: (hair.emergence.x, hair.emergence.y),
                           radius: max(1.5, 1.5 * m.unit), color: color)
    }

    /// A label's box in image pixels, padding included.
    struct LabelBox {
        var x0, y0, x1, y1: Int
        func overlaps(_ o: LabelBox) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
    }

    /// Draws the hair's id beside its shaft, clear of its edge. Tries a few spots (either side,
    /// several points along the shaft) and takes the first that overlaps no label drawn before,
    /// so ids stay readable where hairs crowd; bounded work per hair.
    static func drawID(of hair: Hair, placed: inout [LabelBox], on canvas: inout RasterCanvas, metrics m: Metrics) -> OverlayLabel {
        let text = String(hair.id)
        let w = BitmapFont.width(of: text, scale: m.fontScale), h = BitmapFont.height(scale: m.fontScale)
        let pad = max(1, m.padding / 2)
        func box(at anchor: (x: Double, y: Double)) -> LabelBox {
            let x = clamp(Int(anchor.x.rounded()) - w / 2, m.padding, canvas.width - w - m.padding)
            let y = clamp(Int(anchor.y.rounded()) - h / 2, m.padding, canvas.height - h - m.padding)
            return LabelBox(x0: x - pad, y0: y - pad, x1: x + w + pad, y1: y + h + pad)
        }
        var candidates: [LabelBox] = []
        let line = hair.centerline
        if line.isEmpty {
            candidates.append(box(at: (hair.midpoint.x, hair.midpoint.y)))
        } else {
            let offset = hair.diameterPixels / 2 + 3 * m.unit + Double(max(w, h)) / 2
            for fraction in [0.5, 0.3, 0.7, 0.15, 0.85] {
                let i = min(line.count - 1, Int(Double(line.count - 1) * fraction + 0.5))
                let n = normal(of: line, at: i)
                let p = fraction == 0.5 ? hair.midpoint : line[i]
                for side in [1.0, -1.0] {
                    candidates.append(box(at: (p.x + side * n.x * offset, p.y + side * n.y * offset)))
                }
            }
        }
        let chosen = candidates.first { c in !placed.contains { $0.overlaps(c) } } ?? candidates[0]
        placed.append(chosen)
        let x = chosen.x0 + pad, y = chosen.y0 + pad
        canvas.drawLabel(text, x: x, y: y, scale: m.fontScale, color: color(for: hair.hairClass), padding: pad)
        return OverlayLabel(hairID: hair.id, x: x, y: y)
    }

    static func drawUnits(_ units: [FollicularUnit], hairs: [Hair], on canvas: inout RasterCanvas, metrics m: Metrics) {
        var emergence: [Int: PixelPoint] = [:]
        for hair in hairs { emergence[hair.id] = hair.emergence }
        for unit in units {
            var radius = 8 * m.unit
            for id in unit.hairIDs {
                guard let p = emergence[id] else { continue }
                let dx = p.x - unit.center.x, dy = p.y - unit.center.y
                radius = max(radius, (dx * dx + dy * dy).squareRoot() + 5 * m.unit)
            }
            canvas.drawRing(center: (unit.center.x, unit.center.y), radius: radius,
                            thickness: max(1, 0.8 * m.unit), color: unitColor)
        }
    }

    // MARK: - Legend, scale bar, summary

    static func drawLegend(on canvas: inout RasterCanvas, metrics m: Metrics) {
        let entries = ["terminal", "intermediate", "vellus", "follicular unit", "excluded"]
        let s = m.fontScale
        let swatch = 4 * BitmapFont.advance * s / 2
        let lineHeight = BitmapFont.lineHeight * s
        let textWidth = entries.map { BitmapFont.width(of: $0, scale: s) }.max() ?? 0
        let x0 = m.padding, y0 = m.padding
        let boxWidth = m.padding * 3 + swatch + textWidth, boxHeight = m.padding * 2 + lineHeight * entries.count
        guard boxWidth < canvas.width, boxHeight < canvas.height else { return }
        canvas.fillRect(x0: x0, y0: y0, x1: x0 + boxWidth, y1: y0 + boxHeight, color: .black, opacity: 0.6)
        for (i, entry) in entries.enumerated() {
            let top = y0 + m.padding + i * lineHeight
            let midY = Double(top) + Double(BitmapFont.glyphHeight * s) / 2
            let sx = Double(x0 + m.padding), ex = sx + Double(swatch)
            switch i {
            case 0, 1, 2:
                let color = [terminalColor, intermediateColor, vellusColor][i]
                canvas.drawSegment(from: (sx, midY), to: (ex, midY), radius: max(1, 1.2 * m.unit), color: color)
            case 3:
                let r = Double(BitmapFont.glyphHeight * s) / 2
                canvas.drawRing(center: ((sx + ex) / 2, midY), radius: r, thickness: max(1, 0.8 * m.unit), color: unitColor)
            default:
                canvas.fillRect(x0: Int(sx), y0: top, x1: Int(ex), y1: top + BitmapFont.glyphHeight * s, color: .black)
                let step = max(3, 3 * s)
                var x = Int(sx)
                while x < Int(ex) {
                    canvas.drawSegment(from: (Double(x), Double(top + BitmapFont.glyphHeight * s)),
                                       to: (min(ex, Double(x + BitmapFont.glyphHeight * s)), Double(top)),
                                       radius: 0.5, color: excludedColor)
                    x += step
                }
            }
            canvas.drawText(entry, x: x0 + 2 * m.padding + swatch, y: top, scale: s, color: .white)
        }
    }

    /// The one-line summary (count, density, vellus %) on a band along the bottom, with the scale bar at its right.
    static func drawSummaryBand(analysis: ImageAnalysis, title: String?, on canvas: inout RasterCanvas, metrics m: Metrics) {
        let s = m.fontScale
        let textHeight = BitmapFont.height(scale: s)
        let bandHeight = textHeight + 2 * m.padding
        let bandTop = canvas.height - bandHeight
        guard bandTop > 0 else { return }
        canvas.fillRect(x0: 0, y0: bandTop, x1: canvas.width, y1: canvas.height, color: .black, opacity: 0.65)
        let textTop = bandTop + m.padding

        // Scale bar at the right.
        var rightLimit = canvas.width - m.padding
        if let umPerPx = analysis.calibration.micronsPerPixel {
            let bar = scaleBar(umPerPx: umPerPx, maxPixels: Double(canvas.width) * 0.2)
            if let bar {
                let barLength = Int(bar.pixels.rounded())
                let barX1 = canvas.width - 2 * m.padding, barX0 = barX1 - barLength
                let barThickness = max(2, Int((1.5 * m.unit).rounded()))
                let barY = textTop + textHeight / 2 - barThickness / 2
                canvas.fillRect(x0: barX0, y0: barY, x1: barX1, y1: barY + barThickness, color: .white)
                canvas.fillRect(x0: barX0, y0: textTop, x1: barX0 + barThickness, y1: textTop + textHeight, color: .white)
                canvas.fillRect(x0: barX1 - barThickness, y0: textTop, x1: barX1, y1: textTop + textHeight, color: .white)
                let labelWidth = BitmapFont.width(of: bar.label, scale: s)
                let labelX = barX0 - m.padding * 2 - labelWidth
                canvas.drawText(bar.label, x: labelX, y: textTop, scale: s, color: .white)
                rightLimit = labelX - m.padding * 3
            }
        }

        // Summary text, dropping the title and then characters until it fits.
        let core = summaryText(analysis)
        var text = title.map { "\($0)  ·  \(core)" } ?? core
        let available = rightLimit - 2 * m.padding
        if BitmapFont.width(of: text, scale: s) > available { text = core }
        while !text.isEmpty && BitmapFont.width(of: text, scale: s) > available { text.removeLast() }
        canvas.drawText(text, x: 2 * m.padding, y: textTop, scale: s, color: .white)
    }

    /// "12 hairs  ·  210.3 hairs/cm²  ·  vellus 16.7 %", or with "uncalibrated" in place of the density.
    public static func summaryText(_ analysis: ImageAnalysis) -> String {
        let metrics = analysis.metrics
        let count = "\(metrics.hairCount) \(metrics.hairCount == 1 ? "hair" : "hairs")"
        let density = metrics.densityPerCm2.map { "\(DecimalFormatting.fixed($0, digits: 1)) hairs/cm²" }
            ?? "uncalibrated: no density"
        let vellus = "vellus \(DecimalFormatting.fixed(metrics.vellusPercent, digits: 1)) %"
        return [count, density, vellus].joined(separator: "  ·  ")
    }

    /// The longest round length (1-2-5 series, µm) whose bar fits in `maxPixels`.
    static func scaleBar(umPerPx: Double, maxPixels: Double) -> (pixels: Double, label: String)? {
        let candidates: [Double] = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000]
        guard let microns = candidates.last(where: { $0 / umPerPx <= maxPixels }) else { return nil }
        let label = microns >= 1_000 ? "\(DecimalFormatting.fixed(microns / 1_000, digits: 0)) mm"
            : "\(DecimalFormatting.fixed(microns, digits: 0)) µm"
        return (microns / umPerPx, label)
    }

    static func clamp(_ v: Int, _ low: Int, _ high: Int) -> Int { max(low, min(v, max(low, high))) }
}
