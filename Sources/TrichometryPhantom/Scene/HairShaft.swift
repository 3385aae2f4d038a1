/// One hair above the skin.
struct HairShaft {
    /// Dense centerline from the emergence point to the tip (spacing about half a pixel).
    var path: [Point]
    var diameterUm: Double
    var radiusPx: Double
    var look: HairLook
    var tip: HairTip
    var unitId: Int
    var phase: String?
    var lighterThanSkin: Bool
    /// The bluish-grey shadow of the root under the skin, from the emergence point backwards.
    var rootShadow: RootShadow
    /// Seed for the shaft's own pigment and cut-edge noise.
    var detailSeed: UInt64
}
