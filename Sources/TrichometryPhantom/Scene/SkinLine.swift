/// A thin line in or under the skin: a furrow (dark) or a capillary (red).
struct SkinLine {
    var path: [Point]
    var widthPx: Double
    var strength: Double
    var tint: Colour
    var seed: UInt64
}
