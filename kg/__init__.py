"""kg: a knowledge-graph builder for Russian news."""

import os

# natasha's models run on numpy: one BLAS thread per process is as fast on an idle machine
# and much faster on a busy one (the user can still set these variables).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
