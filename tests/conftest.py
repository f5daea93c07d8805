"""Shared test setup: one BLAS thread, as the app runs (see rnnlab/blas.py)."""

from rnnlab import blas

blas.set_threads(1)
