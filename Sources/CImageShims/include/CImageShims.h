#ifndef CIMAGESHIMS_H
#define CIMAGESHIMS_H
// A small C layer over libjpeg and libpng. Every libjpeg/libpng call made on behalf of Swift
// happens inside one of these functions, each of which sets its own setjmp point: errors longjmp
// back into the same C function and come out as a status code plus a one-line message, so a
// longjmp never crosses a Swift frame and the libraries never print or exit.
#include <stddef.h>
#include <stdint.h>

int trich_shims_version(void);

/// Outcome of a shim call. Swift maps each to an ImageIOError reason.
typedef enum {
    TRICH_OK = 0,
    TRICH_NOT_AN_IMAGE = 1,
    TRICH_UNSUPPORTED = 2,
    TRICH_TRUNCATED = 3,
    TRICH_CORRUPT = 4,
    TRICH_TOO_LARGE = 5,
    TRICH_OUT_OF_MEMORY = 6,
    TRICH_BAD_ARGUMENT = 7
} trich_status;

/// Pixel layout requested from a decoder.
typedef enum {
    TRICH_OUTPUT_NATIVE = 0,     // the file's own channels at 8 bits (palette expanded, CMYK to RGB)
    TRICH_OUTPUT_RGB = 1,        // always 3 channels, alpha dropped
    TRICH_OUTPUT_LUMINANCE = 2   // always 1 channel (Rec. 601 luma, alpha dropped)
} trich_output;

/// Colour model stored in the file.
typedef enum {
    TRICH_COLOR_GRAY = 0,
    TRICH_COLOR_GRAY_ALPHA = 1,
    TRICH_COLOR_RGB = 2,
    TRICH_COLOR_RGBA = 3,
    TRICH_COLOR_PALETTE = 4,
    TRICH_COLOR_YCBCR = 5,
    TRICH_COLOR_CMYK = 6,
    TRICH_COLOR_YCCK = 7
} trich_color;

/// Everything the header says, read before any pixel memory is allocated.
typedef struct {
    int width;
    int height;
    int file_channels;       // channels the file stores (palette PNG: 3, or 4 with tRNS)
    int bit_depth;           // bits per sample in the file
    int color;               // trich_color
    int progressive;         // JPEG progressive, or PNG Adam7 interlaced
    int has_alpha;           // PNG alpha channel or tRNS
    int output_channels;     // channels the read call will deliver for the requested output
    int restart_interval;    // JPEG restart interval in MCUs (0: none)
    const unsigned char *exif;   // JPEG APP1 Exif payload after "Exif\0\0" (valid until close), or NULL
    size_t exif_length;
} trich_header;

enum { TRICH_MESSAGE_CAPACITY = 200 };

// MARK: JPEG reading: open (header only) → read (all pixels) → close.

typedef struct trich_jpeg_reader trich_jpeg_reader;

/// Reads the header. Refuses (TRICH_TOO_LARGE) when width*height exceeds pixel_limit, before
/// libjpeg allocates any image-sized buffer. On failure *reader is NULL and message says why.
trich_status trich_jpeg_open(const unsigned char *data, size_t size, trich_output output,
                             long long pixel_limit, trich_jpeg_reader **reader,
                             trich_header *header, char *message);
/// Decodes every row into dest (width*height*output_channels bytes). A truncated stream or
/// corrupt entropy data (libjpeg warnings) is an error, not a grey-padded image.
trich_status trich_jpeg_read(trich_jpeg_reader *reader, unsigned char *dest, size_t dest_size,
                             char *message);
void trich_jpeg_close(trich_jpeg_reader *reader);

// MARK: PNG reading: open (header only) → read (all pixels) → close.

typedef struct trich_png_reader trich_png_reader;

trich_status trich_png_open(const unsigned char *data, size_t size, trich_output output,
                            long long pixel_limit, trich_png_reader **reader,
                            trich_header *header, char *message);
trich_status trich_png_read(trich_png_reader *reader, unsigned char *dest, size_t dest_size,
                            char *message);
void trich_png_close(trich_png_reader *reader);

// MARK: Encoding into memory. On TRICH_OK *out is a malloc'd buffer: release it with trich_free.

trich_status trich_png_encode(const unsigned char *pixels, int width, int height, int channels,
                              int compression_level, unsigned char **out, size_t *out_size,
                              char *message);

/// How a JPEG is stored. `color` is TRICH_COLOR_GRAY, TRICH_COLOR_YCBCR (from RGB pixels),
/// TRICH_COLOR_CMYK or TRICH_COLOR_YCCK (both from 4-channel CMYK pixels, Adobe-inverted as
/// Photoshop writes them).
typedef struct {
    int quality;
    int progressive;
    int restart_interval;    // in MCUs, 0 for none
    int color;
    int optimize_coding;
    int arithmetic_coding;   // arithmetic instead of Huffman entropy coding
} trich_jpeg_encode_options;

trich_status trich_jpeg_encode(const unsigned char *pixels, int width, int height, int channels,
                               const trich_jpeg_encode_options *options, unsigned char **out,
                               size_t *out_size, char *message);

void trich_free(void *pointer);

// MARK: Benchmark reference: libjpeg-turbo's own decode (plain libjpeg API, no extras).

/// Decodes to RGB (or gray) into a buffer it allocates and frees; returns a sample checksum
/// (so the work cannot be optimised away) or -1 on failure.
long long trich_bench_reference_jpeg_decode(const unsigned char *data, size_t size, int grayscale);

/// Large buffers (up to 32 MiB: an image plane of a few megapixels) are taken from the malloc heap and
/// freed ones kept there for the next, instead of each being a fresh mapping that the kernel faults in and
/// zeroes page by page. glibc only; elsewhere a no-op. Returns 1 when the policy was applied.
int trich_reuse_freed_buffers(void);

#endif
