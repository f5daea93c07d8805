"""Training in worker processes, so that the server's one GIL only runs page scripts.

A run's many small numpy calls hold the GIL; trained on threads of the server, they compete with
every page script for one core's worth of Python. A `Worker` is a child process
(`python -m rnnlab.pool`, started afresh: forking a threaded server is unsafe) that runs one job
at a time and talks over its stdin and stdout, one pickled message a frame:

    server -> worker   ("run", n, work)      work(on_step), the page's own closure, sent by value
                       ("stop", n)           the watchers of run n left: on_step returns True
    worker -> server   ("steps", n, rows)    the history rows since the last, every FLUSH_SECONDS
                       ("done", n, result)   or ("error", n, exception)

A closure made by a page (`lambda on_step: train(config, text, on_step)`) cannot be pickled by
reference; `dumps` sends such a function by value: its marshalled code, its closure's and its
defaults' values, and the globals it names (modules by name). Anything that cannot travel
(a lock, a generator) makes `dumps` return None, and the caller trains in its own process.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import marshal
import os
import pickle
import subprocess
import sys
import threading
import time
import types
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

FLUSH_SECONDS = 0.05  # how often a worker sends its new history rows: ten times a frame
STOP_GRACE = 5.0  # a worker told to stop that says nothing for this long is killed
# A worker that says nothing for this long is killed, whether or not anyone still watches: a
# training run sends rows every FLUSH_SECONDS (a step takes under half a second), and the longest
# silent job, one Jacobian analysis, takes a few seconds of CPU (its pairs get 1.5 s, a form,
# jacobians.pair_budget). Wall time: a worker at nice 10 may get a tenth of a core on a busy host.
SILENCE_LIMIT = 120.0
# Workers yield the CPU to the server: the page scripts are what the students wait for, and
# the server's one GIL is the class's bottleneck; training takes the cores they leave idle.
NICE = 10  # CFS weights 1024 (nice 0) against 110: the server gets 90% of a core both want
ROOT = Path(__file__).resolve().parents[1]  # where `rnnlab` is imported from, in the child too


class WorkerError(RuntimeError):
    """The worker process ended (killed, out of memory, crashed) in the middle of a run."""


class SilentWorkerError(WorkerError):
    """The worker said nothing for SILENCE_LIMIT seconds and was killed: the job's fault, not
    the host's (it does not count towards giving the workers up)."""


# ---- functions by value ----

def _importable(fn: types.FunctionType) -> bool:
    """Whether pickle can name `fn` (module.qualname finds this very function)."""
    try:
        found = importlib.import_module(fn.__module__)
        for part in fn.__qualname__.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError, TypeError):
        return False
    return found is fn


def _names(code: types.CodeType) -> set[str]:
    """The global names `code` and the functions defined in it may read."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _function(code: bytes, globals_: dict, name: str, defaults, kwdefaults, cells: list):
    """A function rebuilt by the worker from what _Pickler sent."""
    fn = types.FunctionType(marshal.loads(code), {"__builtins__": builtins, **globals_}, name,
                            defaults, tuple(types.CellType(v) for v in cells))
    fn.__kwdefaults__ = kwdefaults
    return fn


# ---- frames by value ----
# pandas pickles a string column (and every frame's column labels) with its storage: pyarrow's on
# the server, Python objects in a worker (which leaves pyarrow out, and could not read pyarrow's).
# Frames and series travel as their labels and numpy columns with each one's dtype instead, a
# string dtype by name, rebuilt with the receiving side's own storage: a frame made in a worker
# equals, dtype for dtype, the same frame made in the server. Any other pandas object refuses to
# travel (dumps returns None, and a job that holds one runs in the server).

def _dtype(dtype):
    """A dtype as it travels: a numpy dtype as itself, a string dtype by its name."""
    import pandas as pd

    if isinstance(dtype, pd.StringDtype):
        return "str" if dtype.na_value is not pd.NA else "string"
    return dtype


def _values(data):
    """A column's, series' or index's values as a numpy array (pandas' NA as None, which
    pickles as itself and reads back as NA)."""
    if _dtype(data.dtype) == "string":
        return data.to_numpy(dtype=object, na_value=None)
    return data.to_numpy()


def _labels(index) -> tuple:
    """What _rebuilt_index needs: a RangeIndex as its range, any other flat index as values."""
    import pandas as pd

    if isinstance(index, pd.RangeIndex):
        return ("range", index.start, index.stop, index.step, index.name)
    return ("values", _values(index), _dtype(index.dtype), index.name)


def _rebuilt_index(labels: tuple):
    import pandas as pd

    if labels[0] == "range":
        return pd.RangeIndex(*labels[1:4], name=labels[4])
    return pd.Index(labels[1], dtype=labels[2], name=labels[3])


def _column(values, dtype):
    import pandas as pd

    return pd.array(values, dtype=dtype) if isinstance(dtype, str) else values


def _objects(dtype) -> bool:
    """Whether `dtype` (as it travels) is numpy's object dtype, which pandas would turn into str
    when the strings it holds are rebuilt without saying so."""
    return getattr(dtype, "kind", "") == "O"


def _frame(columns: tuple, arrays: list, dtypes: list, index: tuple):
    """A DataFrame rebuilt from what _Pickler sent (columns in order, duplicates kept)."""
    import pandas as pd

    columns_ = zip(arrays, dtypes, strict=True)
    frame = pd.DataFrame({i: _column(a, d) for i, (a, d) in enumerate(columns_)},
                         index=_rebuilt_index(index))
    objects = {i: object for i, d in enumerate(dtypes) if _objects(d)}
    if objects:
        frame = frame.astype(objects)
    frame.columns = _rebuilt_index(columns)
    return frame


def _series(values, dtype, index: tuple, name):
    import pandas as pd

    return pd.Series(_column(values, dtype), index=_rebuilt_index(index), name=name,
                     dtype=object if _objects(dtype) else None)


def _plain(obj) -> bool:
    """Whether a pandas frame or series travels as numpy arrays without loss: plain labels (a
    RangeIndex or an Index, no MultiIndex, no dates with a frequency), numpy or string dtypes,
    no attrs, the default flags."""
    import numpy as np
    import pandas as pd

    indexes = [obj.index] + ([obj.columns] if isinstance(obj, pd.DataFrame) else [])
    dtypes = list(obj.dtypes) if isinstance(obj, pd.DataFrame) else [obj.dtype]
    return (not obj.attrs and obj.flags.allows_duplicate_labels
            and all(type(i) in (pd.Index, pd.RangeIndex) for i in indexes)
            and all(isinstance(d, (np.dtype, pd.StringDtype))
                    for d in dtypes + [i.dtype for i in indexes]))


def _frame_reduction(obj):
    """(rebuild, args) for a DataFrame or Series that _plain lets travel by value; None for
    what is not pandas'. Other pandas objects raise PicklingError."""
    if not type(obj).__module__.startswith("pandas"):
        return None
    pd = sys.modules["pandas"]
    if not isinstance(obj, (pd.DataFrame, pd.Series)) or not _plain(obj):
        raise pickle.PicklingError(f"a {type(obj).__name__} of this kind does not travel")
    if isinstance(obj, pd.Series):
        return _series, (_values(obj), _dtype(obj.dtype), _labels(obj.index), obj.name)
    arrays = [_values(obj.iloc[:, i]) for i in range(obj.shape[1])]
    return _frame, (_labels(obj.columns), arrays, [_dtype(d) for d in obj.dtypes],
                    _labels(obj.index))


