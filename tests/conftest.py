"""Shared test setup: one BLAS thread, as the app runs (see rnnlab/blas.py), and one Chromium
for every browser test (Playwright's sync API allows one driver per process)."""

import pytest

from rnnlab import blas

blas.set_threads(1)


@pytest.fixture(scope="session")
def browser():
    from support import chromium

    with chromium() as browser:
        yield browser
