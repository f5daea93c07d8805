"""Shared test setup: one BLAS thread, as the app runs (see rnnlab/blas.py), one Chromium
for every browser test (Playwright's sync API allows one driver per process), and each training
run that several tests read, trained once."""

import pytest

from rnnlab import blas

blas.set_threads(1)


@pytest.fixture(scope="session")
def browser():
    from support import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def trained():
    """`train(config, text)`, trained once per (config, text) for the whole session: the default
    run and the lessons are read by the page's, the lessons', the captions', the packs' and the
    charts' tests alike. The results are shared, so a test reads them and never changes them."""
    from rnnlab.train import train

    runs = {}

    def run(config, text):
        key = (config, text.key)
        if key not in runs:
            runs[key] = train(config, text)
        return runs[key]

    return run
