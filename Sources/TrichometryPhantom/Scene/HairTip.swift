/// How the end of a shaft looks.
enum HairTip {
    /// Cut with scissors or clippers: `slant` is the tangent of the cut's angle to the shaft's
    /// cross-section (blades rarely cut square), `ragged` the amplitude of the jagged edge in pixels.
    /// The centerline ends where the cut crosses the axis.
    case cut(slant: Double, ragged: Double)
    /// A natural, never-cut tip thinning over `lengthPx`.
    case tapered(lengthPx: Double)
}
