// JPEG decoding through libjpeg(-turbo). Errors longjmp back into the entry function that set
// the jump point; warnings are counted (a truncated file is only a warning to libjpeg) and
// nothing is ever printed.
#include "shim_internal.h"
#include <setjmp.h>
#include <stdlib.h>
#include <jpeglib.h>
#include <jerror.h>

/// Progressive files can hold any number of scans; a corrupt or hostile one with thousands of
/// tiny scans would take minutes. Real cameras write about ten.
enum { TRICH_MAX_JPEG_SCANS = 1000 };

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int saw_end_of_file;        // JWRN_JPEG_EOF: libjpeg padded a truncated stream
    int corrupt_warning_code;   // first warning that means the entropy data is damaged (0: none)
    trich_status forced_status; // set by our own checks before they longjmp
    char forced_message[TRICH_MESSAGE_CAPACITY];
} trich_jpeg_error;

struct trich_jpeg_reader {
    struct jpeg_decompress_struct cinfo;
    trich_jpeg_error error;
    struct jpeg_progress_mgr progress;
    trich_output output;
    int output_channels;
    int convert_cmyk;            // 4-channel CMYK rows converted here (libjpeg cannot)
    unsigned char *cmyk_row;
    int started;
};

static void trich_jpeg_error_exit(j_common_ptr cinfo) {
    trich_jpeg_error *error = (trich_jpeg_error *)cinfo->err;
    longjmp(error->jump, 1);
}

static void trich_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void trich_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return; // trace and informational messages
    trich_jpeg_error *error = (trich_jpeg_error *)cinfo->err;
    error->pub.num_warnings++;
    int code = error->pub.msg_code;
    switch (code) {
    case JWRN_JPEG_EOF:
        error->saw_end_of_file = 1;
        break;
    case JWRN_HIT_MARKER:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_BOGUS_PROGRESSION:
    case JWRN_ARITH_BAD_CODE:
        if (error->corrupt_warning_code == 0) error->corrupt_warning_code = code;
        break;
    default:
        // Tolerated: extraneous bytes before a marker, unknown JFIF/Adobe revisions, bad ICC
        // markers. The pixels are intact; many camera files carry these.
        break;
    }
}

static void trich_jpeg_progress(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    j_decompress_ptr decompress = (j_decompress_ptr)cinfo;
    if (decompress->input_scan_number > TRICH_MAX_JPEG_SCANS) {
        trich_jpeg_error *error = (trich_jpeg_error *)cinfo->err;
        error->forced_status = TRICH_CORRUPT;
        snprintf(error->forced_message, sizeof error->forced_message,
                 "progressive JPEG with more than %d scans", TRICH_MAX_JPEG_SCANS);
        longjmp(error->jump, 1);
    }
}

/// Turns whatever made libjpeg give up into a status and a message.
static trich_status trich_jpeg_failure(struct trich_jpeg_reader *reader, char *message) {
    trich_jpeg_error *error = &reader->error;
    if (error->forced_status != TRICH_OK) {
        trich_set_message(message, error->forced_message);
        return error->forced_status;
    }
    if (error->saw_end_of_file) {
        trich_set_message(message, "file ends before the image data does");
        return TRICH_TRUNCATED;
    }
    char text[JMSG_LENGTH_MAX];
    (*error->pub.format_message)((j_common_ptr)&reader->cinfo, text);
    trich_set_message(message, text);
    switch (error->pub.msg_code) {
    case JERR_INPUT_EOF:
    case JERR_INPUT_EMPTY:
        trich_set_message(message, "file ends before the image data does");
        return TRICH_TRUNCATED;
    case JERR_NO_SOI:
        return TRICH_NOT_AN_IMAGE;
    case JERR_SOF_UNSUPPORTED:
    case JERR_BAD_PRECISION:
    case JERR_NOT_COMPILED:
    case JERR_ARITH_NOTIMPL:
    case JERR_CONVERSION_NOTIMPL:
    case JERR_EMPTY_IMAGE:
        return TRICH_UNSUPPORTED;
    case JERR_IMAGE_TOO_BIG:
        return TRICH_TOO_LARGE;
    case JERR_OUT_OF_MEMORY:
        return TRICH_OUT_OF_MEMORY;
    default:
        return TRICH_CORRUPT;
    }
}

