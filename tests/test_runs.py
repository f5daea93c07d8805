"""The shared run registry: one run per configuration, bounded memory, abandoned runs stop."""

import os
import pickle
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

from rnnlab import pool
from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus
from rnnlab.runs import RunRegistry
from rnnlab.train import train

CFG = LabConfig(hidden=8, seq_len=5, batch=2, steps=30)


def _work(config, counter=None, delay=0.0):
    text = load_corpus("english")

    def work(on_step):
        if counter is not None:
            counter.append(1)

        def slow(record):
            time.sleep(delay)
            return on_step(record)
        return train(config, text, slow)
    return work


def test_identical_requests_arriving_together_train_once():
    reg, calls = RunRegistry(), []
    runs = []
    barrier = threading.Barrier(8)

    def student():
        barrier.wait()
        runs.append(reg.get(("k", CFG), _work(CFG, calls)))

    threads = [threading.Thread(target=student) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len({id(r) for r in runs}) == 1 and reg.started == 1
    assert runs[0].done.wait(30) and runs[0].result is not None
    assert len(calls) == 1
    # a later visitor gets the finished run at once
    assert reg.get(("k", CFG), _work(CFG, calls)) is runs[0] and len(calls) == 1


def test_watchers_see_progress_while_it_trains():
    reg = RunRegistry()
    run = reg.get(("slow",), _work(CFG, delay=0.01))
    seen = []
    while not run.done.wait(0.02):
        run.touch()
        seen.append(len(run.snapshot()))
    assert max(seen) > 0 and len(run.result.history) == CFG.steps
    assert run.records == []  # once finished, the compact history is all that is kept


def test_a_run_nobody_watches_stops_and_is_forgotten():
    reg = RunRegistry(idle_timeout=0.05)
    long = CFG.replace(steps=2000)
    run = reg.get(("idle",), _work(long, delay=0.001))
    assert run.done.wait(30)
    assert run.abandoned and len(run.records) < long.steps
    assert reg.stats()["cached"] == 0
    again = reg.get(("idle",), _work(long))  # someone comes back: a fresh run starts
    assert again is not run


def test_memory_bound_evicts_least_recently_used_runs():
    reg = RunRegistry(max_runs=3)
    runs = [reg.get((i,), _work(CFG.replace(seed=i))) for i in range(5)]
    for r in runs:
        assert r.done.wait(30)
    assert reg.stats()["cached"] <= 3
    reg2 = RunRegistry(max_bytes=1)
    r = reg2.get(("big",), _work(CFG))
    r.done.wait(30)
    assert reg2.stats()["cached"] == 0


def test_errors_reach_the_watchers_not_the_server():
    reg = RunRegistry()

    def broken(on_step):
        raise ValueError("the text has 3 characters")
    run = reg.get(("bad",), broken)
    assert run.done.wait(5)
    assert run.result is None and "3 characters" in run.error


def test_a_run_stops_at_once_when_its_only_student_moves_on():
    reg = RunRegistry(idle_timeout=60)
    long = CFG.replace(steps=3000)
    run = reg.get(("left",), _work(long, delay=0.001))
    run.touch("alice")
    time.sleep(0.2)
    reg.leave(("left",), "alice")
    assert run.done.wait(10)
    assert run.abandoned and len(run.records) < long.steps


def test_a_run_goes_on_while_another_student_still_watches():
    reg = RunRegistry(idle_timeout=60)
    run = reg.get(("shared",), _work(CFG.replace(steps=200), delay=0.001))
    run.touch("alice")
    run.touch("bob")
    reg.leave(("shared",), "alice")
    assert run.done.wait(30)
    assert not run.abandoned and run.result.finished


def test_the_class_wide_size_is_the_results_size():
    reg = RunRegistry()
    run = reg.get(("size",), _work(CFG))
    assert run.done.wait(30)
    assert reg.stats()["bytes"] == run.result.nbytes() > 0


def test_a_page_waiting_on_a_queued_run_redraws_only_on_news():
    from ui.shared import wait_for

    reg = RunRegistry(max_parallel=1)
    slot_free = threading.Event()

    def blocker(on_step):  # holds the only training slot until slot_free
        slot_free.wait(30)
        return _work(CFG.replace(steps=20))(on_step)

    reg.get(("first",), blocker)
    run = reg.get(("second",), _work(CFG.replace(steps=40), delay=0.05))  # 2 s
    threading.Timer(1.5, slot_free.set).start()
    draws = []
    wait_for([run], lambda queued: draws.append((queued, len(run.records))))
    assert run.done.is_set() and run.result.finished
    assert draws[0] == (True, 0)  # a queued run draws its empty charts once, then waits
    assert draws.count((True, 0)) == 1 and not draws[-1][0]
    assert len(set(draws)) == len(draws)  # nothing redrawn without news
    steps = [n for queued, n in draws if not queued]
    assert steps == sorted(steps)


# ---- training in worker processes (RNNLAB_TRAIN_IN=process, rnnlab/pool.py) ----

@pytest.fixture
def in_workers():
    """A registry that trains in worker processes; its workers end with the test."""
    made = []

    def make(**kw):
        made.append(RunRegistry(workers="process", **kw))
        return made[-1]

    yield make
    for reg in made:
        if reg.pool is not None:
            reg.pool.close()


def test_a_run_trained_in_a_worker_is_bit_identical_to_one_trained_here(in_workers):
    config = LabConfig(hidden=16, seq_len=10, batch=4, steps=60, seed=3)
    text = load_corpus("english")
    run = in_workers().get(("same",), lambda on_step: train(config, text, on_step))
    here = train(config, text)
    assert run.done.wait(60) and run.error is None
    there = run.result
    pd.testing.assert_frame_equal(there.history, here.history, check_exact=True)
    assert there.checkpoints.keys() == here.checkpoints.keys()
    pairs = [(there.params, here.params)] + [(there.checkpoints[k], here.checkpoints[k])
                                             for k in here.checkpoints]
    for a, b in pairs:
        for x, y in zip(a.arrays(), b.arrays(), strict=True):
            assert x.dtype == y.dtype and x.tobytes() == y.tobytes()
    assert np.array_equal(there.h_last, here.h_last) and there.finished


def test_a_worker_streams_its_rows_while_it_trains(in_workers):
    run = in_workers().get(("stream",), _work(CFG.replace(steps=100), delay=0.01))  # ~1 s
    seen = []
    while not run.done.wait(0.02):
        run.touch()
        n = len(run.records)
        if not run.done.is_set():  # done is set before the finished run's rows are dropped
            seen.append(n)
    assert run.error is None and len(run.result.history) == 100
    assert any(0 < n < 100 for n in seen)  # rows arrived before the end
    assert seen == sorted(seen) and run.records == []


def test_a_worker_stops_at_once_when_its_only_student_moves_on(in_workers):
    reg = in_workers(idle_timeout=60)
    long = CFG.replace(steps=3000)
    run = reg.get(("left",), _work(long, delay=0.002))  # 6 s if nobody stopped it
    run.touch("alice")
    while not run.records:
        time.sleep(0.02)
    reg.leave(("left",), "alice")
    left = time.monotonic()
    assert run.done.wait(10) and time.monotonic() - left < 2.0  # untouched: 6 s
    assert run.abandoned and run.result.stopped_at is not None
    assert run.result.steps_done < long.steps and reg.stats()["cached"] == 0


def test_a_worker_that_dies_gives_its_watchers_an_error_and_is_replaced(in_workers):
    reg = in_workers(max_parallel=1)
    run = reg.get(("crash",), lambda on_step: os.kill(os.getpid(), signal.SIGKILL))
    assert run.done.wait(20), "a dead worker must not leave its watchers waiting"
    assert run.result is None and "worker ended (exit code -9)" in run.error
    assert not reg.has(("crash",))  # not kept: the next visitor tries again
    after = reg.get(("after",), _work(CFG))  # a fresh worker takes the dead one's place
    assert after.done.wait(30) and after.result.finished


def test_errors_in_a_worker_read_as_they_do_on_a_thread(in_workers):
    def broken(on_step):
        raise ValueError("the text has 3 characters")

    run = in_workers().get(("bad",), broken)
    assert run.done.wait(20)
    assert run.result is None and run.error == "ValueError: the text has 3 characters"


def test_work_that_cannot_travel_trains_here(in_workers):
    lock = threading.Lock()  # a lock cannot be pickled: this work stays in the server process
    pids = []

    def here(on_step):
        with lock:
            pids.append(os.getpid())
        return _work(CFG)(on_step)

    run = in_workers().get(("here",), here)
    assert run.done.wait(30) and run.result.finished and pids == [os.getpid()]


def test_a_worker_that_ignores_stop_is_killed(in_workers, monkeypatch):
    monkeypatch.setattr(pool, "STOP_GRACE", 0.5)

    def deaf(on_step):  # never looks at what on_step says
        for step in range(1, 100_000):
            on_step({"step": step})
            time.sleep(0.001)

    reg = in_workers(idle_timeout=60)
    run = reg.get(("deaf",), deaf)
    run.touch("alice")
    while not run.records:
        time.sleep(0.02)
    reg.leave(("deaf",), "alice")
    assert run.done.wait(10) and "did not stop" in run.error


def test_a_worker_that_hangs_while_watched_is_killed_and_replaced(in_workers, monkeypatch):
    """A job that sends nothing for SILENCE_LIMIT seconds ends in an error its watchers read,
    even while a student still watches; the next run gets a fresh worker."""
    monkeypatch.setattr(pool, "SILENCE_LIMIT", 0.5)
    reg = in_workers(idle_timeout=60, max_parallel=1)
    run = reg.get(("hung",), lambda on_step: time.sleep(60))
    run.touch("alice")  # watched throughout
    assert run.done.wait(10) and "sent nothing for 0.5 s" in run.error
    assert reg.worker_failures == 0 and reg.pool is not None  # the job's fault, not the host's
    after = reg.get(("after",), _work(CFG))
    assert after.done.wait(30) and after.error is None and after.result.finished


def test_an_analysis_that_hangs_in_a_worker_fails_instead_of_hanging_here(in_workers,
                                                                          monkeypatch):
    monkeypatch.setattr(pool, "SILENCE_LIMIT", 0.5)
    reg = in_workers(max_parallel=1)
    with pytest.raises(pool.SilentWorkerError, match="sent nothing for 0.5 s"):
        reg.compute(lambda: time.sleep(60))


def test_a_worker_takes_the_page_s_other_closures_too(in_workers):
    """ui/training.py binds its settings as default arguments; app.py's closure captures them."""
    config = CFG.replace(seed=5)
    text = load_corpus("english")
    reg = in_workers()
    bound = reg.get(("bound",), lambda on_step, cfg=config, t=text: train(cfg, t, on_step))
    assert bound.done.wait(30) and bound.error is None
    pd.testing.assert_frame_equal(bound.result.history, train(config, text).history,
                                  check_exact=True)


def test_compute_runs_in_a_worker_or_here(in_workers):
    text = load_corpus("english")
    here, there = RunRegistry(), in_workers()
    assert here.compute(os.getpid) == os.getpid()  # threads: the page computes it itself
    assert there.compute(lambda: os.getpid()) != os.getpid()
    assert there.compute(lambda: len(text.ids)) == len(text.ids)
    with pytest.raises(ZeroDivisionError):  # the worker's error reaches the caller
        there.compute(lambda: 1 / 0)


def test_urgent_work_goes_before_the_runs_waiting_for_a_slot():
    from rnnlab.runs import Slots

    slots, order = Slots(1), []
    slots.__enter__()  # the only slot, taken

    def plain():
        with slots:
            order.append("run")

    def urgent():
        with slots.urgent():
            order.append("analysis")

    waiting = [threading.Thread(target=plain)]
    waiting[0].start()
    time.sleep(0.1)  # the run waits first ...
    waiting.append(threading.Thread(target=urgent))
    waiting[1].start()
    time.sleep(0.1)
    slots.__exit__()  # ... but the analysis goes first
    for th in waiting:
        th.join(5)
    assert order == ["analysis", "run"]


def test_runs_waiting_for_a_slot_start_in_the_order_they_came():
    from rnnlab.runs import Slots

    slots, order = Slots(1), []
    slots.__enter__()

    def plain(i):
        with slots:
            order.append(i)

    waiting = []
    for i in range(5):
        waiting.append(threading.Thread(target=plain, args=(i,)))
        waiting[-1].start()
        time.sleep(0.05)
    slots.__exit__()
    for th in waiting:
        th.join(5)
    assert order == list(range(5))


def _dies_in_a_worker(config, server_pid):
    """Work that kills the process it runs in, unless that is the server (the test's own)."""
    text = load_corpus("english")

    def work(on_step):
        if os.getpid() != server_pid:
            os.kill(os.getpid(), signal.SIGKILL)
        return train(config, text, on_step)
    return work


def test_workers_that_keep_dying_are_given_up_for_threads(in_workers):
    """A host that kills child processes, or a broken install: after MAX_WORKER_FAILURES in a
    row the registry trains on threads, and the run that gave up on them trains here."""
    from rnnlab.runs import MAX_WORKER_FAILURES

    reg = in_workers(max_parallel=1)
    me = os.getpid()
    for i in range(MAX_WORKER_FAILURES - 1):
        run = reg.get(("dies", i), _dies_in_a_worker(CFG, me))
        run.touch()
        assert run.done.wait(30) and "worker ended" in run.error
    last = reg.get(("dies", "last"), _dies_in_a_worker(CFG, me))
    last.touch()
    assert last.done.wait(60) and last.error is None and last.result.finished
    assert reg.pool is None and reg.worker_failures == MAX_WORKER_FAILURES
    assert len(last.result.history) == CFG.steps  # trained afresh, not on the dead one's rows


def test_a_host_that_cannot_start_processes_trains_on_threads(monkeypatch):
    import rnnlab.runs

    def refuse(size):
        raise OSError("fork is not allowed here")

    monkeypatch.setattr(rnnlab.runs, "Pool", refuse)
    reg = RunRegistry(workers="process")
    assert reg.pool is None
    run = reg.get(("here",), _work(CFG))
    assert run.done.wait(30) and run.result.finished


def test_an_analysis_whose_worker_dies_is_computed_here(in_workers):
    reg = in_workers(max_parallel=1)
    me = os.getpid()

    def analysis():
        if os.getpid() != me:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    assert reg.compute(analysis) == me


def test_frames_made_in_a_worker_equal_those_made_here(in_workers):
    """A worker leaves pyarrow out (35 MiB a process); the frames it sends are rebuilt here with
    this side's own string storage, so these equal, dtype for dtype, the same frames made here."""
    def frames():  # defined in the test, so sent to the worker by value
        """A frame with every column kind the engine's results hold, a string index, a series."""
        frame = pd.DataFrame({"form": ["rnn", "gru", "lstm"], "t": [3, 2, 1],
                              "measured": [0.5, np.nan, 1e-300], "clipped": [True, False, True]})
        named = frame.set_index("form")
        return (frame, named, named["measured"], frame.rename(columns={"t": "measured"}),
                os.getpid())

    *there, pid = in_workers().compute(frames)
    *here, _ = frames()
    assert pid != os.getpid()
    for a, b in zip(there, here, strict=True):
        assert type(a) is type(b)
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
        else:
            pd.testing.assert_series_equal(a, b, check_exact=True)
        assert a.index.dtype == b.index.dtype


def test_a_worker_does_without_pyarrow(in_workers):
    import sys

    loaded = in_workers().compute(lambda: (sys.modules.get("pyarrow") is not None,
                                           "pandas" in sys.modules))
    assert loaded == (False, True)


def test_frames_keep_every_dtype_across_the_pipe():
    """Empty and all-missing string columns, object columns of strings, pandas' NA strings,
    string labels: each comes back with the dtype it left with."""
    frames = [pd.DataFrame({"s": pd.Series([], dtype="str"), "o": pd.Series([], dtype=object)}),
              pd.DataFrame({"s": pd.Series([np.nan, np.nan], dtype="str"),
                            "o": pd.Series(["a", "b"], dtype=object),
                            "n": pd.Series(["a", None], dtype="string"),
                            "mixed": [1, "x"], "b": [True, False], "i": [1, 2]}),
              pd.Series(["a", "b"], index=pd.Index(["x", "y"], dtype=object), name=("a", 1))]
    for frame in frames:
        back = pickle.loads(pool.dumps(frame))
        if isinstance(frame, pd.DataFrame):
            pd.testing.assert_frame_equal(back, frame, check_exact=True)
        else:
            pd.testing.assert_series_equal(back, frame, check_exact=True)
        assert back.index.dtype == frame.index.dtype


def test_pandas_objects_the_codec_cannot_carry_keep_a_job_here():
    """A MultiIndex, a categorical column, dates with a frequency, a bare Index: dumps refuses
    them (pyarrow's strings inside would not load in a worker), so a job holding one runs in
    the server, and a worker's result holding one is pickled as pandas does."""
    refused = [pd.DataFrame({"a": [1, 2], "b": [3, 4]}).set_index(["a", "b"], drop=False),
               pd.DataFrame({"c": pd.Categorical(["x", "y"])}),
               pd.Series([1.0, 2.0], index=pd.date_range("2026-01-01", periods=2, freq="D")),
               pd.Index(["x", "y"])]
    for obj in refused:
        assert pool.dumps(obj) is None
        assert pool.dumps(lambda on_step, obj=obj: len(obj)) is None


def test_workers_started_early_are_the_first_pool_s(monkeypatch):
    """start_early (app.py, before the page's imports) starts workers once; the first Pool takes
    them and starts no more of its own."""
    started = []

    class Counted:
        def __init__(self):
            started.append(self)

        def alive(self):
            return True

        def kill(self):
            pass

    monkeypatch.setattr(pool, "Worker", Counted)
    monkeypatch.setattr(pool, "_EARLY", [])
    monkeypatch.setattr(pool, "_EARLY_STARTED", threading.Event())
    pool.start_early(2)
    pool.start_early(2)  # a later script run: nothing more
    assert len(started) == 2
    first = pool.Pool(2)
    assert len(started) == 2 and {first.take(), first.take()} == set(started)
    pool.Pool(2)  # a second pool in the same process starts its own
    assert len(started) == 4
