// PNG and JPEG encoding into a growable memory buffer owned by the shim. Each encoder keeps its
// state on the heap behind a pointer fixed before setjmp, so a longjmp can always free it.
#include "shim_internal.h"
#include <setjmp.h>
#include <stdlib.h>
#include <png.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    int failed;
} trich_buffer;

static int trich_buffer_reserve(trich_buffer *buffer, size_t extra) {
    if (extra <= buffer->capacity - buffer->count) return 1;
    size_t capacity = buffer->capacity ? buffer->capacity : 65536;
    while (capacity - buffer->count < extra) {
        if (capacity > ((size_t)-1) / 2) return 0;
        capacity *= 2;
    }
    unsigned char *grown = realloc(buffer->bytes, capacity);
    if (grown == NULL) return 0;
    buffer->bytes = grown;
    buffer->capacity = capacity;
    return 1;
}

// MARK: PNG

typedef struct {
    png_structp png;
    png_infop info;
    trich_buffer buffer;
    char message[TRICH_MESSAGE_CAPACITY];
} trich_png_writer;

static void trich_png_write_error(png_structp png, png_const_charp text) {
    trich_png_writer *writer = png_get_error_ptr(png);
    if (writer != NULL && writer->message[0] == '\0') trich_set_message(writer->message, text);
    png_longjmp(png, 1);
}

static void trich_png_write_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void trich_png_write_bytes(png_structp png, png_bytep data, size_t length) {
    trich_png_writer *writer = png_get_io_ptr(png);
    if (!trich_buffer_reserve(&writer->buffer, length)) {
        writer->buffer.failed = 1;
        png_error(png, "out of memory");
    }
    memcpy(writer->buffer.bytes + writer->buffer.count, data, length);
    writer->buffer.count += length;
}

static void trich_png_flush(png_structp png) { (void)png; }

trich_status trich_png_encode(const unsigned char *pixels, int width, int height, int channels,
                              int compression_level, unsigned char **out, size_t *out_size,
                              char *message) {
    *out = NULL;
    *out_size = 0;
    trich_set_message(message, "");
    if (pixels == NULL || width <= 0 || height <= 0 || channels < 1 || channels > 4) {
        trich_set_message(message, "PNG needs a non-empty image with 1 to 4 channels");
        return TRICH_BAD_ARGUMENT;
    }
    static const int color_types[5] = { 0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                        PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA };
    if (compression_level < 0) compression_level = 0;
    if (compression_level > 9) compression_level = 9;

    trich_png_writer *writer = calloc(1, sizeof *writer);
    if (writer == NULL) {
        trich_set_message(message, "out of memory");
        return TRICH_OUT_OF_MEMORY;
    }
    writer->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, writer, trich_png_write_error,
                                          trich_png_write_warning);
    if (writer->png == NULL) {
        free(writer);
        trich_set_message(message, "out of memory");
        return TRICH_OUT_OF_MEMORY;
    }
    if (setjmp(png_jmpbuf(writer->png))) {
        trich_set_message(message, writer->message[0] ? writer->message : "PNG encoding failed");
        trich_status status = writer->buffer.failed ? TRICH_OUT_OF_MEMORY : TRICH_BAD_ARGUMENT;
        png_destroy_write_struct(&writer->png, writer->info ? &writer->info : NULL);
        free(writer->buffer.bytes);
        free(writer);
        return status;
    }
    writer->info = png_create_info_struct(writer->png);
    if (writer->info == NULL) png_error(writer->png, "out of memory");
    png_structp png = writer->png;
    png_set_write_fn(png, writer, trich_png_write_bytes, trich_png_flush);
    png_set_compression_level(png, compression_level);
    // Adaptive filtering tries five filters per row; at fast levels one cheap filter is nearly as
    // small and much quicker (overlays are large).
    if (compression_level == 0) {
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    } else if (compression_level <= 3) {
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    }
    png_set_IHDR(png, writer->info, (png_uint_32)width, (png_uint_32)height, 8,
                 color_types[channels], PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, writer->info);
    size_t row_bytes = (size_t)width * (size_t)channels;
    for (int y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * row_bytes));
    }
    png_write_end(png, writer->info);
    png_destroy_write_struct(&writer->png, &writer->info);
    *out = writer->buffer.bytes;
    *out_size = writer->buffer.count;
    free(writer);
    return TRICH_OK;
}

// MARK: JPEG

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
} trich_jpeg_encode_error;

typedef struct {
    struct jpeg_compress_struct cinfo;
    trich_jpeg_encode_error error;
    struct jpeg_destination_mgr destination;
    trich_buffer buffer;
} trich_jpeg_writer;

static void trich_jpeg_encode_error_exit(j_common_ptr cinfo) {
    longjmp(((trich_jpeg_encode_error *)cinfo->err)->jump, 1);
}

static void trich_jpeg_encode_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void trich_jpeg_encode_emit_message(j_common_ptr cinfo, int level) {
    (void)cinfo;
    (void)level;
}

enum { TRICH_JPEG_CHUNK = 65536 };

static void trich_jpeg_init_destination(j_compress_ptr cinfo) {
    trich_jpeg_writer *writer = (trich_jpeg_writer *)cinfo->client_data;
    if (!trich_buffer_reserve(&writer->buffer, TRICH_JPEG_CHUNK)) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 1);
    writer->destination.next_output_byte = writer->buffer.bytes + writer->buffer.count;
    writer->destination.free_in_buffer = writer->buffer.capacity - writer->buffer.count;
}

