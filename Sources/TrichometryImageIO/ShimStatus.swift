import CImageShims

/// Turns shim status codes and message buffers into `ImageIOError` reasons.
enum ShimStatus {
    static func message(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func reason(_ status: trich_status, message buffer: [CChar]) -> ImageIOError.Reason {
        let detail = message(buffer)
        switch status {
        case TRICH_TRUNCATED: return .truncated
        case TRICH_NOT_AN_IMAGE: return .notAnImage
        case TRICH_UNSUPPORTED: return .unsupportedFormat(detail.isEmpty ? "unsupported variant" : detail)
        case TRICH_TOO_LARGE: return .tooLarge(detail.isEmpty ? "over the pixel limit" : detail)
        case TRICH_OUT_OF_MEMORY: return .outOfMemory
        default: return .corrupt(detail.isEmpty ? "undecodable data" : detail)
        }
    }
}
