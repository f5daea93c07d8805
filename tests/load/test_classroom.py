"""A class opens the teacher's link at once: many real browser sessions against one real server.

One fresh `streamlit run app.py` process, one headless Chromium, one browser tab per student
(each tab is a Streamlit session of its own). The tests run in file order on the same server, as
a lesson would:

0. one student alone, for reference;
1. twelve students open the same link together: all get their charts, and the server trains once;
2. ten students open ten different links together: ten runs, the two training slots shared;
3. in three tabs, students type one new seed after another, sixty distinct configurations in
   all: memory and the run cache stay bounded;
4. one student starts the heaviest run the limits allow: another's page is not held up, and the
   run stops when its student changes a setting, or closes the tab.

Each page records in itself, with `performance.now()` (milliseconds since its navigation began),
when the training tab's charts were drawn and when the whole page was done, so a session's time
does not depend on when the test got round to asking it. The browser runs on the same two cores
as the server, so the CPU seconds each side spent are reported next to the times. The figures
go to the load report: test-output/load_summary.txt and pytest's terminal summary.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from rnnlab.config import SECONDS_LIMIT, LabConfig
from rnnlab.corpus import load_corpus
from rnnlab.link import query_of
from rnnlab.runs import RunRegistry
from rnnlab.teaching.i18n import STRINGS

pytestmark = [pytest.mark.load, pytest.mark.browser]

TIMEOUT_MS = 180_000  # one session on a loaded 2-core machine, queued behind others
VIEWPORT = {"width": 1200, "height": 900}
STUDENTS = 12
ROUND2 = 10
DISTINCT = 60  # with the rounds before, more runs than the registry keeps: its bound is used
TABS_AT_ONCE = 3
MEMORY_LIMIT_MB = 800
FREEZE_LIMIT_S = 30.0
REGISTRY = RunRegistry()  # only for its default bounds: the app's registry is built the same way
# A run near the limit: 1800 steps over windows of 10 x 200 Chinese characters (its
# 296-character vocabulary is what LabConfig.seconds() counts); 7.6 s of CPU predicted.
HEAVY = LabConfig(corpus="chinese", hidden=16, seq_len=200, batch=10, steps=1800, seed=11)

# In every page: when the training tab shows how its run ended, with its three charts drawn
# (`charts`), and when the script run is over with the other tabs' charts sent (`done`).
PROBE = """
window.__rnnlab = {};
(function watch() {
  const exception = document.querySelector('[data-testid="stException"]');
  if (exception) {  // the script failed: nothing more will come
    window.__rnnlab.exception = exception.innerText;
    return;
  }
  const panels = document.querySelectorAll('[data-testid="stTabPanel"]');
  const first = panels[0];
  const ended = first && !first.querySelector('[data-testid="stProgress"]')
    && first.querySelector('[data-testid="stAlertContentSuccess"], '
                           + '[data-testid="stAlertContentError"]')
    && first.querySelectorAll('[data-testid="stVegaLiteChart"] .marks').length >= 3;
  if (ended && window.__rnnlab.charts === undefined) window.__rnnlab.charts = performance.now();
  const idle = !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]');
  const analysed = panels.length >= 3 && [1, 2].every(
    i => panels[i].querySelector('[data-testid="stVegaLiteChart"]'));
  if (ended && idle && analysed) {
    window.__rnnlab.done = window.__rnnlab.done ?? performance.now();
    return;
  }
  setTimeout(watch, 50);
})();
"""


def caption_pattern() -> re.Pattern:
    """The sidebar's server statistics (i18n key ui.server, English) as a regular expression."""
    pattern = re.escape(STRINGS["ui.server"]["en"])
    for name in ("started", "running", "cached"):
        pattern = pattern.replace(re.escape(f"{{{name}}}"), rf"(?P<{name}>\d+)")
    return re.compile(pattern.replace(re.escape("{mb:.1f}"), r"(?P<mb>[\d.]+)"))


SERVER_STATS = caption_pattern()
SERVER_STATS_JS = SERVER_STATS.pattern.replace("(?P<", "(?<")
RERUN_OVER = """([pattern, started]) => {
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const found = sidebar && sidebar.innerText.match(new RegExp(pattern));
  const idle = found && Number(found.groups.started) > started
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]');
  const now = performance.now();
  if (!idle) window.__rnnlabBusy = now;
  return idle && now - (window.__rnnlabBusy ?? 0) > 500;
}"""


def link(config: LabConfig) -> str:
    return "/?" + "&".join(f"{k}={v}" for k, v in query_of(config).items())


