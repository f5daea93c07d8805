"""A class that explores, against one real server: the figures of issue #13 and their targets.

    python benchmarks/bench_class.py              # every scenario, about 3-5 minutes
    python benchmarks/bench_class.py --small      # a CI-sized class (8 students)

One `streamlit run app.py` on a free loopback port, and students that are protocol-level clients
(tests/load/protocol.py): each speaks Streamlit's websocket messages, as a browser tab does, and
counts its page done when a script run ends normally with the training tab's charts and both
analysis tabs' charts sent. The scenarios run in this order on the same server, fresh at start:

1. the whole class opens the same link at once (a cold server: nothing imported, nothing cached);
2. one student opens a new link on a quiet server, three times: the reference page;
3. one student opens the first scenario's link (now cached) ten times, one after another: the
   server CPU of the page script itself, the figure least disturbed by other work on the machine;
4. the whole class opens as many different links at once;
5. twice the class arrives over a minute, one new link a second;
6. one student moves a slider five times in two seconds.

Server CPU is the server process's utime + stime (/proc/PID/stat) from the scenario's start
until the server is quiet again; memory is its peak RSS (VmHWM). The clients run in this process
on the same two cores; their own CPU is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support import streamlit_server  # noqa: E402

from tests.load.protocol import (  # noqa: E402
    Visit,
    arriving,
    at_once,
    cpu_seconds,
    fidgeting,
    peak_rss_mib,
    settle,
    visit,
)

RSS_LIMIT_MIB = 600
CACHED_VISITS = 10


def link(seed: int, rho: float = 1.0) -> str:
    """A default lesson with its own seed and initial ‖W_hh‖₂ (on the slider's 0.05 grid)."""
    return f"seed={seed}&rho={rho:.2f}"


def distinct(n: int, first_seed: int) -> list[str]:
    return [link(first_seed + i, 0.8 + 0.05 * (i % 10)) for i in range(n)]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Row:
    scenario: str
    visits: list[Visit]
    cpu: float
    runs: float | None = None  # training runs the server started during the scenario
    targets: tuple = ()  # (text, met) pairs

    def times(self) -> list[float]:
        return [v.seconds if v.ok else math.inf for v in self.visits]


def runs_started(visits: list[Visit]) -> float:
    return max((v.stats or {}).get("started", 0.0) for v in visits)


def complete(visits: list[Visit], charts: tuple[int, int]) -> tuple[str, bool]:
    """Every client ended with every chart (as many as the reference page) and no exception."""
    bad = [v for v in visits if not v.ok or (v.training_charts, v.analysis_charts) != charts]
    for v in bad[:3]:
        print(f"  incomplete: ?{v.query}: {v.training_charts}+{v.analysis_charts} charts, "
              f"{v.exceptions[:2]}", flush=True)
    return f"all {charts[0]}+{charts[1]} charts, no exception ({len(bad)} not)", not bad


async def measured(pid: int, scenario):
    """Run `scenario`; return its result and the server CPU it took until quiet again."""
    cpu = cpu_seconds(pid)
    result = await scenario
    await settle(pid)
    return result, cpu_seconds(pid) - cpu


async def in_turn(url: str, query: str, n: int) -> list[Visit]:
    """One student opens `query` `n` times, each page after the last is done."""
    return [await visit(url, query) for _ in range(n)]


async def lesson(url: str, pid: int, n: int, arrivals: int, over: float) -> list[Row]:
    rows = []
    same = [link(1, 1.1)] * n
    visits, cpu = await measured(pid, at_once(url, same))
    runs = runs_started(visits)
    rows.append(Row(f"{n} students, same link at once (cold server)", visits, cpu, runs,
                    (("p95 <= 3 s", p95([v.seconds or math.inf for v in visits]) <= 3),
                     ("one training run", runs == 1))))
    print(f"  done: {rows[-1].scenario}", flush=True)

    alone, cpus = [], []
    for query in distinct(3, 500):
        (v,), cpu = await measured(pid, at_once(url, [query]))
        alone.append(v)
        cpus.append(cpu)
    one_cpu = statistics.median(cpus)
    charts = (alone[0].training_charts, alone[0].analysis_charts)
    rows.append(Row("one student, one new link, quiet server", alone, one_cpu))
    rows[0].targets += (complete(rows[0].visits, charts),)
    print(f"  done: {rows[-1].scenario} ({one_cpu:.2f} s CPU a page)", flush=True)

    cached, cpu = await measured(pid, in_turn(url, same[0], CACHED_VISITS))
    rows.append(Row(f"one student, a cached link, {CACHED_VISITS} times in turn", cached, cpu))
    print(f"  done: {rows[-1].scenario} ({1000 * cpu / CACHED_VISITS:.0f} ms CPU a page)",
          flush=True)

    before = runs_started(alone)
    visits, cpu = await measured(pid, at_once(url, distinct(n, 1000)))
    times = [v.seconds or math.inf for v in visits]
    rows.append(Row(f"{n} students, {n} different links at once", visits, cpu,
                    runs_started(visits) - before,
                    (("median <= 10 s", statistics.median(times) <= 10),
                     ("p95 <= 20 s", p95(times) <= 20),
                     (f"CPU <= 1.3 x {n} x {one_cpu:.2f} s = {1.3 * n * one_cpu:.1f} s",
                      cpu <= 1.3 * n * one_cpu),
                     complete(visits, charts))))
    print(f"  done: {rows[-1].scenario}", flush=True)

    visits, cpu = await measured(pid, arriving(url, distinct(arrivals, 2000), over / arrivals))
    rows.append(Row(f"{arrivals} students, {arrivals} different links over {over:g} s", visits,
                    cpu, None, (("p95 <= 6 s", p95([v.seconds or math.inf for v in visits]) <= 6),
                                complete(visits, charts))))
    print(f"  done: {rows[-1].scenario}", flush=True)

    await settle(pid)
    first, last, cpu = await fidgeting(url, "seed=3000", "rho",
                                       [1.05, 1.1, 1.15, 1.2, 1.25], 2.0, pid)
    extra = cpu - one_cpu
    rows.append(Row("one student moves a slider 5 times in 2 s", [last], cpu, None,
                    ((f"extra CPU {extra:.2f} s <= one page {one_cpu:.2f} s", extra <= one_cpu),
                     complete([first, last], charts))))
    print(f"  done: {rows[-1].scenario}", flush=True)
    return rows


def fmt(seconds: float) -> str:
    return "never" if math.isinf(seconds) else f"{seconds:.1f}"


def table(rows: list[Row], rss: float) -> str:
    head = f"{'scenario':52} {'n':>3} {'median':>7} {'p95':>6} {'max':>6} {'CPU s':>6} {'runs':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        t = r.times()
        runs = "" if r.runs is None else f"{r.runs:g}"
        lines.append(f"{r.scenario:52} {len(t):3} {fmt(statistics.median(t)):>7} "
                     f"{fmt(p95(t)):>6} {fmt(max(t)):>6} {r.cpu:6.1f} {runs:>5}")
        for text, met in r.targets:
            lines.append(f"{'':8}target {text}: {'met' if met else 'MISSED'}")
    lines.append(f"server peak RSS {rss:.0f} MiB; target <= {RSS_LIMIT_MIB} MiB: "
                 f"{'met' if rss <= RSS_LIMIT_MIB else 'MISSED'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="8 students, 16 arrivals in 16 s")
    args = parser.parse_args()
    n, arrivals, over = (8, 16, 16.0) if args.small else (30, 60, 60.0)
    started = time.monotonic()
    with streamlit_server("bench_class.log") as (url, proc):
        rows = asyncio.run(lesson(url, proc.pid, n, arrivals, over))
        rss = peak_rss_mib(proc.pid)
    me = resource.getrusage(resource.RUSAGE_SELF)
    print()
    print(table(rows, rss))
    print(f"({time.monotonic() - started:.0f} s in all; the clients used "
          f"{me.ru_utime + me.ru_stime:.1f} s CPU of the same two cores)")


if __name__ == "__main__":
    main()
