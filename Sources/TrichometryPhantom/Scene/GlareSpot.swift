struct GlareSpot {
    var centre: Point
    var radii: SIMD2<Double>
    var angle: Double
    var strength: Double
}
