#ifndef TRICH_SHIM_INTERNAL_H
#define TRICH_SHIM_INTERNAL_H
// Shared by the shim's C files only; not part of the module's public header.
#include "CImageShims.h"
#include <stdio.h>
#include <string.h>

/// Copies a message into a caller buffer of TRICH_MESSAGE_CAPACITY bytes (NULL is allowed).
static inline void trich_set_message(char *message, const char *text) {
    if (message == NULL) return;
    if (text == NULL) text = "";
    size_t length = strlen(text);
    if (length >= TRICH_MESSAGE_CAPACITY) length = TRICH_MESSAGE_CAPACITY - 1;
    memcpy(message, text, length);
    message[length] = '\0';
}

/// Rec. 601 luma in 16-bit fixed point, the weights libjpeg uses for RGB to grayscale.
static inline unsigned char trich_luma(unsigned r, unsigned g, unsigned b) {
    return (unsigned char)((19595u * r + 38470u * g + 7471u * b + 32768u) >> 16);
}

/// Converts one row of 3-channel RGB to gray.
static inline void trich_rgb_row_to_gray(const unsigned char *rgb, unsigned char *gray, size_t width) {
    for (size_t x = 0; x < width; x++) {
        gray[x] = trich_luma(rgb[3 * x], rgb[3 * x + 1], rgb[3 * x + 2]);
    }
}

#endif
