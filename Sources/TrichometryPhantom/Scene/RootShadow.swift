struct RootShadow {
    var path: [Point]
    var widthPx: Double
    /// Opacity of the shadow at the emergence point.
    var strength: Double
    /// Decay length of the shadow's opacity in pixels.
    var fadePx: Double
}
