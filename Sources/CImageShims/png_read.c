// PNG decoding through libpng's classic API. libpng's error callback longjmps back into the entry
// function that set png_jmpbuf; warnings are dropped; reading past the end of the buffer is
// recorded as truncation.
#include "shim_internal.h"
#include <setjmp.h>
#include <stdlib.h>
#include <png.h>

struct trich_png_reader {
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t size;
    size_t offset;
    int truncated;
    char message[TRICH_MESSAGE_CAPACITY];
    int width;
    int height;
    int interlaced;
    int decoded_channels;   // channels libpng delivers after our transforms
    int output_channels;    // channels the caller receives (1 when we convert RGB to luma)
    int started;
};

static void trich_png_error(png_structp png, png_const_charp text) {
    struct trich_png_reader *reader = png_get_error_ptr(png);
    if (reader != NULL && reader->message[0] == '\0') trich_set_message(reader->message, text);
    png_longjmp(png, 1);
}

static void trich_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void trich_png_read_bytes(png_structp png, png_bytep out, size_t length) {
    struct trich_png_reader *reader = png_get_io_ptr(png);
    if (length > reader->size - reader->offset) {
        reader->truncated = 1;
        png_error(png, "file ends before the image data does");
    }
    memcpy(out, reader->data + reader->offset, length);
    reader->offset += length;
}

static trich_status trich_png_failure(struct trich_png_reader *reader, char *message) {
    if (reader->truncated) {
        trich_set_message(message, "file ends before the image data does");
        return TRICH_TRUNCATED;
    }
    trich_set_message(message, reader->message[0] ? reader->message : "corrupt PNG data");
    if (strstr(reader->message, "exceeds user limit") != NULL) return TRICH_TOO_LARGE;
    if (strstr(reader->message, "memory") != NULL) return TRICH_OUT_OF_MEMORY;
    return TRICH_CORRUPT;
}

trich_status trich_png_open(const unsigned char *data, size_t size, trich_output output,
                            long long pixel_limit, trich_png_reader **out_reader,
                            trich_header *header, char *message) {
    *out_reader = NULL;
    memset(header, 0, sizeof *header);
    trich_set_message(message, "");
    if (data == NULL || size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        trich_set_message(message, size < 8 ? "file ends before the PNG signature does"
                                            : "not a PNG signature");
        return size < 8 ? TRICH_TRUNCATED : TRICH_NOT_AN_IMAGE;
    }
    struct trich_png_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        trich_set_message(message, "out of memory");
        return TRICH_OUT_OF_MEMORY;
    }
    reader->data = data;
    reader->size = size;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, trich_png_error, trich_png_warning);
    if (reader->png == NULL) {
        free(reader);
        trich_set_message(message, "out of memory");
        return TRICH_OUT_OF_MEMORY;
    }
    if (setjmp(png_jmpbuf(reader->png))) {
        trich_status status = trich_png_failure(reader, message);
        trich_png_close(reader);
        return status;
    }
    reader->info = png_create_info_struct(reader->png);
    if (reader->info == NULL) png_error(reader->png, "out of memory");
    png_set_read_fn(reader->png, reader, trich_png_read_bytes);
    // Sanity bound on any single dimension; the caller's pixel limit is the real guard.
    png_set_user_limits(reader->png, 1u << 24, 1u << 24);
    png_read_info(reader->png, reader->info);

    png_structp png = reader->png;
    png_infop info = reader->info;
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    int has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    header->width = (int)width;
    header->height = (int)height;
    header->bit_depth = bit_depth;
    header->progressive = png_get_interlace_type(png, info) == PNG_INTERLACE_ADAM7;
    reader->interlaced = header->progressive;
    reader->width = (int)width;
    reader->height = (int)height;

    long long pixels = (long long)width * (long long)height;
    if (pixels > pixel_limit) {
        snprintf(message, TRICH_MESSAGE_CAPACITY, "%u x %u pixels is over the limit of %lld pixels",
                 (unsigned)width, (unsigned)height, pixel_limit);
        trich_png_close(reader);
        return TRICH_TOO_LARGE;
    }

    int is_gray = 0;
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY:
        header->color = TRICH_COLOR_GRAY; header->file_channels = 1; is_gray = 1; break;
    case PNG_COLOR_TYPE_GRAY_ALPHA:
        header->color = TRICH_COLOR_GRAY_ALPHA; header->file_channels = 2; is_gray = 1; break;
    case PNG_COLOR_TYPE_RGB:
        header->color = TRICH_COLOR_RGB; header->file_channels = 3; break;
    case PNG_COLOR_TYPE_RGB_ALPHA:
        header->color = TRICH_COLOR_RGBA; header->file_channels = 4; break;
    case PNG_COLOR_TYPE_PALETTE:
        header->color = TRICH_COLOR_PALETTE; header->file_channels = has_trns ? 4 : 3; break;
    default:
        trich_set_message(message, "unknown PNG colour type");
        trich_png_close(reader);
        return TRICH_CORRUPT;
    }
    int has_alpha = (color_type & PNG_COLOR_MASK_ALPHA) != 0 || has_trns;
    header->has_alpha = has_alpha;

    // Everything becomes 8-bit samples with expanded palettes and gray.
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (is_gray && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (bit_depth == 16) png_set_strip_16(png);

    int color_channels = is_gray ? 1 : 3;
    switch (output) {
    case TRICH_OUTPUT_NATIVE:
        if (has_trns) png_set_tRNS_to_alpha(png);
        reader->decoded_channels = color_channels + (has_alpha ? 1 : 0);
        reader->output_channels = reader->decoded_channels;
        break;
    case TRICH_OUTPUT_RGB:
        // Palette expansion adds alpha for tRNS on its own; strip whatever alpha appears.
        if (has_alpha) png_set_strip_alpha(png);
        if (is_gray) png_set_gray_to_rgb(png);
        reader->decoded_channels = 3;
        reader->output_channels = 3;
        break;
    case TRICH_OUTPUT_LUMINANCE:
        if (has_alpha) png_set_strip_alpha(png);
        reader->decoded_channels = color_channels;
        reader->output_channels = 1;
        break;
    }
    if (reader->interlaced) png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * (size_t)reader->decoded_channels) {
        trich_set_message(message, "libpng delivered an unexpected row layout");
        trich_png_close(reader);
        return TRICH_CORRUPT;
    }
    header->output_channels = reader->output_channels;
    *out_reader = reader;
    return TRICH_OK;
}

