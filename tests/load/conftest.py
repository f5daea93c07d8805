"""A classroom of its own for the load test: a fresh streamlit server (so its run counter starts
at 0 and its caches are empty), one headless Chromium, and the report of the figures measured.

The report is written to test-output/load_summary.txt as it grows and printed in pytest's
terminal summary, so it shows in CI's log with or without -s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import OUTPUT, require_chromium, streamlit_server

SUMMARY = OUTPUT / "load_summary.txt"
LOG = OUTPUT / "streamlit_load.log"
REPORT: list[str] = []


@dataclass(frozen=True)
class Classroom:
    url: str
    pid: int  # the `python -m streamlit` process itself
    log: Path

    def last_traceback(self) -> str:
        """The server log's last Python traceback (the page shows only the error's type)."""
        text = self.log.read_text(errors="replace")
        at = text.rfind("Traceback (most recent call last)")
        return text[at:at + 4000] if at >= 0 else "(no traceback in the server log)"

    def memory_mb(self) -> dict[str, float]:
        """The server's peak (VmHWM) and current (VmRSS) resident memory, in MB."""
        fields = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                fields[name] = int(value.split()[0]) / 1024  # kB -> MB
        return fields


@pytest.fixture(scope="module")
def classroom() -> Iterator[Classroom]:
    require_chromium()
    with streamlit_server(LOG.name) as (url, proc):
        yield Classroom(url, proc.pid, LOG)


@pytest.fixture(scope="module")
def report():
    """Append a line to the load report (and its file)."""
    REPORT.clear()
    SUMMARY.unlink(missing_ok=True)

    def add(line: str) -> None:
        REPORT.append(line)
        OUTPUT.mkdir(exist_ok=True)
        SUMMARY.write_text("\n".join(REPORT) + "\n")

    return add


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("classroom load test")
        for line in REPORT:
            terminalreporter.write_line(line)
