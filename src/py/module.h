/* module.h - the refcycle._core extension module. */
#ifndef RC_MODULE_H
#define RC_MODULE_H

#include <Python.h>

PyMODINIT_FUNC PyInit__core(void);

#endif
