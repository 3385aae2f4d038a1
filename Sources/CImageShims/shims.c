#include "CImageShims.h"
#include <stdlib.h>

int trich_shims_version(void) { return 2; }

void trich_free(void *pointer) { free(pointer); }
