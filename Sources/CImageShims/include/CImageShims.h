#ifndef CIMAGESHIMS_H
#define CIMAGESHIMS_H
#include <stddef.h>
int trich_shims_version(void);
#endif