class _Pickler(pickle.Pickler):
    """Pickle that sends modules by name, functions pickle cannot name by value, and pandas
    frames as numpy columns."""

    def reducer_override(self, obj):
        reduction = _frame_reduction(obj)
        if reduction is not None:
            return reduction
        if isinstance(obj, types.ModuleType):
            return importlib.import_module, (obj.__name__,)
        if isinstance(obj, types.FunctionType) and not _importable(obj):
            seen = obj.__globals__
            globals_ = {n: seen[n] for n in sorted(_names(obj.__code__)) if n in seen}
            globals_["__name__"] = obj.__module__
            cells = [c.cell_contents for c in obj.__closure__ or ()]
            return _function, (marshal.dumps(obj.__code__), globals_, obj.__name__,
                               obj.__defaults__, obj.__kwdefaults__, cells)
        return NotImplemented


def dumps(obj) -> bytes | None:
    """`obj` pickled, page-made functions by value; None when some part of it cannot be."""
    out = io.BytesIO()
    try:
        _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return out.getvalue()


# ---- the server's side ----

class Worker:
    """One child process that trains one run at a time."""

    def __init__(self):
        path = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONPATH=os.pathsep.join(path))
        self.proc = subprocess.Popen([sys.executable, "-m", "rnnlab.pool"], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        # at once, before the child's imports: on a cold server they would compete with the
        # first page's own (if this fails, the child lowers its priority once it has imported)
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, self.proc.pid, NICE)
        self._send = Connection(os.dup(self.proc.stdin.fileno()), readable=False)
        self._recv = Connection(os.dup(self.proc.stdout.fileno()), writable=False)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.jobs = 0

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, job: bytes, on_rows: Callable[[list[dict]], None],
            should_stop: Callable[[], bool], poll: float = 0.1):
        """Run the pickled `job` (from dumps(work)) and return what work(on_step) returned.

        `on_rows(rows)` receives the history rows as they come; `should_stop()`, asked after
        each batch and every `poll` seconds, tells the worker to stop (its on_step then returns
        True). Raises what the work raised, or WorkerError when the process is gone or was
        killed: it did not stop within STOP_GRACE, or sent nothing for SILENCE_LIMIT seconds."""
        self.jobs += 1
        n = self.jobs
        stop_sent = None
        self._io(self._send.send_bytes, pickle.dumps(("run", n)) + job)
        heard = time.monotonic()
        while True:
            if self._io(self._recv.poll, poll):
                heard = time.monotonic()
                kind, of, payload = pickle.loads(self._io(self._recv.recv_bytes))
                if of != n:
                    continue
                if kind == "done":
                    return payload
                if kind == "error":
                    raise payload
                on_rows(payload)
            if stop_sent is not None and time.monotonic() - stop_sent > STOP_GRACE:
                self.kill()
                raise WorkerError(f"the training worker did not stop within {STOP_GRACE:g} s")
            if time.monotonic() - heard > SILENCE_LIMIT:
                self.kill()
                raise SilentWorkerError(f"the training worker sent nothing for {SILENCE_LIMIT:g} s "
                                   "and was stopped")
            if stop_sent is None and should_stop():
                self._io(self._send.send_bytes, pickle.dumps(("stop", n)))
                stop_sent = time.monotonic()

    def _io(self, call: Callable, *args):
        """call(*args) on the pipes; a broken pipe means the process is gone."""
        try:
            return call(*args)
        except (EOFError, OSError) as err:
            self.kill()
            raise WorkerError(f"the training worker ended (exit code {self.proc.returncode})"
                              ) from err

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        self.proc.wait()
        self._send.close()
        self._recv.close()


