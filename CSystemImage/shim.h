#ifndef CSYSTEMIMAGE_SHIM_H
#define CSYSTEMIMAGE_SHIM_H
// libjpeg's header needs <stdio.h> (FILE, size_t) included first.
#include <stdio.h>
#include <png.h>
#include <jpeglib.h>
#endif
