import TrichometryImageIO

/// An annotated image and the hair ids drawn on it.
public struct Overlay: Sendable {
    /// RGB, the size of the analysed image.
    public var image: RasterImage
    /// One label per hair, in hair id order.
    public var labels: [OverlayLabel]
}
