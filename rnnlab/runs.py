"""Training runs shared by a whole class: one run per distinct configuration, watched by many.

A classroom server is one process. When thirty students open the same lesson link, the first
request starts a training run in a worker thread and the other twenty-nine watch that same run's
progress; when it finishes, its result stays in a bounded cache for later visitors. A run nobody
watches any more (its students changed their settings) stops by itself, so an abandoned long run
does not hold the CPU. At most `max_parallel` runs train at once; the rest wait their turn.

With `workers="process"` the runs train in that many worker processes (rnnlab/pool.py) instead
of threads of the server, so that training and the page scripts do not share one GIL; the rows
still stream to the watchers as they come, and a run whose work cannot be sent to another
process (pool.dumps gives None) trains on its thread as before. `compute` sends a page's other
heavy work (an analysis) to the same workers, ahead of the runs waiting for one: a class's pages
then finish one after another instead of all together at the end.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rnnlab import pool
from rnnlab.pool import Pool, SilentWorkerError, WorkerError, dumps

if TYPE_CHECKING:  # this module imports no numpy: a server imports it before anything heavy
    from rnnlab.train import TrainResult

MAX_PARALLEL = 2  # training runs at once: one a core of the 2-core classroom server
MAX_WORKER_FAILURES = 3  # workers dead in a row before a registry trains on threads instead
FRAME_SECONDS = 0.5  # how often the progress its watchers draw moves on


def train_in() -> str:
    """Where a server trains: "process" (worker processes, the default) or "thread", from
    RNNLAB_TRAIN_IN."""
    return os.environ.get("RNNLAB_TRAIN_IN", "process")


def start_workers() -> None:
    """Start the worker processes the server's registry will take (pool.start_early), when it
    trains in processes; before the page's heavy imports, once a process."""
    if train_in() == "process":
        pool.start_early(MAX_PARALLEL)


@dataclass
class Run:
    """One training run and what its watchers can see of it while it goes on."""

    key: tuple
    records: list[dict] = field(default_factory=list)  # one history row per step so far
    shown: int = 0  # how many of them the watchers draw: updated every FRAME_SECONDS
    shown_at: float = -FRAME_SECONDS
    result: TrainResult | None = None
    nbytes: int = 0  # the result's size, measured once: the sidebar shows the total on every page
    error: str | None = None  # a message when training raised (bad text, bad config)
    queued: bool = True  # waiting for a free training slot
    abandoned: bool = False  # stopped because nobody watched it any more
    done: threading.Event = field(default_factory=threading.Event)
    last_seen: float = field(default_factory=time.monotonic)
    watchers: set = field(default_factory=set)  # sessions watching it that have not left
    left: set = field(default_factory=set)  # sessions that moved on, until they join again
    ever_watched: bool = False

    def join(self, who: str) -> None:
        """Session `who` asks for this run (again, perhaps after it moved on)."""
        self.left.discard(who)
        self.touch(who)

    def touch(self, who: str | None = None) -> None:
        """A watcher is still here (called on every poll). A session that left stays gone: its
        old script run may poll once more before it learns that it was superseded."""
        self.last_seen = time.monotonic()
        if who is not None and who not in self.left:
            self.watchers.add(who)
            self.ever_watched = True

    def leave(self, who: str) -> None:
        """A watcher moved on to other settings; with nobody left, a running run stops."""
        self.left.add(who)
        self.watchers.discard(who)

    def unwatched(self, idle_timeout: float) -> bool:
        """Everyone who watched it left, or nobody polled it for `idle_timeout` seconds."""
        everyone_left = self.ever_watched and not self.watchers
        return everyone_left or time.monotonic() - self.last_seen > idle_timeout

    def snapshot(self) -> list[dict]:
        """The history rows shown so far (a copy; the worker only appends). They move on once a
        frame, not with every step: a class polling one run draws the same rows, so one chart
        of them serves everyone."""
        return self.records[:self.shown]


class Slots:
    """A semaphore of `n` slots, first come first served, whose `urgent()` waiters are served
    before the others."""

    def __init__(self, n: int):
        self.free, self.urgent_waiting = n, 0
        self._line: deque[object] = deque()  # the plain waiters, in their order of arrival
        self._cond = threading.Condition()

    def __enter__(self) -> None:
        me = object()
        with self._cond:
            self._line.append(me)
            self._cond.wait_for(lambda: self.free > 0 and not self.urgent_waiting
                                and self._line[0] is me)
            self._line.popleft()
            self.free -= 1
            self._cond.notify_all()  # the next in line, if a slot is still free

    def __exit__(self, *exc) -> None:
        with self._cond:
            self.free += 1
            self._cond.notify_all()

    @contextmanager
    def urgent(self):
        with self._cond:
            self.urgent_waiting += 1
            self._cond.wait_for(lambda: self.free > 0)
            self.urgent_waiting -= 1
            self.free -= 1
            self._cond.notify_all()
        try:
            yield
        finally:
            self.__exit__()


