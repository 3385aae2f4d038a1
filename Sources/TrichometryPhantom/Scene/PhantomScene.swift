/// A point in image pixels (x right, y down; pixel centres at integer + 0.5).
typealias Point = SIMD2<Double>

/// An RGB colour in display units 0...1.
typealias Colour = SIMD3<Double>

/// Everything one phantom image shows, laid out before any pixel is drawn. The truth is read from
/// this description, so the image and the truth cannot disagree.
struct PhantomScene {
    var width: Int
    var height: Int
    var umPerPx: Double
    var field: FieldGeometry
    var skin: SkinLook
    var hairs: [HairShaft]
    /// Order in which hairs are painted (later ones lie on top).
    var paintOrder: [Int]
    var openings: [FollicleOpening]
    var furrows: [SkinLine]
    var capillaries: [SkinLine]
    var optics: OpticsLook
    var artifacts: ArtifactLook
    var daysSinceClipping: Double?
}
