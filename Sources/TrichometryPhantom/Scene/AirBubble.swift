struct AirBubble {
    var centre: Point
    var radiusPx: Double
    var rimWidthPx: Double
    var rimDarkness: Double
}