class RunRegistry:
    """A process-wide cache of training runs keyed by (config, corpus key)."""

    def __init__(self, max_bytes: int = 256 * 2**20, max_runs: int = 64,
                 max_parallel: int = MAX_PARALLEL,
                 idle_timeout: float = 15.0, workers: str = "thread"):
        if workers not in ("thread", "process"):
            raise ValueError(f"workers must be 'thread' or 'process', not {workers!r}")
        self.max_bytes, self.max_runs, self.idle_timeout = max_bytes, max_runs, idle_timeout
        self._runs: OrderedDict[tuple, Run] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()
        self._slots = Slots(max_parallel)
        self.started = 0  # how many training runs this process has begun: the load test reads it
        self.pool = None
        self.worker_failures = 0  # in a row: after MAX_WORKER_FAILURES, train on threads
        if workers == "process":
            try:
                self.pool = Pool(max_parallel)
            except OSError:  # a host that cannot start processes: threads, as before
                self.pool = None

    def get(self, key: tuple, work: Callable[[Callable[[dict], bool]], TrainResult]) -> Run:
        """The run for `key`, started with `work(on_step)` if no live or finished one exists."""
        with self._lock:
            run = self._runs.get(key)
            if run is not None and not run.abandoned:
                self._runs.move_to_end(key)
                run.touch()
                return run
            run = Run(key)
            self._runs[key] = run
            self.started += 1
        threading.Thread(target=self._work, args=(run, work), daemon=True,
                         name=f"rnnlab-train-{self.started}").start()
        return run

    def keep(self, key: tuple, result: TrainResult) -> None:
        """A finished run for `key` that needs no training (a shipped lesson pack)."""
        run = Run(key, result=result, queued=False, nbytes=result.nbytes())
        run.done.set()
        with self._lock:
            self._runs.setdefault(key, run)

    def has(self, key: tuple) -> bool:
        """Whether a run for `key` is going or kept: get(key) would not start one."""
        with self._lock:
            run = self._runs.get(key)
        return run is not None and not run.abandoned

    def leave(self, key: tuple, who: str) -> None:
        """Session `who` no longer watches the run for `key` (it changed its settings)."""
        with self._lock:
            run = self._runs.get(key)
        if run is not None:
            run.leave(who)

    def compute(self, fn: Callable[[], object]) -> object:
        """fn(), a page's heavy work: in a worker process, before any run still waiting for one,
        when this registry has them and `fn` can be sent to one; else here, at once."""
        job = dumps(lambda on_step: fn()) if self.pool is not None else None
        if job is None:
            return fn()
        with self._slots.urgent():
            try:
                return self._in_worker(job, lambda rows: None, lambda: False)
            except SilentWorkerError:
                raise  # it would hang (or crawl) here as well: the page says it failed
            except WorkerError:  # the worker died under it: the page still gets its analysis
                return fn()

    def stats(self) -> dict:
        with self._lock:
            runs = list(self._runs.values())
        return {"started": self.started, "cached": len(runs),
                "bytes": sum(r.nbytes for r in runs),
                "running": sum(not r.done.is_set() for r in runs)}

    def _work(self, run: Run, work: Callable) -> None:
        def on_step(record: dict) -> bool:
            self._arrived(run, [record])
            return run.unwatched(self.idle_timeout)

        crashed = False
        try:
            with self._slots:
                run.queued = False
                if run.unwatched(self.idle_timeout):
                    run.abandoned = True
                else:
                    run.result = self._train(run, work, on_step)
                    run.nbytes = run.result.nbytes()
                    run.abandoned = run.result.stopped_at is not None
        except Exception as err:  # a bad corpus or config: shown to the watchers, never raised
            run.error = f"{type(err).__name__}: {err}"
            crashed = isinstance(err, WorkerError)  # perhaps not again: the next visitor retries
        finally:
            self._evict(run, forget=run.abandoned or crashed)
            run.done.set()
            if run.result is not None:  # the result's history holds the same rows, compactly
                run.records = []

    def _train(self, run: Run, work: Callable, on_step: Callable[[dict], bool]):
        """work(on_step): in a worker process when this registry has them and `work` can be sent
        to one, else here."""
        job = dumps(work) if self.pool is not None else None
        if job is None:
            return work(on_step)
        try:
            return self._in_worker(job, lambda rows: self._arrived(run, rows),
                                   lambda: run.unwatched(self.idle_timeout))
        except WorkerError:
            if self.pool is not None or run.unwatched(self.idle_timeout):
                raise  # this run's watchers see the error; the next visitor tries again
            run.records, run.shown = [], 0  # the workers keep dying: train here, afresh
            return work(on_step)

    def _in_worker(self, job: bytes, on_rows: Callable, should_stop: Callable):
        """The job in one of the pool's workers. Workers that keep dying (a host that kills
        child processes, a broken install) are given up after MAX_WORKER_FAILURES in a row,
        and this registry trains on threads from then on."""
        pool = self.pool
        worker = pool.take()
        try:
            result = worker.run(job, on_rows, should_stop)
            self.worker_failures = 0
            return result
        except SilentWorkerError:
            raise  # the job hung or crawled; the workers themselves are fine
        except WorkerError:
            self.worker_failures += 1
            if self.worker_failures >= MAX_WORKER_FAILURES:
                self.pool = None
                pool.close()
            raise
        finally:
            pool.give(worker)

    @staticmethod
    def _arrived(run: Run, rows: list[dict]) -> None:
        """New history rows of `run`; the watchers see them at the next frame."""
        run.records.extend(rows)
        now = time.monotonic()
        if now - run.shown_at >= FRAME_SECONDS:
            run.shown, run.shown_at = len(run.records), now

    def _evict(self, finished: Run, forget: bool) -> None:
        """Drop `finished` if `forget`, and the least recently used finished runs beyond the
        bounds (`finished` counts as finished: its done flag is set right after)."""
        with self._lock:
            if forget and self._runs.get(finished.key) is finished:
                del self._runs[finished.key]
            total = sum(r.nbytes for r in self._runs.values())
            for key in list(self._runs):
                if total <= self.max_bytes and len(self._runs) <= self.max_runs:
                    break
                run = self._runs[key]
                if run.done.is_set() or run is finished:
                    total -= run.nbytes
                    del self._runs[key]
