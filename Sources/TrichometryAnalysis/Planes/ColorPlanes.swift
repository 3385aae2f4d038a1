import TrichometryImageIO

/// The per-pixel colour features the pipeline reads, split once from the interleaved input.
struct ColorPlanes {
    /// Rec. 601 luma, 0...255.
    var luminance: FloatPlane
    /// Red minus blue, −255...255: skin and brown hair are red-leaning; root shadows under the skin
    /// and bluish-grey structures lean blue. Zero for gray input.
    var redMinusBlue: FloatPlane
    /// max(R,G,B) − min(R,G,B), 0...255: clinicians' annotation marks are strongly saturated.
    var saturation: FloatPlane
    /// max(R,G,B), 0...255: saturated glare.
    var maximum: FloatPlane
    let isColor: Bool

    init(_ image: RasterImage) {
        let w = image.width, h = image.height, n = w * h
        var lum = [Float](repeating: 0, count: n)
        var rb = [Float](repeating: 0, count: n)
        var sat = [Float](repeating: 0, count: n)
        var mx = [Float](repeating: 0, count: n)
        let ch = image.channels
        isColor = ch >= 3
        image.pixels.withUnsafeBufferPointer { px in
            lum.withUnsafeMutableBufferPointer { l in
                rb.withUnsafeMutableBufferPointer { d in
                    sat.withUnsafeMutableBufferPointer { s in
                        mx.withUnsafeMutableBufferPointer { m in
                            if ch >= 3 {
                                var p = 0
                                for i in 0..<n {
                                    let r = Float(px[p]), g = Float(px[p &+ 1]), b = Float(px[p &+ 2])
                                    l[i] = 0.299 * r + 0.587 * g + 0.114 * b
                                    d[i] = r - b
                                    let hi = max(r, max(g, b)), lo = min(r, min(g, b))
                                    s[i] = hi - lo
                                    m[i] = hi
                                    p &+= ch
                                }
                            } else {
                                var p = 0
                                for i in 0..<n {
                                    let v = Float(px[p])
                                    l[i] = v
                                    m[i] = v
                                    p &+= ch
                                }
                            }
                        }
                    }
                }
            }
        }
        luminance = FloatPlane(width: w, height: h, samples: lum)
        redMinusBlue = FloatPlane(width: w, height: h, samples: rb)
        saturation = FloatPlane(width: w, height: h, samples: sat)
        maximum = FloatPlane(width: w, height: h, samples: mx)
    }
}
