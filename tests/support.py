"""What the browser and load tests share: a real `streamlit run app.py` server and Chromium.

`streamlit_server()` starts the app on a free loopback port in a process group of its own and
stops the whole group afterwards. Chromium is Debian's (/usr/bin/chromium): Playwright's own
download is never used.
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
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
START_TIMEOUT = 60.0


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


@contextmanager
def streamlit_server(log_name: str = "streamlit.log") -> Iterator[tuple[str, subprocess.Popen]]:
    """A headless streamlit server running app.py from the repository root: (base URL, process).

    The process is `python -m streamlit` itself (no shell in between), so its pid is the server's.
    Its output goes to test-output/`log_name`.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    OUTPUT.mkdir(exist_ok=True)
    log_path = OUTPUT / log_name
    log = open(log_path, "wb")  # noqa: SIM115 - closed after the process ends
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
                tail = log_path.read_text(errors="replace")[-3000:]
                pytest.fail(f"streamlit did not answer {url}/_stcore/health "
                            f"(exit code {proc.poll()}):\n{tail}")
            time.sleep(0.25)
        yield url, proc
    finally:
        stop(proc)
        log.close()


def stop(proc: subprocess.Popen) -> None:
    """Stop the server's whole process group: SIGTERM, then SIGKILL if it lingers."""
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


@contextmanager
def chromium():
    """One headless Debian Chromium, driven by Playwright's sync API."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
