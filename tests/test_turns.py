"""Pages finish in arrival order: the gate lets `width` through at a time, earliest first."""

import threading
import time

from rnnlab.turns import Turns


def test_callers_go_through_in_order_of_arrival_not_of_asking():
    turns, order = Turns(width=1), []
    hold = threading.Event()

    def first():
        with turns.turn(0.0):
            hold.wait(5)
            order.append(0)

    def late(arrived):
        with turns.turn(arrived):
            order.append(arrived)

    t0 = threading.Thread(target=first)
    t0.start()
    time.sleep(0.05)
    # they ask in the order 3, 1, 2 while the first holds its turn
    threads = [threading.Thread(target=late, args=(a,)) for a in (3.0, 1.0, 2.0)]
    for t in threads:
        t.start()
        time.sleep(0.05)
    assert turns.waiting() == 3
    hold.set()
    for t in [t0, *threads]:
        t.join(5)
    assert order == [0, 1.0, 2.0, 3.0]


def test_width_callers_are_inside_at_once_never_more():
    turns, inside, most = Turns(width=2), [0], [0]
    lock = threading.Lock()

    def work(arrived):
        with turns.turn(arrived):
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.02)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=work, args=(float(i),)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert most[0] == 2 and turns.waiting() == 0


def test_a_caller_that_fails_inside_gives_its_turn_back():
    turns = Turns(width=1)
    try:
        with turns.turn(0.0):
            raise RuntimeError("the script run was stopped")
    except RuntimeError:
        pass
    done = []
    with turns.turn(1.0, patience=1.0):
        done.append(1)
    assert done == [1] and turns.waiting() == 0


def test_patience_bounds_the_wait_behind_a_caller_that_never_leaves():
    turns = Turns(width=1)
    stuck = threading.Event()

    def hog():
        with turns.turn(0.0):
            stuck.wait(5)

    t = threading.Thread(target=hog)
    t.start()
    time.sleep(0.05)
    began = time.monotonic()
    with turns.turn(1.0, patience=0.2):
        waited = time.monotonic() - began
    assert 0.15 < waited < 2
    stuck.set()
    t.join(5)