/// The warnings that make a finished decode untrustworthy.
static trich_status trich_jpeg_check_warnings(struct trich_jpeg_reader *reader, char *message) {
    if (reader->error.saw_end_of_file) {
        trich_set_message(message, "file ends before the image data does");
        return TRICH_TRUNCATED;
    }
    if (reader->error.corrupt_warning_code != 0) {
        char text[JMSG_LENGTH_MAX];
        reader->error.pub.msg_code = reader->error.corrupt_warning_code;
        (*reader->error.pub.format_message)((j_common_ptr)&reader->cinfo, text);
        trich_set_message(message, text);
        return TRICH_CORRUPT;
    }
    return TRICH_OK;
}

/// Finds the Exif APP1 payload among the saved markers.
static void trich_jpeg_find_exif(j_decompress_ptr cinfo, trich_header *header) {
    for (jpeg_saved_marker_ptr marker = cinfo->marker_list; marker != NULL; marker = marker->next) {
        if (marker->marker != JPEG_APP0 + 1 || marker->data_length < 6) continue;
        if (memcmp(marker->data, "Exif\0\0", 6) != 0) continue;
        header->exif = marker->data + 6;
        header->exif_length = marker->data_length - 6;
        return;
    }
}

trich_status trich_jpeg_open(const unsigned char *data, size_t size, trich_output output,
                             long long pixel_limit, trich_jpeg_reader **out_reader,
                             trich_header *header, char *message) {
    *out_reader = NULL;
    memset(header, 0, sizeof *header);
    trich_set_message(message, "");
    if (data == NULL || size == 0) {
        trich_set_message(message, "file is empty");
        return TRICH_TRUNCATED;
    }
    struct trich_jpeg_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        trich_set_message(message, "out of memory");
        return TRICH_OUT_OF_MEMORY;
    }
    reader->cinfo.err = jpeg_std_error(&reader->error.pub);
    reader->error.pub.error_exit = trich_jpeg_error_exit;
    reader->error.pub.output_message = trich_jpeg_output_message;
    reader->error.pub.emit_message = trich_jpeg_emit_message;
    reader->output = output;

    if (setjmp(reader->error.jump)) {
        trich_status status = trich_jpeg_failure(reader, message);
        trich_jpeg_close(reader);
        return status;
    }
    jpeg_create_decompress(&reader->cinfo);
    reader->progress.progress_monitor = trich_jpeg_progress;
    reader->cinfo.progress = &reader->progress;
    jpeg_mem_src(&reader->cinfo, data, (unsigned long)size);
    jpeg_save_markers(&reader->cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&reader->cinfo, TRUE);
    if (reader->error.saw_end_of_file) {
        trich_set_message(message, "file ends before the image data does");
        trich_jpeg_close(reader);
        return TRICH_TRUNCATED;
    }

    struct jpeg_decompress_struct *cinfo = &reader->cinfo;
    header->width = (int)cinfo->image_width;
    header->height = (int)cinfo->image_height;
    header->file_channels = cinfo->num_components;
    header->bit_depth = cinfo->data_precision;
    header->progressive = cinfo->progressive_mode ? 1 : 0;
    header->restart_interval = (int)cinfo->restart_interval;
    trich_jpeg_find_exif(cinfo, header);

    long long pixels = (long long)cinfo->image_width * (long long)cinfo->image_height;
    if (pixels > pixel_limit) {
        snprintf(message, TRICH_MESSAGE_CAPACITY, "%u x %u pixels is over the limit of %lld pixels",
                 cinfo->image_width, cinfo->image_height, pixel_limit);
        trich_jpeg_close(reader);
        return TRICH_TOO_LARGE;
    }

    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE:
        header->color = TRICH_COLOR_GRAY;
        cinfo->out_color_space = output == TRICH_OUTPUT_RGB ? JCS_RGB : JCS_GRAYSCALE;
        break;
    case JCS_YCbCr:
    case JCS_RGB:
        header->color = cinfo->jpeg_color_space == JCS_RGB ? TRICH_COLOR_RGB : TRICH_COLOR_YCBCR;
        cinfo->out_color_space = output == TRICH_OUTPUT_LUMINANCE ? JCS_GRAYSCALE : JCS_RGB;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        header->color = cinfo->jpeg_color_space == JCS_CMYK ? TRICH_COLOR_CMYK : TRICH_COLOR_YCCK;
        cinfo->out_color_space = JCS_CMYK;
        reader->convert_cmyk = 1;
        break;
    default:
        snprintf(message, TRICH_MESSAGE_CAPACITY, "JPEG with %d colour components of unknown meaning",
                 cinfo->num_components);
        trich_jpeg_close(reader);
        return TRICH_UNSUPPORTED;
    }
    if (reader->convert_cmyk) {
        reader->output_channels = output == TRICH_OUTPUT_LUMINANCE ? 1 : 3;
    } else {
        reader->output_channels = cinfo->out_color_space == JCS_GRAYSCALE ? 1 : 3;
    }
    header->output_channels = reader->output_channels;
    *out_reader = reader;
    return TRICH_OK;
}

