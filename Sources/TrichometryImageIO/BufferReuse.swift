import CImageShims

/// How the process gets memory for image-sized buffers.
public enum BufferReuse {
    /// Image planes of up to 32 MiB (a few megapixels of `Float`) come from the malloc heap, and freed ones
    /// are kept for the next plane or image, instead of each being a fresh mapping the kernel faults in and
    /// zeroes page by page: about a tenth of a 5 MP analysis, which allocates and frees a dozen such planes.
    /// Larger planes (24 MP) are still mapped afresh. Process-wide; call once, before the work starts.
    /// Returns whether the policy was applied (glibc only).
    @discardableResult
    public static func keepFreedImageBuffers() -> Bool {
        trich_reuse_freed_buffers() == 1
    }
}
