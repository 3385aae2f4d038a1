/// A traced shaft before measurement: an ordered centerline plus what each end touches.
struct ShaftPath {
    enum EndKind: Equatable {
        /// The shaft's own tip (or the point where it fades out).
        case tip
        /// The shaft stops at a junction with other shafts without continuing through it: a T, or one of
        /// several hairs leaving one opening.
        case junction
        /// The path was split at a sharp corner: two hairs leaving one opening in a V.
        case corner
        /// Measurement split a bundle of touching hairs, and this end is where the bundle's hairs end together:
        /// their common opening, or tips clipped alike (`BundleSplitter`). Shared, like a junction, but nothing
        /// covers it.
        case bundleEnd
    }

    /// Centerline points in pixel coordinates (pixel centres at integer + 0.5), about one pixel apart.
    var points: [PixelPoint]
    var startKind: EndKind
    var endKind: EndKind
    /// Centres of the crossings this path runs through; measurement keeps away from them.
    var crossings: [PixelPoint]
    /// Half-width estimate along the path from the mask's distance transform (pixels).
    var radiusEstimate: Double
    var polarity: ShaftPolarity
    /// Found beside a darker shaft (second segmentation pass): the edges of that shaft can leave faint
    /// false lines there, so such paths must show more contrast to count.
    var besideDarkerShaft: Bool = false
    /// Found by the redness it takes from the skin (`UnpigmentedContrast`), not by its brightness: measured
    /// in that plane.
    var unpigmented: Bool = false
}