trich_status trich_png_read(trich_png_reader *reader, unsigned char *dest, size_t dest_size,
                            char *message) {
    trich_set_message(message, "");
    if (reader == NULL || dest == NULL || reader->started) {
        trich_set_message(message, "decoder used out of order");
        return TRICH_BAD_ARGUMENT;
    }
    reader->started = 1;
    size_t width = (size_t)reader->width, height = (size_t)reader->height;
    size_t out_row = width * (size_t)reader->output_channels;
    size_t decoded_row = width * (size_t)reader->decoded_channels;
    if (dest_size < out_row * height) {
        trich_set_message(message, "destination buffer too small");
        return TRICH_BAD_ARGUMENT;
    }
    // Allocated before setjmp and only freed after it, so a longjmp cannot leak or double-free.
    unsigned char *scratch = NULL;
    png_bytep *rows = malloc((height > 0 ? height : 1) * sizeof(png_bytep));
    int convert = reader->decoded_channels != reader->output_channels;
    if (convert) {
        // Interlaced passes revisit rows, so the whole RGB image is needed; otherwise one row.
        scratch = malloc(reader->interlaced ? decoded_row * height : decoded_row);
    }
    if (rows == NULL || (convert && scratch == NULL && decoded_row > 0)) {
        free(rows);
        free(scratch);
        trich_set_message(message, "out of memory");
        return TRICH_OUT_OF_MEMORY;
    }
    png_bytep *volatile rows_held = rows;
    unsigned char *volatile scratch_held = scratch;
    if (setjmp(png_jmpbuf(reader->png))) {
        free(rows_held);
        free(scratch_held);
        return trich_png_failure(reader, message);
    }
    png_structp png = reader->png;
    if (!convert) {
        for (size_t y = 0; y < height; y++) rows[y] = dest + y * out_row;
        png_read_image(png, rows);
    } else if (reader->interlaced) {
        for (size_t y = 0; y < height; y++) rows[y] = scratch + y * decoded_row;
        png_read_image(png, rows);
        for (size_t y = 0; y < height; y++) trich_rgb_row_to_gray(rows[y], dest + y * out_row, width);
    } else {
        for (size_t y = 0; y < height; y++) {
            png_read_row(png, scratch, NULL);
            trich_rgb_row_to_gray(scratch, dest + y * out_row, width);
        }
    }
    // Reading to IEND catches a file cut after the pixel data and damaged trailing chunks.
    png_read_end(png, NULL);
    free(rows);
    free(scratch);
    return TRICH_OK;
}

void trich_png_close(trich_png_reader *reader) {
    if (reader == NULL) return;
    png_destroy_read_struct(&reader->png, reader->info ? &reader->info : NULL, NULL);
    free(reader);
}
