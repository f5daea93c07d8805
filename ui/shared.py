"""What every panel of the page shares: the class-wide run registry, and safe text."""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict

import pandas as pd
import streamlit as st

from rnnlab import packs
from rnnlab.config import LabConfig
from rnnlab.i18n import t
from rnnlab.runs import RunRegistry
from rnnlab.version import ENGINE_VERSION

DEFAULT = LabConfig()
POLL_SECONDS = 0.5  # how often a page looks at its training run's progress
QUEUED_POLL_SECONDS = 1.0  # ... while the run waits for a free slot: nothing to redraw
# A student who moves a slider again within SETTLE_AFTER seconds of the last move waits
# SETTLE_SECONDS before a new run starts, so a flurry of moves trains once, for the last value.
SETTLE_AFTER, SETTLE_SECONDS = 2.0, 0.6
MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~:")


@st.cache_resource
def registry() -> RunRegistry:
    """The process-wide, bounded cache of training runs shared by every session, holding the
    shipped lesson packs from the start."""
    runs = RunRegistry()
    for (config, corpus_key), result in packs.shipped().items():
        runs.keep((ENGINE_VERSION, config, corpus_key), result)
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


def md_escape(text: str) -> str:
    """User text made inert for st.markdown: no emphasis, maths, links or HTML."""
    return "".join("\\" + c if c in MD_SPECIAL else c for c in text)


def csv_button(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    st.download_button(t("ui.download_csv", lang), frame.to_csv(index=False), file_name=name,
                       mime="text/csv", key=key)


class SpecCache:
    """Vega-Lite specs of charts, made once for the whole class: Altair's conversion of a chart
    (its schema validation and Arrow serialisation, under a process-wide lock) costs 5-15 ms, and
    thirty students opening one link would otherwise pay it thirty times per chart. Bounded by
    the bytes of the specs' datasets; least recently used first out."""

    def __init__(self, max_bytes: int = 48 * 2**20):
        self.max_bytes, self.bytes = max_bytes, 0
        self._specs: OrderedDict[tuple, tuple[dict, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, build) -> dict:
        with self._lock:
            hit = self._specs.get(key)
            if hit is not None:
                self._specs.move_to_end(key)
                return hit[0]
        spec = _vega_spec(build())
        size = sum(len(v) for v in spec.get("datasets", {}).values() if isinstance(v, bytes))
        with self._lock:
            if key not in self._specs:
                self._specs[key] = (spec, size)
                self.bytes += size
            while self.bytes > self.max_bytes and len(self._specs) > 1:
                _, (_, old) = self._specs.popitem(last=False)
                self.bytes -= old
        return spec


def _vega_spec(chart) -> dict:
    """The spec st.altair_chart would send for `chart` (Streamlit's own conversion)."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    return _convert_altair_to_vega_lite_spec(chart)


@st.cache_resource
def spec_cache() -> SpecCache:
    return SpecCache()


def chart(slot, key: tuple | None, build, alt: str | None = None) -> None:
    """Draw the Altair chart `build()` in `slot` (st, a column, an st.empty()). `key` names
    everything the chart depends on (the run, the view, the language): charts with one key are
    converted once for every session. Without a key the chart is drawn as it is."""
    if key is None:
        slot.altair_chart(build(), width="stretch", alt=alt)
        return
    spec = spec_cache().get(key, build)
    slot.vega_lite_chart(spec=dict(spec), width="stretch", alt=alt)


_STRIPES = [threading.Lock() for _ in range(64)]


def one_at_a_time(*key):
    """A lock for `key`: thirty sessions asking at once for the same uncached analysis would
    each compute it (st.cache_data does not wait for a computation under way); under this lock
    the first computes and the others find it cached. Striped: 64 locks serve every key."""
    return _STRIPES[hash(key) % len(_STRIPES)]
