/// Stage 2b: the contrast of unpigmented shafts (grey and white hairs) against the skin, in colour.
///
/// Skin is red-leaning (blood and melanin: red well above blue); keratin without pigment is neutral. A grey
/// hair can match the skin's brightness, so the luminance shows at most its refracting edges, but it takes the
/// skin's redness away across its whole width. Redness here is red minus blue, flattened against the local
/// skin's redness the way brightness is (`IlluminationFlattener`). The result is written as a transmission,
/// `2 − RB / skin RB`: 1 on skin and towards 2 on a neutral shaft, so an unpigmented shaft is a line lighter
/// than the skin and the light-shaft machinery (ridge sign, segmentation, profile fits) applies unchanged.
/// Pigmented shafts lose the redness too (a black hair is neutral); the dark pass finds those, and
/// `shaftMask` leaves them out.
enum UnpigmentedContrast {
    /// Skin whose red exceeds its blue by less than this (of 255) is too neutral for the contrast to mean
    /// anything (a grey-scale image has none): the pass is skipped.
    static let minimumSkinRedness: Float = 12

    struct Result {
        /// `2 − RB / skin RB`, 1 on skin; 1 outside the field.
        var transmission: FloatPlane
        /// Robust pixel-scale noise of the transmission over the field.
        var noise: Float
    }

    /// The flattened redness contrast, or nil when the skin is not red enough to tell a neutral shaft by.
    static func flatten(redMinusBlue: FloatPlane, field: ByteMask, micronsPerPixel: Double) -> Result? {
        var flat = IlluminationFlattener.flatten(luminance: redMinusBlue, field: field, micronsPerPixel: micronsPerPixel)
        guard flat.typicalSkinLevel >= minimumSkinRedness else { return nil }
        // `flatten` gives the redness lost, (skin − RB) / skin, 0 outside the field: the transmission is 1 + that.
        flat.darkness.samples.withUnsafeMutableBufferPointer { d in
            for i in 0..<d.count { d[i] = 1 + d[i] }
        }
        return Result(transmission: flat.darkness, noise: flat.noise)
    }

    /// Whether a pixel of a shaft found by its darkness is pigmented: its darkening (`darkness`, from the
    /// luminance) accounts for at least half the redness it lost. Blur mixes hair and skin alike in both, so a
    /// dark hair's soft edges count as pigmented too; the refracting edges of a grey hair, which lose the
    /// redness without darkening nearly as much, do not.
    @inline(__always)
    static func isPigmented(darkness: Float, transmission: Float) -> Bool {
        darkness >= 0.5 * (transmission - 1)
    }

    /// Unpigmented shafts: hysteresis segmentation (`ShaftSegmenter`, with the light passes' `thresholds`) of
    /// the ridges of `contrast`, leaving out the shafts already found: the light ones (`lightMask`) and the
    /// pigmented pixels of the dark ones (`darkMask`, `fainterMask`, judged with the luminance `darkness`),
    /// with a blur margin of about 3 px. Detection runs on 2 × 2 averages (so its finest ridge scale is 2 px):
    /// JPEG stores colour at half resolution anyway, and a quarter of the pixels keeps the pass's cost and
    /// memory small. The mask comes back at full resolution.
    static func shaftMask(_ contrast: Result, field: ByteMask, darkMask: ByteMask, fainterMask: ByteMask,
                          darkness luminanceDarkness: FloatPlane, lightMask: ByteMask, micronsPerPixel: Double,
                          thresholds: ShaftSegmenter.Thresholds, maxHoleArea: Int, shaftRadius: Int) -> ByteMask {
        let w = field.width, h = field.height
        let hw = max(1, w / 2), hh = max(1, h / 2)
        // Shaft pixels already found, full resolution: light, or dark and pigmented.
        var found = ByteMask(width: w, height: h)
        found.bits.withUnsafeMutableBufferPointer { out in
            lightMask.bits.withUnsafeBufferPointer { light in
                darkMask.bits.withUnsafeBufferPointer { dark in
                    fainterMask.bits.withUnsafeBufferPointer { fainter in
                        luminanceDarkness.samples.withUnsafeBufferPointer { d in
                            contrast.transmission.samples.withUnsafeBufferPointer { t in
                                for i in 0..<out.count {
                                    if light[i] != 0 {
                                        out[i] = 1
                                    } else if dark[i] | fainter[i] != 0 && isPigmented(darkness: d[i], transmission: t[i]) {
                                        out[i] = 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var halfDarkness = FloatPlane(width: hw, height: hh)
        var halfField = ByteMask(width: hw, height: hh)
        var halfFound = ByteMask(width: hw, height: hh)
        contrast.transmission.samples.withUnsafeBufferPointer { t in
            field.bits.withUnsafeBufferPointer { f in
                found.bits.withUnsafeBufferPointer { e in
                    halfDarkness.samples.withUnsafeMutableBufferPointer { d in
                        halfField.bits.withUnsafeMutableBufferPointer { hf in
                            halfFound.bits.withUnsafeMutableBufferPointer { he in
                                for y in 0..<hh {
                                    // The last row and column of an odd-sized image fold into the block before.
                                    let y0 = min(2 &* y, h &- 1), y1 = min(2 &* y &+ 1, h &- 1)
                                    for x in 0..<hw {
                                        let x0 = min(2 &* x, w &- 1), x1 = min(2 &* x &+ 1, w &- 1)
                                        let p00 = y0 &* w &+ x0, p01 = y0 &* w &+ x1, p10 = y1 &* w &+ x0, p11 = y1 &* w &+ x1
                                        let o = y &* hw &+ x
                                        // The segmenter's darkness, 1 − transmission: negative on a neutral shaft.
                                        d[o] = 1 - 0.25 * (t[p00] + t[p01] + t[p10] + t[p11])
                                        hf[o] = f[p00] & f[p01] & f[p10] & f[p11] != 0 ? 1 : 0
                                        he[o] = e[p00] | e[p01] | e[p10] | e[p11] != 0 ? 1 : 0
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let exclude = ShaftSegmenter.dilated(halfFound, radius: 1.5)
        let scales = RidgeDetector.scales(micronsPerPixel: 2 * micronsPerPixel)
        let ridges = RidgeDetector.detect(darkness: halfDarkness, field: halfField, scales: scales)
        let noise = IlluminationFlattener.robustPixelNoise(halfDarkness, field: halfField)
        let half = ShaftSegmenter.segment(score: ridges.lightScore, darkness: halfDarkness, field: halfField, noise: noise,
                                          polarity: -1, thresholds: thresholds, maxHoleArea: max(4, maxHoleArea / 4),
                                          shaftRadius: max(2, shaftRadius / 2), exclude: exclude)
        var mask = ByteMask(width: w, height: h)
        half.bits.withUnsafeBufferPointer { m in
            field.bits.withUnsafeBufferPointer { f in
                found.bits.withUnsafeBufferPointer { e in
                    mask.bits.withUnsafeMutableBufferPointer { out in
                        for y in 0..<h {
                            let row = min(y / 2, hh &- 1) &* hw, line = y &* w
                            for x in 0..<w {
                                let i = line &+ x
                                if m[row &+ min(x / 2, hw &- 1)] != 0 && f[i] != 0 && e[i] == 0 { out[i] = 1 }
                            }
                        }
                    }
                }
            }
        }
        return mask
    }
}