/// CMYK (as libjpeg delivers it, Adobe-inverted when an Adobe marker is present) to RGB.
static void trich_cmyk_row(const unsigned char *cmyk, unsigned char *dest, size_t width,
                           int inverted, int channels) {
    for (size_t x = 0; x < width; x++) {
        unsigned c = cmyk[4 * x], m = cmyk[4 * x + 1], y = cmyk[4 * x + 2], k = cmyk[4 * x + 3];
        if (!inverted) { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k; }
        unsigned r = (c * k + 127) / 255, g = (m * k + 127) / 255, b = (y * k + 127) / 255;
        if (channels == 1) {
            dest[x] = trich_luma(r, g, b);
        } else {
            dest[3 * x] = (unsigned char)r;
            dest[3 * x + 1] = (unsigned char)g;
            dest[3 * x + 2] = (unsigned char)b;
        }
    }
}

trich_status trich_jpeg_read(trich_jpeg_reader *reader, unsigned char *dest, size_t dest_size,
                             char *message) {
    trich_set_message(message, "");
    if (reader == NULL || dest == NULL || reader->started) {
        trich_set_message(message, "decoder used out of order");
        return TRICH_BAD_ARGUMENT;
    }
    reader->started = 1;
    struct jpeg_decompress_struct *cinfo = &reader->cinfo;
    size_t width = cinfo->image_width;
    size_t row_bytes = width * (size_t)reader->output_channels;
    if (dest_size < row_bytes * cinfo->image_height) {
        trich_set_message(message, "destination buffer too small");
        return TRICH_BAD_ARGUMENT;
    }
    if (setjmp(reader->error.jump)) {
        return trich_jpeg_failure(reader, message);
    }
    jpeg_start_decompress(cinfo);
    int delivered = reader->convert_cmyk ? 4 : reader->output_channels;
    if (cinfo->output_width != width || cinfo->output_components != delivered) {
        trich_set_message(message, "libjpeg delivered an unexpected layout");
        return TRICH_CORRUPT;
    }
    if (reader->convert_cmyk) {
        reader->cmyk_row = malloc(width * 4);
        if (reader->cmyk_row == NULL) {
            trich_set_message(message, "out of memory");
            return TRICH_OUT_OF_MEMORY;
        }
        while (cinfo->output_scanline < cinfo->output_height) {
            unsigned char *row = dest + (size_t)cinfo->output_scanline * row_bytes;
            JSAMPROW rows[1] = { reader->cmyk_row };
            if (jpeg_read_scanlines(cinfo, rows, 1) != 1) break;
            trich_cmyk_row(reader->cmyk_row, row, width, cinfo->saw_Adobe_marker,
                           reader->output_channels);
        }
    } else {
        // Several rows per call lets libjpeg-turbo upsample whole MCU rows straight into dest.
        JSAMPROW rows[16];
        while (cinfo->output_scanline < cinfo->output_height) {
            JDIMENSION first = cinfo->output_scanline;
            JDIMENSION count = cinfo->output_height - first;
            if (count > 16) count = 16;
            for (JDIMENSION i = 0; i < count; i++) rows[i] = dest + (size_t)(first + i) * row_bytes;
            if (jpeg_read_scanlines(cinfo, rows, count) == 0) break;
        }
    }
    trich_status status = trich_jpeg_check_warnings(reader, message);
    if (status != TRICH_OK) return status;
    if (cinfo->output_scanline < cinfo->output_height) {
        trich_set_message(message, "file ends before the image data does");
        return TRICH_TRUNCATED;
    }
    jpeg_finish_decompress(cinfo);
    return trich_jpeg_check_warnings(reader, message);
}

void trich_jpeg_close(trich_jpeg_reader *reader) {
    if (reader == NULL) return;
    // jpeg_destroy never raises an error, so no jump point is needed here.
    jpeg_destroy_decompress(&reader->cinfo);
    free(reader->cmyk_row);
    free(reader);
}