# Workers started before a pool exists (start_early), for the first pool of this process to take.
_EARLY: list[Worker] = []
_EARLY_LOCK = threading.Lock()
_EARLY_STARTED = threading.Event()


def start_early(size: int) -> None:
    """Start `size` workers now, once a process, for the first Pool to take: a server calls this
    before its page's own imports, so that on a cold server the workers' imports run on the
    other core while the page's run on this one, and the first training finds them ready."""
    with _EARLY_LOCK:
        if _EARLY_STARTED.is_set():
            return
        _EARLY_STARTED.set()
        with contextlib.suppress(OSError):  # a host that cannot start processes: Pool says so
            _EARLY.extend(Worker() for _ in range(size))


class Pool:
    """At most `size` idle workers, started at once (or earlier, by start_early) so that the
    first run finds one ready."""

    def __init__(self, size: int):
        with _EARLY_LOCK:
            early = [_EARLY.pop() for _ in range(min(size, len(_EARLY)))]
        self._idle = early + [Worker() for _ in range(size - len(early))]
        self._lock = threading.Lock()

    def take(self) -> Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                worker.kill()
        return Worker()

    def give(self, worker: Worker) -> None:
        """A worker back after a run; one that died or was killed is dropped."""
        if not worker.alive():
            worker.kill()
            return
        with self._lock:
            self._idle.append(worker)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


# ---- the worker's side ----

def serve(inbox: Connection, outbox: Connection) -> None:
    """Run jobs until the server closes the pipe."""
    # pandas imports pyarrow when it is installed (Streamlit needs it) for its string columns:
    # 35 MiB and 50 ms a process. A worker's results are numbers; a string column, if any,
    # keeps its strings as Python objects (pandas' own fallback) and reads the same.
    sys.modules.setdefault("pyarrow", None)
    import rnnlab.analysis  # noqa: F401 - what the jobs need, imported before the first one
    import rnnlab.train  # noqa: F401
    from rnnlab import blas

    blas.set_threads(1)  # as the server's pages do: the same sums in the same order
    if os.getpriority(os.PRIO_PROCESS, 0) < NICE:  # unless the server already lowered it
        os.nice(NICE - os.getpriority(os.PRIO_PROCESS, 0))
    while True:
        try:
            frame = inbox.recv_bytes()
        except EOFError:
            return
        stream = io.BytesIO(frame)
        kind, n = pickle.load(stream)
        if kind == "run":
            _run(n, stream, inbox, outbox)


def _run(n: int, job: io.BytesIO, inbox: Connection, outbox: Connection) -> None:
    rows: list[dict] = []
    sent, stop = time.monotonic(), False

    def flush() -> None:
        nonlocal rows, sent
        if rows:
            outbox.send_bytes(pickle.dumps(("steps", n, rows)))
        rows, sent = [], time.monotonic()

    def on_step(record: dict) -> bool:
        nonlocal stop
        rows.append(record)
        if time.monotonic() - sent >= FLUSH_SECONDS:
            flush()
        while not stop and inbox.poll():
            kind, of = pickle.loads(inbox.recv_bytes())
            stop = kind == "stop" and of == n  # a late stop for an earlier run is ignored
        return stop

    try:
        result = pickle.load(job)(on_step)
        flush()
        message = dumps(("done", n, result)) or pickle.dumps(("done", n, result))
    except Exception as err:  # the server shows it to the run's watchers, as a thread would
        flush()
        try:
            message = pickle.dumps(("error", n, err))
            pickle.loads(message)
        except Exception:
            message = pickle.dumps(("error", n, RuntimeError(f"{type(err).__name__}: {err}")))
    outbox.send_bytes(message)


def main() -> None:
    """A worker: jobs in on stdin, results out on stdout."""
    inbox = Connection(os.dup(sys.stdin.fileno()), writable=False)
    outbox = Connection(os.dup(sys.stdout.fileno()), readable=False)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not break a frame
    serve(inbox, outbox)


if __name__ == "__main__":
    # this module once more by its own name, so that what the worker pickles (the frames'
    # rebuilders) names rnnlab.pool, which the server can find, and not __main__
    importlib.import_module("rnnlab.pool").main()
