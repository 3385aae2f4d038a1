struct ArtifactLook {
    var glareSpots: [GlareSpot] = []
    var bubbles: [AirBubble] = []
    var bannerText: String = ""
    var bannerBackground: Colour = Colour(0, 0, 0)
    var bannerInk: Colour = Colour(1, 1, 1)
    /// A red circle a clinician drew on the image (not excluded from the field: hairs run under it).
    var annotation: (centre: Point, radius: Double, width: Double)? = nil
}
