"""How many threads numpy's BLAS may use.

A classroom server runs many students' small matrix products at once in one process. OpenBLAS's
own worker threads then fight each other for the two cores: on this project's 2-core machine the
default training run took 8-16 s with two BLAS threads under load and 0.7 s with one. The lab
therefore asks for one BLAS thread; parallelism comes from serving sessions side by side.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import os

import numpy as np

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")
_GETTERS = tuple(name.replace("set_", "get_") for name in _SETTERS)


@functools.cache
def _openblas() -> ctypes.CDLL | None:
    """numpy's OpenBLAS, looked up once: the analyses ask for one thread on every call."""
    folder = os.path.dirname(np.__file__) + ".libs"  # where numpy's wheels keep OpenBLAS
    for path in sorted(glob.glob(os.path.join(folder, "*openblas*"))):
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


def set_threads(n: int) -> bool:
    """Limit numpy's OpenBLAS to `n` threads; False when no OpenBLAS was found (nothing done)."""
    lib = _openblas()
    for name in _SETTERS:
        if lib is not None and hasattr(lib, name):
            getattr(lib, name)(int(n))
            return True
    return False


def threads() -> int | None:
    """The number of threads numpy's OpenBLAS uses now, or None when unknown."""
    lib = _openblas()
    for name in _GETTERS:
        if lib is not None and hasattr(lib, name):
            return int(getattr(lib, name)())
    return None
