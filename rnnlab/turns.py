"""Pages that finish in the order students arrived.

Thirty pages whose runs finish together would otherwise draw their tabs all at once, each
getting a thirtieth of the one Python interpreter, so that every student waits as long as the
last. `Turns` lets `width` of them draw at a time, the earliest arrival first: the first student
is done after one page's time, the median after half the class's.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from contextlib import contextmanager


class Turns:
    """A gate that lets at most `width` callers through at once, in order of `arrived`."""

    def __init__(self, width: int = 2):
        self.width = width
        self._cond = threading.Condition()
        self._waiting: list[tuple[float, int]] = []  # a heap of (arrived, ticket)
        self._inside = 0
        self._tickets = itertools.count()

    @contextmanager
    def turn(self, arrived: float, patience: float = 30.0):
        """Wait for this caller's turn (never longer than `patience` seconds: a caller that
        never leaves cannot hold the others for good), then hold it until the block ends."""
        me = (arrived, next(self._tickets))
        with self._cond:
            heapq.heappush(self._waiting, me)
            try:
                self._cond.wait_for(lambda: self._inside < self.width and self._waiting[0] == me,
                                    timeout=patience)
            finally:  # also when the wait is interrupted: the others must not wait for me
                self._waiting.remove(me)
                heapq.heapify(self._waiting)
            self._inside += 1
        try:
            yield
        finally:
            with self._cond:
                self._inside -= 1
                self._cond.notify_all()

    def waiting(self) -> int:
        with self._cond:
            return len(self._waiting)
