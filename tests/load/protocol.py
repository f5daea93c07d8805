"""A student without a browser: a client that speaks Streamlit's own websocket protocol.

A browser tab talks to a Streamlit server over one websocket, `/_stcore/stream`: it sends
`BackMsg`s (a `rerun_script` with the link's query string, and later the widgets' values) and
receives `ForwardMsg`s (`new_session`, one `delta` per element drawn, `script_finished`, ...).
This client sends the same messages and keeps the same picture of the page: every delta lands at
its `delta_path`, and when a script run finishes normally, what it drew is the page. It costs the
server exactly what a browser costs it, and the test machine almost nothing, so a class of sixty
fits on two cores next to the server.

Only what streamlit itself installs is used: the `websockets` client and `streamlit.proto`.
Streamlit 1.67's server reads the subprotocol header as "streamlit", then an XSRF token (checked
only when an Origin is sent, which this client does not), then a session id to resume.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from rnnlab.teaching.i18n import STRINGS

SUCCESS = ForwardMsg.FINISHED_SUCCESSFULLY
MAIN, SIDEBAR = 0, 1  # the first index of a delta_path
TRAINING, DISTANT, JACOBIAN = 0, 1, 2  # the tabs, in app.py's order
CHARTS = ("vega_lite_chart", "arrow_vega_lite_chart")


def stats_pattern() -> re.Pattern:
    """The sidebar's server statistics (i18n key ui.server, English) as a regular expression."""
    pattern = re.escape(STRINGS["ui.server"]["en"])
    for name in ("started", "running", "cached"):
        pattern = pattern.replace(re.escape(f"{{{name}}}"), rf"(?P<{name}>\d+)")
    return re.compile(pattern.replace(re.escape("{mb:.1f}"), r"(?P<mb>[\d.]+)"))


SERVER_STATS = stats_pattern()


@dataclass
class Page:
    """What one script run drew: element type by delta path, and where the tabs are."""

    elements: dict[tuple, str] = field(default_factory=dict)
    texts: dict[tuple, str] = field(default_factory=dict)  # markdown bodies, by path
    widgets: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    tabs: tuple | None = None  # the delta path of the tab container

    def add(self, msg: ForwardMsg) -> None:
        path = tuple(msg.metadata.delta_path)
        delta = msg.delta
        kind = delta.WhichOneof("type")
        if kind == "add_block":
            block = delta.add_block.WhichOneof("type")
            self.elements[path] = "block:" + str(block)
            if block == "tab_container" and path[0] == MAIN and self.tabs is None:
                self.tabs = path
            return
        if kind != "new_element":
            return
        element = delta.new_element
        what = element.WhichOneof("type")
        self.elements[path] = what
        if what == "markdown":
            self.texts[path] = element.markdown.body
        elif what == "alert":
            self.elements[path] = "alert:error" if element.alert.format == 1 else "alert"
            self.texts[path] = element.alert.body
        sub = getattr(element, what, None) if what else None
        widget_id = getattr(sub, "id", "") if sub is not None else ""
        if widget_id.startswith("$$ID-") and widget_id.count("-") >= 2:
            self.widgets[widget_id.split("-", 2)[2]] = widget_id

    def charts_in(self, tab: int) -> int:
        if self.tabs is None:
            return 0
        prefix = self.tabs + (tab,)
        return sum(1 for path, what in self.elements.items()
                   if what in CHARTS and path[:len(prefix)] == prefix)

    def count(self, what: str) -> int:
        return sum(1 for kind in self.elements.values() if kind == what)

    def server_stats(self) -> dict[str, float] | None:
        """The run statistics of the sidebar's caption, when this run drew it."""
        for path, body in self.texts.items():
            if path[0] == SIDEBAR and (found := SERVER_STATS.search(body)):
                return {k: float(v) for k, v in found.groupdict().items()}
        return None


@dataclass
class Visit:
    """One page load as a student sees it: how long until it was done, and what it showed."""

    query: str
    seconds: float | None = None  # from connecting until the page was done (None: never)
    training_charts: int = 0
    analysis_charts: int = 0
    exceptions: list[str] = field(default_factory=list)  # exception and error texts
    runs_finished: int = 0  # script runs that ended normally (a page that waited reruns)
    messages: int = 0
    stats: dict | None = None  # the sidebar's server statistics, when the page was done
    widgets: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.seconds is not None and not self.exceptions


def done(page: Page, training: int) -> bool:
    """The page a student came for: the training tab's charts, and charts in both analysis tabs
    (how many those draw depends on the run; the caller compares the counts across a class)."""
    return (page.charts_in(TRAINING) >= training
            and page.charts_in(DISTANT) >= 1 and page.charts_in(JACOBIAN) >= 1)