@dataclass
class Student:
    """One browser tab: a student's own session (its own websocket and script runs)."""

    page: object
    classroom: object

    @classmethod
    def join(cls, desk, classroom) -> Student:
        return cls(desk.new_page(), classroom)

    def open(self, url: str) -> None:
        """Start loading `url`, waiting for no more than the server's first answer."""
        self.page.goto(url, wait_until="commit")

    def charts_at(self) -> float:
        """Seconds from this page's navigation until its training charts were drawn."""
        return self._probe("charts")

    def done_at(self) -> float:
        """Seconds from this page's navigation until its script run was over."""
        return self._probe("done")

    def _probe(self, what: str) -> float:
        self.page.wait_for_function(
            f"() => window.__rnnlab.{what} !== undefined || !!window.__rnnlab.exception",
            timeout=TIMEOUT_MS, polling=100)
        seen = self.page.evaluate("() => window.__rnnlab")
        if seen.get("exception"):
            pytest.fail(f"{self.page.url} shows an exception: {seen['exception']!r}\n"
                        f"{self.classroom.last_traceback()}")
        return seen[what] / 1000

    def training(self):
        return self.page.locator('[data-testid="stTabPanel"]').first

    def step(self) -> int:
        """The step the progress bar shows; fails when the run is not training any more."""
        text = self.training().locator('[data-testid="stProgress"]').inner_text()
        found = re.search(r"step (\d+) of", text)
        assert found, f"the run is not training any more: {text!r}"
        return int(found.group(1))

    def stats(self) -> dict[str, float]:
        """The server's statistics as this page's sidebar showed them when its run ended."""
        text = self.page.locator('[data-testid="stSidebar"]').inner_text()
        found = SERVER_STATS.search(text)
        assert found, f"no server statistics in the sidebar: {text[-400:]!r}"
        return {k: float(v) for k, v in found.groupdict().items()}

    def check_rendered(self, tabs: bool = False) -> None:
        """Success, charts and no error element; with `tabs`, also click ② and ③ for charts."""
        page = self.page
        training = self.training()
        expect(training.locator('[data-testid="stAlertContentSuccess"]')).to_have_count(1)
        assert training.locator('[data-testid="stVegaLiteChart"] .marks').count() >= 3
        for error in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
            shown = page.locator(error)
            assert shown.count() == 0, shown.first.inner_text()
        if not tabs:
            return
        for index in (1, 2):
            tab = page.locator('[data-testid="stTab"]').nth(index)
            tab.click()
            expect(tab).to_have_attribute("aria-selected", "true")
            panel = page.locator(f'[id="{tab.get_attribute("aria-controls")}"]')
            panel.locator('[data-testid="stVegaLiteChart"] .marks').first.wait_for(
                state="visible", timeout=30_000)

    def type_seed(self, seed: int) -> None:
        """Type a new seed into the sidebar, as a student does: the page runs again."""
        box = self.page.locator('.st-key-seed input[type="number"]')
        box.fill(str(seed))
        box.press("Enter")

    def wait_rerun(self, started: float) -> None:
        """Wait until the page ran again through to its end: its sidebar counts more runs than
        `started` (so its own new run has trained) and it has been idle for half a second."""
        self.page.wait_for_function(RERUN_OVER, arg=[SERVER_STATS_JS, started],
                                    timeout=TIMEOUT_MS, polling=100)

    def leave(self) -> None:
        if not self.page.is_closed():
            self.page.close()


