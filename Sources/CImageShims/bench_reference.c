// The yardstick for `trichometry bench io`: libjpeg-turbo decoding the same bytes with the plain
// libjpeg API and nothing else (no header probing, no limits, no Swift), as djpeg would.
#include "shim_internal.h"
#include <setjmp.h>
#include <stdlib.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
} trich_bench_error;

static void trich_bench_error_exit(j_common_ptr cinfo) {
    longjmp(((trich_bench_error *)cinfo->err)->jump, 1);
}

static void trich_bench_output_message(j_common_ptr cinfo) { (void)cinfo; }

long long trich_bench_reference_jpeg_decode(const unsigned char *data, size_t size, int grayscale) {
    struct jpeg_decompress_struct *cinfo = calloc(1, sizeof *cinfo);
    trich_bench_error *error = calloc(1, sizeof *error);
    unsigned char *volatile pixels = NULL;
    if (cinfo == NULL || error == NULL) {
        free(cinfo);
        free(error);
        return -1;
    }
    cinfo->err = jpeg_std_error(&error->pub);
    error->pub.error_exit = trich_bench_error_exit;
    error->pub.output_message = trich_bench_output_message;
    if (setjmp(error->jump)) {
        jpeg_destroy_decompress(cinfo);
        free(pixels);
        free(cinfo);
        free(error);
        return -1;
    }
    jpeg_create_decompress(cinfo);
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_read_header(cinfo, TRUE);
    cinfo->out_color_space = grayscale ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(cinfo);
    size_t row_bytes = (size_t)cinfo->output_width * (size_t)cinfo->output_components;
    pixels = malloc(row_bytes * cinfo->output_height);
    if (pixels == NULL) longjmp(error->jump, 1);
    JSAMPROW rows[16];
    while (cinfo->output_scanline < cinfo->output_height) {
        JDIMENSION first = cinfo->output_scanline;
        JDIMENSION count = cinfo->output_height - first;
        if (count > 16) count = 16;
        for (JDIMENSION i = 0; i < count; i++) rows[i] = pixels + (size_t)(first + i) * row_bytes;
        jpeg_read_scanlines(cinfo, rows, count);
    }
    jpeg_finish_decompress(cinfo);
    long long sum = 0;
    size_t total = row_bytes * cinfo->output_height;
    for (size_t i = 0; i < total; i += 4096) sum += pixels[i];
    jpeg_destroy_decompress(cinfo);
    free(pixels);
    free(cinfo);
    free(error);
    return sum;
}
