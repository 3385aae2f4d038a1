/// An opaque 8-bit RGB colour.
public struct OverlayColor: Sendable, Equatable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    public static let white = OverlayColor(255, 255, 255)
    public static let black = OverlayColor(0, 0, 0)
}