@pytest.fixture(scope="module")
def desk(browser):
    """One browser profile for the whole class; each tab opened in it is a session of its own.
    The app's JavaScript is fetched and compiled once for all of them: in a real class each
    student's own computer does that work, not the server's two cores."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(PROBE)
    yield context
    context.close()


@pytest.fixture(scope="module")
def lab() -> dict:
    """What the tests know of the shared server: empty while it is fresh, then a link whose run
    it has cached (to read its statistics without starting a run)."""
    return {}


def started_so_far(desk, classroom, lab: dict) -> float:
    """Training runs the server has started: 0 on a fresh server, else as the sidebar of a page
    says whose run is cached (or, if the cache let it go, that has just trained it again)."""
    if not lab:
        lab["cached_link"] = link(LabConfig(hidden=8, seq_len=10, steps=20, seed=999))
        return 0
    student = Student.join(desk, classroom)
    try:
        student.open(classroom.url + lab["cached_link"])
        student.done_at()
        return student.stats()["started"]
    finally:
        student.leave()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def chromium_cpu_seconds() -> float:
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if "chrom" in Path(f"/proc/{pid}/comm").read_text():
                total += cpu_seconds(int(pid))
        except (OSError, ValueError):  # the process ended meanwhile
            continue
    return total


@contextmanager
def cpu_meter(classroom):
    """CPU seconds the server and Chromium spend in the block: `with cpu_meter(c) as used:`,
    then `used()` gives the text to report."""
    start = cpu_seconds(classroom.pid), chromium_cpu_seconds(), time.monotonic()
    end = []
    yield lambda: (f"{end[2] - start[2]:.0f} s wall, CPU {end[0] - start[0]:.1f} s server, "
                   f"{end[1] - start[1]:.1f} s Chromium")
    end.extend((cpu_seconds(classroom.pid), chromium_cpu_seconds(), time.monotonic()))


def seconds(times: list[float]) -> str:
    return f"median {statistics.median(times):.1f} s, max {max(times):.1f} s"


def class_opens(desk, classroom, links: list[str]) -> tuple[list[Student], list[float]]:
    """Every student opens their link at the same moment; returns them and their times to
    charts, once every page is done."""
    students = [Student.join(desk, classroom) for _ in links]
    for student, path in zip(students, links, strict=True):
        student.open(classroom.url + path)
    times = [student.charts_at() for student in students]
    for student in students:
        student.done_at()
    return students, times


def test_one_student_alone(desk, classroom, lab, report):
    before = started_so_far(desk, classroom, lab)
    alone = link(LabConfig(hidden=40, seed=3))
    with cpu_meter(classroom) as used:
        students, times = class_opens(desk, classroom, [alone])
    try:
        students[0].check_rendered(tabs=True)
        started = students[0].stats()["started"]
        lab["cached_link"] = alone
        report(f"LOAD alone: 1 session {alone}: time to charts {times[0]:.1f} s, whole page "
               f"{students[0].done_at():.1f} s; training runs performed: {started - before:g} "
               f"({used()})")
        assert started - before == 1
    finally:
        students[0].leave()


def test_same_link_trains_once_for_the_whole_class(desk, classroom, lab, report):
    before = started_so_far(desk, classroom, lab)
    shared = link(LabConfig(hidden=48, seed=7))
    with cpu_meter(classroom) as used:
        students, times = class_opens(desk, classroom, [shared] * STUDENTS)
    try:
        for i, student in enumerate(students):
            student.check_rendered(tabs=i < 3)
        started = max(student.stats()["started"] for student in students)
        lab["cached_link"] = shared
        memory = classroom.memory_mb()
        report(f"LOAD round 1: {STUDENTS} sessions open the same link {shared} at once: "
               f"time to charts {seconds(times)}; training runs performed: "
               f"{started - before:g}; server peak RSS {memory['VmHWM']:.0f} MB ({used()})")
        assert started - before == 1, f"{started - before:g} runs for one link"
    finally:
        for student in students:
            student.leave()


def test_different_links_each_train_once(desk, classroom, lab, report):
    before = started_so_far(desk, classroom, lab)
    links = [link(LabConfig(hidden=16 + 4 * i, seq_len=20, steps=100, seed=100 + i))
             for i in range(ROUND2)]
    assert len(set(links)) == ROUND2
    with cpu_meter(classroom) as used:
        students, times = class_opens(desk, classroom, links)
    try:
        for i, student in enumerate(students):
            student.check_rendered(tabs=i < 2)
        started = max(student.stats()["started"] for student in students)
        lab["cached_link"] = links[-1]
        memory = classroom.memory_mb()
        report(f"LOAD round 2: {ROUND2} sessions open {ROUND2} different links at once: "
               f"time to charts {seconds(times)}; training runs performed: "
               f"{started - before:g}; server peak RSS {memory['VmHWM']:.0f} MB ({used()})")
        assert started - before == ROUND2
        assert memory["VmHWM"] < 1024, memory
    finally:
        for student in students:
            student.leave()


def test_memory_stays_bounded_over_many_configurations(desk, classroom, lab, report):
    """Each tab opens a small link, then its student types one new seed after another: every
    seed is a new configuration, trained and analysed in full before the next."""
    before = started_so_far(desk, classroom, lab)
    tabs = [Student.join(desk, classroom) for _ in range(TABS_AT_ONCE)]
    configs = [[LabConfig(hidden=8 + 4 * tab, seq_len=10, steps=20, seed=1000 * (tab + 1) + i)
                for i in range(DISTINCT // TABS_AT_ONCE)] for tab in range(TABS_AT_ONCE)]
    try:
        with cpu_meter(classroom) as used:
            for tab, own in zip(tabs, configs, strict=True):
                tab.open(classroom.url + link(own[0]))
            for tab in tabs:
                tab.done_at()
                tab.check_rendered()
            for i in range(1, DISTINCT // TABS_AT_ONCE):
                seen = [tab.stats()["started"] for tab in tabs]
                for tab, own in zip(tabs, configs, strict=True):
                    tab.type_seed(own[i].seed)
                for tab, started in zip(tabs, seen, strict=True):
                    tab.wait_rerun(started)
                    tab.check_rendered()
        lab["cached_link"] = link(configs[-1][-1])
        settled = Student.join(desk, classroom)  # a new visitor, once every run has ended
        settled.open(classroom.url + lab["cached_link"])
        settled.done_at()
        stats = settled.stats()
        settled.leave()
    finally:
        for tab in tabs:
            tab.leave()
    memory = classroom.memory_mb()
    report(f"LOAD {DISTINCT} distinct configurations, {TABS_AT_ONCE} tabs typing new seeds: "
           f"training runs performed {stats['started'] - before:g}; kept {stats['cached']:g} "
           f"runs ({stats['mb']:.1f} MB; bounds {REGISTRY.max_runs} runs, "
           f"{REGISTRY.max_bytes / 2**20:g} MB); server peak RSS {memory['VmHWM']:.0f} MB, "
           f"current RSS {memory['VmRSS']:.0f} MB ({used()})")
    assert stats["started"] - before == DISTINCT
    assert stats["started"] > REGISTRY.max_runs, "the cache bound was never reached"
    assert stats["running"] == 0 and stats["cached"] <= REGISTRY.max_runs, stats
    assert memory["VmHWM"] < MEMORY_LIMIT_MB, memory


def running_after(student: Student, url: str, since: float, limit: float) -> tuple[dict, float]:
    """Reload the (cached) default page until the server says no run is going, or `limit`
    seconds after `since`; returns its statistics and when that was."""
    while True:
        student.open(url + "/")
        student.done_at()
        stats = student.stats()
        if stats["running"] == 0 or time.monotonic() - since > limit:
            return stats, time.monotonic() - since
        student.page.wait_for_timeout(500)


def test_long_run_does_not_freeze_others_and_stops_when_left(desk, classroom, report):
    assert HEAVY.problems() == [], "the heavy run must be one the limits allow"
    assert HEAVY.seconds() > 0.9 * SECONDS_LIMIT
    assert HEAVY.batch * HEAVY.seq_len + 1 <= len(load_corpus("chinese").ids)
    heavy, other = Student.join(desk, classroom), Student.join(desk, classroom)
    try:
        heavy.open(classroom.url + link(HEAVY))
        progress = heavy.training().locator('[data-testid="stProgress"]')
        expect(progress).to_contain_text(re.compile(r"step [1-9]\d* of"), timeout=TIMEOUT_MS)

        other.open(classroom.url + "/")
        waited = other.charts_at()
        step = heavy.step()  # still training
        other.done_at()
        other.check_rendered()
        assert other.stats()["running"] >= 1
        assert waited < FREEZE_LIMIT_S, f"the default page waited {waited:.1f} s for its charts"

        # its student lowers the steps: the heavy run loses its only watcher and stops at once
        steps = heavy.page.get_by_role("slider", name=STRINGS["ctl.steps"]["en"])
        steps.focus()
        steps.press("Home")
        changed = time.monotonic()
        heavy.page.wait_for_url(re.compile(r"[?&]steps=20(&|$)"))
        after_change, stopped_change = running_after(other, classroom.url, changed, 60)

        # another heavy run, whose student closes the tab: nobody polls it, it stops by itself
        heavy.open(classroom.url + link(HEAVY.replace(seed=12)))
        expect(progress).to_contain_text(re.compile(r"step [1-9]\d* of"), timeout=TIMEOUT_MS)
        other.open(classroom.url + "/")
        other.done_at()
        during = other.stats()
        heavy.leave()
        closed = time.monotonic()
        after_close, stopped_close = running_after(other, classroom.url, closed, 60)
    finally:
        heavy.leave()
        other.leave()
    report(f"LOAD long run {link(HEAVY)} ({HEAVY.seconds():.1f} s predicted, "
           f"limit {SECONDS_LIMIT:g} s): "
           f"another student's default page drew its charts in {waited:.1f} s while it trained "
           f"(at step {step} of {HEAVY.steps}); its student changed a setting and "
           f"{stopped_change:.1f} s later no run was going; a second heavy run's tab was "
           f"closed and {stopped_close:.1f} s later no run was going, the run not kept "
           f"({during['cached']:g} -> {after_close['cached']:g} runs kept)")
    assert after_change["running"] == 0 and stopped_change < 10, (after_change, stopped_change)
    assert after_close["running"] == 0, f"still running {stopped_close:.0f} s after closing"
    assert stopped_close < REGISTRY.idle_timeout + 10
    # an abandoned run is dropped from the cache; one that finished before the idle timeout
    # (the work limit keeps runs short) is kept: either way nothing runs on for nobody
    assert after_close["cached"] in (during["cached"] - 1, during["cached"]), (during, after_close)
