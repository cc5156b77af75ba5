// The C surface wslabel uses: OpenBLAS's CBLAS (with openblas_set_num_threads) and LAPACKE.
// Debian: libopenblas-dev, liblapacke-dev. pkg-config "openblas" supplies the include path of
// the cblas.h that belongs to the installed OpenBLAS variant.
#include <cblas.h>
#include <lapacke.h>
