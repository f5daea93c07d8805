"""A class that explores, against one real server: the figures of issue #13 and their targets.

    python benchmarks/bench_class.py              # every scenario, about 3-5 minutes
    python benchmarks/bench_class.py --small      # a CI-sized class (8 students)
    python benchmarks/bench_class.py --train-in both --only-different   # threads vs processes

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
until the server is quiet again, plus its training workers' (RNNLAB_TRAIN_IN=process, see
rnnlab/pool.py); memory is the peak RSS (VmHWM) of the server, and of each worker. The clients
run in this process on the same two cores; their own CPU is printed too. `--train-in both` runs
the scenarios on a server that trains on threads, then on one that trains in processes.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
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
    deployment_peak_rss_mib,
    fidgeting,
    settle,
    visit,
    workers,
)
from tests.load.protocol import process_cpu_seconds as server_cpu  # noqa: E402

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


def pss_mib(pid: int) -> float:
    """The process's proportional set size now (shared pages split between their users), MiB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no Pss for pid {pid}")


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
    """Run `scenario`; return its result and the server CPU it took until quiet again (its
    workers' included, whose share is printed)."""
    cpu, own = cpu_seconds(pid), server_cpu(pid)
    result = await scenario
    await settle(pid)
    cpu, own = cpu_seconds(pid) - cpu, server_cpu(pid) - own
    if cpu > own:
        print(f"  server {own:.1f} s CPU, its training workers {cpu - own:.1f} s", flush=True)
    return result, cpu


async def in_turn(url: str, query: str, n: int) -> list[Visit]:
    """One student opens `query` `n` times, each page after the last is done."""
    return [await visit(url, query) for _ in range(n)]


async def lesson(url: str, pid: int, n: int, arrivals: int, over: float,
                 only_different: bool = False) -> list[Row]:
    rows = []
    same = [link(1, 1.1)] * n
    if not only_different:
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
    if rows:
        rows[0].targets += (complete(rows[0].visits, charts),)
    rows.append(Row("one student, one new link, quiet server", alone, one_cpu))
    print(f"  done: {rows[-1].scenario} ({one_cpu:.2f} s CPU a page)", flush=True)

    if not only_different:
        cached, cpu = await measured(pid, in_turn(url, same[0], CACHED_VISITS))
        rows.append(Row(f"one student, a cached link, {CACHED_VISITS} times in turn", cached,
                        cpu))
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
    if only_different:
        return rows

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


def table(rows: list[Row], rss: float, worker_rss: list[float]) -> str:
    head = f"{'scenario':52} {'n':>3} {'median':>7} {'p95':>6} {'max':>6} {'CPU s':>6} {'runs':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        t = r.times()
        runs = "" if r.runs is None else f"{r.runs:g}"
        lines.append(f"{r.scenario:52} {len(t):3} {fmt(statistics.median(t)):>7} "
                     f"{fmt(p95(t)):>6} {fmt(max(t)):>6} {r.cpu:6.1f} {runs:>5}")
        for text, met in r.targets:
            lines.append(f"{'':8}target {text}: {'met' if met else 'MISSED'}")
    total = rss + sum(worker_rss)
    each = " + ".join(f"{w:.0f}" for w in worker_rss)
    lines.append(f"peak RSS: server {rss:.0f} MiB" + (f" + workers {each} MiB" if each else "")
                 + f"; target <= {RSS_LIMIT_MIB} MiB: "
                 f"{'met' if total <= RSS_LIMIT_MIB else 'MISSED'} ({total:.0f})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="8 students, 16 arrivals in 16 s")
    parser.add_argument("--train-in", choices=("thread", "process", "both"),
                        default=os.environ.get("RNNLAB_TRAIN_IN", "process"),
                        help="where the server trains (RNNLAB_TRAIN_IN); both: one server each")
    parser.add_argument("--only-different", action="store_true",
                        help="only the reference page and the class opening different links")
    args = parser.parse_args()
    n, arrivals, over = (8, 16, 16.0) if args.small else (30, 60, 60.0)
    started = time.monotonic()
    tables = []
    for train_in in ("thread", "process") if args.train_in == "both" else (args.train_in,):
        os.environ["RNNLAB_TRAIN_IN"] = train_in  # the server inherits it
        print(f"training in: {train_in}", flush=True)
        with streamlit_server(f"bench_class_{train_in}.log") as (url, proc):
            rows = asyncio.run(lesson(url, proc.pid, n, arrivals, over, args.only_different))
            rss, worker_rss = deployment_peak_rss_mib(proc.pid)
            pss = sum(pss_mib(p) for p in [proc.pid, *workers(proc.pid)])
        tables.append(f"training in: {train_in}\n{table(rows, rss, worker_rss)}\n"
                      f"at the end, PSS of the server and its workers: {pss:.0f} MiB "
                      f"(shared pages counted once)")
    me = resource.getrusage(resource.RUSAGE_SELF)
    print()
    print("\n\n".join(tables))
    print(f"({time.monotonic() - started:.0f} s in all; the clients used "
          f"{me.ru_utime + me.ru_stime:.1f} s CPU of the same two cores)")


if __name__ == "__main__":
    main()
