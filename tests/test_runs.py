"""The shared run registry: one run per configuration, bounded memory, abandoned runs stop."""

import threading
import time

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
