"""What every panel of the page shares: the class-wide run registry, and safe text."""

from __future__ import annotations

import gc
import string
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from rnnlab.config import LabConfig
from rnnlab.runs import RunRegistry, train_in
from rnnlab.teaching import packs
from rnnlab.teaching.i18n import tr
from rnnlab.turns import Turns
from rnnlab.version import ENGINE_VERSION

DEFAULT = LabConfig()
PAGES_AT_ONCE = 2  # pages drawing their analyses at once (rnnlab.turns): one a core
POLL_SECONDS = 0.5  # how often a page looks at its training run's progress
QUEUED_POLL_SECONDS = 1.0  # ... while the run waits for a free slot: nothing to redraw
REDRAW_SPACING = 5.0  # after a redraw that took s seconds, the next one waits 5·s at least
# A student who moves a slider again within SETTLE_AFTER seconds of the last move waits
# SETTLE_SECONDS before a new run starts, so a flurry of moves trains once, for the last value.
SETTLE_AFTER, SETTLE_SECONDS = 2.0, 0.6
# every ASCII punctuation mark: CommonMark lets a backslash make any of them literal, and then no
# emphasis, link, HTML, maths, emoji (:smile:), heading, list, rule or table can start
MD_SPECIAL = set(string.punctuation)
# characters that would break the line (and so let a heading or a list begin), shown instead
MD_VISIBLE = {"\n": "↵", "\r": "↵", "\t": "⇥", "\u2028": "↵", "\u2029": "↵", "\x0b": "↵",
              "\x0c": "↵", "\x85": "↵"}


@st.cache_resource
def registry() -> RunRegistry:
    """The process-wide, bounded cache of training runs shared by every session, holding the
    shipped lesson packs from the start. It trains in worker processes (rnnlab/pool.py, the
    default, RNNLAB_TRAIN_IN=process), leaving the server's GIL to the page scripts, or on
    threads of the server (RNNLAB_TRAIN_IN=thread)."""
    runs = RunRegistry(workers=train_in())
    for (config, corpus_key), result in packs.shipped().items():
        runs.keep((ENGINE_VERSION, config, corpus_key), result)
    # The modules just imported (numpy, pandas, Altair, Streamlit's server) and the packs live as
    # long as the server: frozen, a full collection skips their ~150,000 objects (a few ms
    # instead of 40). Streamlit's own after every page (runner.postScriptGC) is off in
    # .streamlit/config.toml; Python's oldest generation is still collected now and then.
    gc.collect()
    gc.freeze()
    return runs


def watch(key: tuple, work) -> object:
    """This session's run for `key`, shared with every session asking for the same; the run it
    watched before is told that this session left, so an abandoned run stops at once, and a
    change that follows another closely waits a moment before it starts a run of its own."""
    state = st.session_state
    who = state.setdefault("who", uuid.uuid4().hex)
    previous = state.get("watching")
    state.watching = key  # first: the superseded script run stops polling `previous` on seeing it
    if previous is not None and previous != key:
        registry().leave(previous, who)
        now = time.monotonic()
        if now - state.get("changed_at", -SETTLE_AFTER) < SETTLE_AFTER and not registry().has(key):
            # a change right after another: wait a moment, in case a further one supersedes it
            time.sleep(SETTLE_SECONDS)
            if state.get("watching") != key:
                st.stop()  # superseded while waiting: this script run is being stopped anyway
        state.changed_at = now
    run = registry().get(key, work)
    run.join(who)
    return run


def wait_for(runs: list, draw: Callable[[bool], None]) -> None:
    """Wait until each of the registry's `runs` is done, watching them for this session.

    Every POLL_SECONDS the runs are told that this session still watches (so they go on), and
    `draw(queued)` is called when they moved since it last was: new steps, or a run that started
    or finished (`queued`: every run still going waits for a free slot). A class's pages poll
    together, so nothing is redrawn without news, a page whose runs all wait polls every
    QUEUED_POLL_SECONDS once drawn, and a page spends at most 1/REDRAW_SPACING of its time
    redrawing: on a busy server, where a redraw takes longer, it redraws less often (which
    would otherwise make the server busier still). A session that moved on (a newer script run
    watches another run) stops here, so the runs it left can stop; a run abandoned just as this
    session came to it is started afresh by a rerun.
    """
    state = st.session_state
    who, watching = state.get("who"), state.get("watching")
    drawn, next_draw = None, 0.0
    while going := [run for run in runs if not run.done.is_set()]:
        queued = all(run.queued for run in going)
        going[0].done.wait(QUEUED_POLL_SECONDS if queued and drawn is not None else POLL_SECONDS)
        if all(run.done.is_set() for run in going):
            break
        if state.get("watching") != watching:
            st.stop()
        for run in going:
            run.touch(who)
        moved = [(run.shown, run.queued, run.done.is_set()) for run in runs]
        if moved != drawn and time.monotonic() >= next_draw:
            drawn, began = moved, time.monotonic()
            draw(all(run.queued for run in runs if not run.done.is_set()))
            next_draw = began + REDRAW_SPACING * (time.monotonic() - began)
    if any(run.abandoned for run in runs):
        st.rerun()


