"""One real `streamlit run app.py` server and one headless Chromium for the browser tests.

The server is started once per session on a free port and stopped (its whole process group) at
the end. Chromium is Debian's (/usr/bin/chromium): Playwright's own download is not used.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
START_TIMEOUT = 60.0


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser` (deselect them with -m "not browser")."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of a headless streamlit server running app.py from the repository root."""
    require_chromium()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    OUTPUT.mkdir(exist_ok=True)
    log = open(OUTPUT / "streamlit.log", "wb")  # noqa: SIM115 - closed after the process ends
    # No file watcher: a source edit during the run must not pause the page with "File change".
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = (OUTPUT / "streamlit.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"streamlit did not answer {url}/_stcore/health "
                            f"(exit code {proc.poll()}):\n{tail}")
            time.sleep(0.25)
        yield url
    finally:
        stop(proc)
        log.close()


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def require_chromium() -> None:
    """Skip without Chromium on a workstation; in CI (which installs it) its absence fails."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} not found (apt-get install chromium; scripts/test.sh does this)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
