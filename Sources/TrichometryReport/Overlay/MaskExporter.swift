import TrichometryAnalysis
import TrichometryImageIO

/// Binary masks of an analysis as gray images (0 or 255), for QA and for training other models.
public enum MaskExporter {
    /// 255 where a pixel belongs to a detected hair shaft, 0 elsewhere.
    public static func hairMask(of analysis: ImageAnalysis) -> RasterImage {
        binaryImage(analysis.hairMask, width: analysis.width, height: analysis.height)
    }

    /// 255 where the pixel is valid skin field, 0 where excluded.
    public static func fieldMask(of analysis: ImageAnalysis) -> RasterImage {
        binaryImage(analysis.fieldMask, width: analysis.width, height: analysis.height)
    }

    static func binaryImage(_ mask: [UInt8], width: Int, height: Int) -> RasterImage {
        let n = width * height
        var out = [UInt8](repeating: 0, count: n)
        guard mask.count == n else { return RasterImage(width: width, height: height, channels: 1, pixels: out) }
        mask.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var i = 0
                while i < n {
                    dst[i] = src[i] == 0 ? 0 : 255
                    i &+= 1
                }
            }
        }
        return RasterImage(width: width, height: height, channels: 1, pixels: out)
    }
}
