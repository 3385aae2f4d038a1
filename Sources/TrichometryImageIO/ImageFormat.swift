/// The container formats Trichometry reads and writes, recognised by content, never by extension.
public enum ImageFormat: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case png = "PNG"
    case jpeg = "JPEG"

    public var description: String { rawValue }

    /// The format the leading bytes announce, or nil when they are neither PNG nor JPEG.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.count >= 8 && bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return .png
        }
        // SOI followed by the first marker's 0xFF.
        if bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF {
            return .jpeg
        }
        return nil
    }

    /// True when the bytes are a proper prefix of a format signature: a cut-off file, not a
    /// different kind of file.
    static func isSignaturePrefix(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return true }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
        return (bytes.count < png.count && png.starts(with: bytes))
            || (bytes.count < jpeg.count && jpeg.starts(with: bytes))
    }
}
