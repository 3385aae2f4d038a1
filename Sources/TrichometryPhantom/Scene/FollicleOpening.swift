/// A follicle opening seen from above: where hairs emerge, or an empty one.
struct FollicleOpening {
    enum Kind { case hairBearing, empty, yellowDot }
    var centre: Point
    var radiusPx: Double
    var kind: Kind
    var strength: Double
    /// A brown peripilar halo around the opening (0 = none).
    var halo: Double
}
