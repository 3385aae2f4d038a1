#include "CImageShims.h"
int trich_shims_version(void) { return 1; }
