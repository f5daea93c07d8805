"""One real `streamlit run app.py` server and one headless Chromium for the browser tests.

The server is started once per session on a free port and stopped (its whole process group) at
the end. Chromium is Debian's (/usr/bin/chromium): Playwright's own download is not used. Both
come from tests/support.py, which the load test shares.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import OUTPUT, require_chromium, streamlit_server


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser` (deselect them with -m "not browser")."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of a headless streamlit server running app.py from the repository root."""
    require_chromium()
    with streamlit_server("streamlit.log") as (url, _):
        yield url


@pytest.fixture
def context(browser):
    """A fresh browser context (own cookies and session) with a 1400x1000 viewport."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screens() -> Path:
    folder = OUTPUT / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
