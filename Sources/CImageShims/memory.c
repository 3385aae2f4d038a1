#include "CImageShims.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

int trich_reuse_freed_buffers(void) {
#ifdef __GLIBC__
    // glibc serves requests above its mmap threshold (128 KiB, rising to at most 32 MiB as large blocks
    // are freed) by mmap, and returns freed memory above the trim threshold to the kernel. An analysis
    // allocates and frees image-sized planes stage after stage, so each would be faulted in and zeroed
    // anew (about a tenth of a 5 MP analysis). 32 MiB is the largest threshold glibc accepts; the trim
    // threshold keeps a worker's freed planes for the next image.
    int ok = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    ok &= mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    return ok ? 1 : 0;
#else
    return 0;
#endif
}