class Student:
    """One websocket session: a browser tab, without the browser."""

    def __init__(self, base_url: str, training_charts: int = 3):
        self.ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.need = training_charts
        self.ws = None
        self.widgets: dict[str, str] = {}

    async def __aenter__(self) -> Student:
        self.ws = await connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                open_timeout=30, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def open(self, query: str, timeout: float = 180.0) -> Visit:
        """Load the page for `query` ("seed=3&rho=1.2") as a browser does on navigation."""
        msg = BackMsg()
        msg.rerun_script.query_string = query.lstrip("?")
        msg.rerun_script.page_script_hash = ""
        return await self._run(msg, query, timeout)

    async def set_widget(self, key: str, value: float, query: str = "",
                         timeout: float = 180.0, wait: bool = True) -> Visit | None:
        """Move the slider with user key `key` to `value` and release it, as a student does:
        the browser sends a rerun with that widget's new value (the others keep theirs)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query.lstrip("?")
        widget = state.widget_states.widgets.add()
        widget.id = self.widgets[key]
        widget.double_array_value.data.append(float(value))
        return await self._run(msg, query, timeout, until_started=not wait)

    async def _run(self, msg: BackMsg, query: str, timeout: float,
                   until_started: bool = False) -> Visit | None:
        """Send `msg`, then read the page until it is done (or, with `until_started`, only until
        the server has begun the script run it asked for)."""
        visit = Visit(query)
        start = time.monotonic()
        await self.ws.send(msg.SerializeToString())
        page = Page()
        started = False  # a script_finished before our run's new_session belongs to an older run
        try:
            async with asyncio.timeout(timeout):
                while True:
                    fwd = ForwardMsg()
                    fwd.ParseFromString(await self.ws.recv())
                    visit.messages += 1
                    kind = fwd.WhichOneof("type")
                    if kind == "new_session":
                        started = True
                        if until_started:
                            return None
                    elif kind == "session_event":
                        if fwd.session_event.WhichOneof("type") == "script_compilation_exception":
                            visit.exceptions.append("script compilation exception")
                            break
                    elif kind == "delta":
                        page.add(fwd)
                        what = page.elements.get(tuple(fwd.metadata.delta_path))
                        if what == "exception":
                            ex = fwd.delta.new_element.exception
                            visit.exceptions.append(f"{ex.type}: {ex.message}")
                        elif what == "alert:error":
                            visit.exceptions.append(
                                "error: " + page.texts[tuple(fwd.metadata.delta_path)][:200])
                    elif kind == "script_finished" and started:
                        if fwd.script_finished == SUCCESS:
                            visit.runs_finished += 1
                            self.widgets.update(page.widgets)
                            if done(page, self.need) or visit.exceptions:
                                visit.seconds = time.monotonic() - start
                                break
                        elif fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                            visit.exceptions.append("compile error")
                            break
                        page = Page()  # the run that follows draws the page anew
        except TimeoutError:
            visit.exceptions.append(f"timed out after {timeout:g} s")
            visit.seconds = None
        visit.training_charts = page.charts_in(TRAINING)
        visit.analysis_charts = page.charts_in(DISTANT) + page.charts_in(JACOBIAN)
        visit.stats = page.server_stats()
        visit.widgets = dict(self.widgets)
        if visit.exceptions:
            visit.seconds = None
        return visit


async def visit(base_url: str, query: str, timeout: float = 180.0) -> Visit:
    """One student opens `query` in a new tab, waits for the whole page, and closes the tab."""
    async with Student(base_url) as student:
        return await student.open(query, timeout)


def process_cpu_seconds(pid: int, ended_children: bool = False) -> float:
    """User + system CPU time of one process so far (all its threads), and with
    `ended_children` that of its children that ended and were waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if ended_children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def workers(pid: int) -> list[int]:
    """The server's child processes: its training workers (rnnlab/pool.py), when it has them."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):  # a thread that just ended
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """The CPU time so far of the server `pid` and of its training workers, those it replaced
    included: what the class costs the machine (never less than a moment before)."""
    total = process_cpu_seconds(pid, ended_children=True)
    for child in workers(pid):
        with contextlib.suppress(FileNotFoundError):  # a worker that just ended
            total += process_cpu_seconds(child)
    return total


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmHWM for pid {pid}")


def deployment_peak_rss_mib(pid: int) -> tuple[float, list[float]]:
    """The peak RSS of the server `pid` and of each of its workers, in MiB (their sum is what
    the target bounds: each process's shared library pages counted in each)."""
    return peak_rss_mib(pid), [peak_rss_mib(w) for w in workers(pid)]


async def settle(pid: int, quiet: float = 0.1, window: float = 1.0, limit: float = 30.0) -> None:
    """Wait (at most `limit` s) until the server uses under `quiet` of a core over `window` s:
    whatever a class left running (an abandoned run, a last poll) is over."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        await asyncio.sleep(window)
        if cpu_seconds(pid) - before < quiet * window:
            return


async def at_once(base_url: str, queries: list[str], timeout: float = 180.0) -> list[Visit]:
    """A class opens its links together: one new session per query, all started at once."""
    return list(await asyncio.gather(*(visit(base_url, q, timeout) for q in queries)))


async def arriving(base_url: str, queries: list[str], every: float,
                   timeout: float = 180.0) -> list[Visit]:
    """Students arrive one after another, one new session every `every` seconds."""
    async def later(i: int, query: str) -> Visit:
        await asyncio.sleep(i * every)
        return await visit(base_url, query, timeout)

    return list(await asyncio.gather(*(later(i, q) for i, q in enumerate(queries))))


async def fidgeting(base_url: str, query: str, key: str, values: list[float], within: float,
                    pid: int, timeout: float = 180.0) -> tuple[Visit, Visit, float]:
    """A student opens `query`, then moves slider `key` through `values` within `within`
    seconds (each release is a rerun), and waits for the page of the last value. Returns the
    first page, the last, and the server's CPU seconds from the first change until it is quiet
    again (the abandoned runs stopped)."""
    async with Student(base_url) as student:
        first = await student.open(query, timeout)
        cpu = cpu_seconds(pid)
        gap = within / max(1, len(values) - 1)
        for value in values[:-1]:
            t0 = time.monotonic()
            await student.set_widget(key, value, f"{query}&{key}={value:g}", timeout, wait=False)
            await asyncio.sleep(max(0.0, gap - (time.monotonic() - t0)))
        last = await student.set_widget(key, values[-1], f"{query}&{key}={values[-1]:g}",
                                        timeout)
    await settle(pid)
    return first, last, cpu_seconds(pid) - cpu