def md_escape(text: str) -> str:
    """User text made inert for st.markdown, on one line: no emphasis, maths, links or HTML, and
    no line break that would let it start a heading, a list, a rule or a table (shown as ↵)."""
    return "".join("\\" + c if c in MD_SPECIAL else MD_VISIBLE.get(c, c) for c in text)


def csv_button(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, lang: str,
               key: str) -> None:
    """A button that downloads `frame` (or what the function `frame` returns) as CSV, written
    when it is clicked: writing the page's tables on every script run took a fifth of a page's
    time."""
    st.download_button(tr("ui.download_csv", lang),
                       lambda: (frame() if callable(frame) else frame).to_csv(index=False),
                       file_name=name, mime="text/csv", key=key)


class SpecCache:
    """Vega-Lite specs of charts, made once for the whole class: building an Altair chart and
    converting it (schema validation, Arrow serialisation, under a process-wide lock) costs about
    10 ms, and thirty students opening one link would otherwise pay it thirty times per chart;
    sessions asking at once for the same chart wait for one conversion. Bounded by the bytes of
    the specs' datasets; least recently used first out."""

    def __init__(self, max_bytes: int = 32 * 2**20):
        self.max_bytes, self.bytes = max_bytes, 0
        self._specs: OrderedDict[tuple, tuple[dict, int, str | None]] = OrderedDict()
        self._lock = threading.Lock()
        self._building = [threading.Lock() for _ in range(16)]  # striped by key

    def _hit(self, key: tuple) -> tuple[dict, str | None] | None:
        with self._lock:
            hit = self._specs.get(key)
            if hit is None:
                return None
            self._specs.move_to_end(key)
            return hit[0], hit[2]

    def get(self, key: tuple, build, alt=None) -> tuple[dict, str | None]:
        """(spec, alt text) of the chart `key`: `build()` converted, and `alt` (a string, or a
        function that computes it from the same data) made once with it."""
        hit = self._hit(key)
        if hit is not None:
            return hit
        with self._building[hash(key) % len(self._building)]:
            hit = self._hit(key)  # converted by the session this one waited for
            if hit is not None:
                return hit
            spec = _vega_spec(build())
            text = alt() if callable(alt) else alt
            size = sum(len(v) for v in spec.get("datasets", {}).values() if isinstance(v, bytes))
            with self._lock:
                self._specs[key] = (spec, size, text)
                self.bytes += size
                while self.bytes > self.max_bytes and len(self._specs) > 1:
                    _, (_, old, _) = self._specs.popitem(last=False)
                    self.bytes -= old
        return spec, text


def _vega_spec(chart) -> dict:
    """The spec st.altair_chart would send for `chart` (Streamlit's own conversion)."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    return _convert_altair_to_vega_lite_spec(chart)


@st.cache_resource
def turns() -> Turns:
    """The class-wide gate through which pages draw their analyses, in arrival order."""
    return Turns(width=PAGES_AT_ONCE)


@st.cache_resource
def spec_cache() -> SpecCache:
    return SpecCache()


def chart(slot, key: tuple | None, build, alt=None) -> None:
    """Draw the Altair chart `build()` in `slot` (st, a column, an st.empty()) with its alt text
    `alt` (a string, or a function computing it). `key` names everything the chart and its alt
    text depend on (the run, the view, the language): charts with one key are converted, and
    their alt texts written, once for every session. Without a key the chart is drawn as is."""
    if key is None:
        slot.altair_chart(build(), width="stretch", alt=alt() if callable(alt) else alt)
        return
    spec, text = spec_cache().get(key, build, alt)
    slot.vega_lite_chart(spec=dict(spec), width="stretch", alt=text)


_STRIPES = [threading.Lock() for _ in range(64)]
ANALYSES_AT_ONCE = 2  # like training runs: one Jacobian analysis at H = 256 needs ~150 MB, > 1 s
_ANALYSES = threading.BoundedSemaphore(ANALYSES_AT_ONCE)
# the analyses this process computed, most recent last; no longer than the smallest of their
# st.cache_data bounds (64), so a key found here is still cached there
_COMPUTED: OrderedDict[tuple, None] = OrderedDict()
_COMPUTED_MAX = 64
_COMPUTED_LOCK = threading.Lock()


@contextmanager
def one_at_a_time(*key):
    """Hold this while asking a cached function for the analysis named `key`.

    Thirty sessions asking at once for the same uncached analysis wait for the first, then find
    it cached (striped: 64 locks serve every key). An analysis not computed yet also takes one of
    ANALYSES_AT_ONCE process-wide slots, as training does, so a class asking for many large ones
    at once neither runs out of memory nor starves the other pages; one found cached takes none.
    """
    with _STRIPES[hash(key) % len(_STRIPES)]:
        with _COMPUTED_LOCK:
            cached = key in _COMPUTED
            if cached:
                _COMPUTED.move_to_end(key)
        if cached:
            yield
            return
        with _ANALYSES:
            yield
        with _COMPUTED_LOCK:  # only when it succeeded: a failed analysis is not cached
            _COMPUTED[key] = None
            while len(_COMPUTED) > _COMPUTED_MAX:
                _COMPUTED.popitem(last=False)