static boolean trich_jpeg_empty_output(j_compress_ptr cinfo) {
    trich_jpeg_writer *writer = (trich_jpeg_writer *)cinfo->client_data;
    // libjpeg only calls this when the whole free region has been filled.
    writer->buffer.count = writer->buffer.capacity;
    if (!trich_buffer_reserve(&writer->buffer, TRICH_JPEG_CHUNK)) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 2);
    writer->destination.next_output_byte = writer->buffer.bytes + writer->buffer.count;
    writer->destination.free_in_buffer = writer->buffer.capacity - writer->buffer.count;
    return TRUE;
}

static void trich_jpeg_term_destination(j_compress_ptr cinfo) {
    trich_jpeg_writer *writer = (trich_jpeg_writer *)cinfo->client_data;
    writer->buffer.count = writer->buffer.capacity - writer->destination.free_in_buffer;
}

trich_status trich_jpeg_encode(const unsigned char *pixels, int width, int height, int channels,
                               const trich_jpeg_encode_options *options, unsigned char **out,
                               size_t *out_size, char *message) {
    *out = NULL;
    *out_size = 0;
    trich_set_message(message, "");
    if (pixels == NULL || options == NULL || width <= 0 || height <= 0 || width > 65500 || height > 65500) {
        trich_set_message(message, "JPEG needs a non-empty image of at most 65500 x 65500 pixels");
        return TRICH_BAD_ARGUMENT;
    }
    J_COLOR_SPACE input_space;
    J_COLOR_SPACE stored_space;
    int input_components;
    switch (options->color) {
    case TRICH_COLOR_GRAY:
        input_space = JCS_GRAYSCALE; stored_space = JCS_GRAYSCALE; input_components = 1; break;
    case TRICH_COLOR_YCBCR:
        input_space = JCS_RGB; stored_space = JCS_YCbCr; input_components = 3; break;
    case TRICH_COLOR_CMYK:
        input_space = JCS_CMYK; stored_space = JCS_CMYK; input_components = 4; break;
    case TRICH_COLOR_YCCK:
        input_space = JCS_CMYK; stored_space = JCS_YCCK; input_components = 4; break;
    default:
        trich_set_message(message, "unsupported JPEG colour model");
        return TRICH_BAD_ARGUMENT;
    }
    if (channels != input_components) {
        snprintf(message, TRICH_MESSAGE_CAPACITY, "JPEG %s needs %d channels, the image has %d",
                 input_components == 1 ? "gray" : input_components == 3 ? "colour" : "CMYK",
                 input_components, channels);
        return TRICH_BAD_ARGUMENT;
    }
    trich_jpeg_writer *writer = calloc(1, sizeof *writer);
    if (writer == NULL) {
        trich_set_message(message, "out of memory");
        return TRICH_OUT_OF_MEMORY;
    }
    writer->cinfo.err = jpeg_std_error(&writer->error.pub);
    writer->error.pub.error_exit = trich_jpeg_encode_error_exit;
    writer->error.pub.output_message = trich_jpeg_encode_output_message;
    writer->error.pub.emit_message = trich_jpeg_encode_emit_message;
    if (setjmp(writer->error.jump)) {
        char text[JMSG_LENGTH_MAX];
        (*writer->error.pub.format_message)((j_common_ptr)&writer->cinfo, text);
        trich_set_message(message, text);
        trich_status status = writer->error.pub.msg_code == JERR_OUT_OF_MEMORY ? TRICH_OUT_OF_MEMORY
                                                                               : TRICH_BAD_ARGUMENT;
        jpeg_destroy_compress(&writer->cinfo);
        free(writer->buffer.bytes);
        free(writer);
        return status;
    }
    jpeg_create_compress(&writer->cinfo);
    struct jpeg_compress_struct *cinfo = &writer->cinfo;
    cinfo->client_data = writer;
    writer->destination.init_destination = trich_jpeg_init_destination;
    writer->destination.empty_output_buffer = trich_jpeg_empty_output;
    writer->destination.term_destination = trich_jpeg_term_destination;
    cinfo->dest = &writer->destination;
    cinfo->image_width = (JDIMENSION)width;
    cinfo->image_height = (JDIMENSION)height;
    cinfo->input_components = input_components;
    cinfo->in_color_space = input_space;
    jpeg_set_defaults(cinfo);
    jpeg_set_colorspace(cinfo, stored_space);
    int quality = options->quality < 1 ? 1 : options->quality > 100 ? 100 : options->quality;
    jpeg_set_quality(cinfo, quality, TRUE);
    if (options->restart_interval > 0) cinfo->restart_interval = (unsigned)options->restart_interval;
    cinfo->optimize_coding = options->optimize_coding ? TRUE : FALSE;
    if (options->arithmetic_coding) {
#ifdef C_ARITH_CODING_SUPPORTED
        cinfo->arith_code = TRUE;
        cinfo->optimize_coding = FALSE;
#else
        trich_set_message(message, "this libjpeg cannot write arithmetic-coded JPEG");
        jpeg_destroy_compress(cinfo);
        free(writer->buffer.bytes);
        free(writer);
        return TRICH_BAD_ARGUMENT;
#endif
    }
    if (options->progressive) jpeg_simple_progression(cinfo);
    jpeg_start_compress(cinfo, TRUE);
    size_t row_bytes = (size_t)width * (size_t)channels;
    while (cinfo->next_scanline < cinfo->image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo->next_scanline * row_bytes);
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    jpeg_destroy_compress(cinfo);
    *out = writer->buffer.bytes;
    *out_size = writer->buffer.count;
    free(writer);
    return TRICH_OK;
}
