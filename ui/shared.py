"""What every panel of the page shares: the class-wide run registry, and safe text."""

from __future__ import annotations

import time
import uuid

import pandas as pd
import streamlit as st

from rnnlab.config import LabConfig
from rnnlab.i18n import t
from rnnlab.runs import RunRegistry

ENGINE_VERSION = "2"  # bump when a change to rnnlab changes the numbers a config produces
DEFAULT = LabConfig()
POLL_SECONDS = 0.5  # how often a page looks at its training run's progress
QUEUED_POLL_SECONDS = 1.0  # ... while the run waits for a free slot: nothing to redraw
# A student who moves a slider again within SETTLE_AFTER seconds of the last move waits
# SETTLE_SECONDS before a new run starts, so a flurry of moves trains once, for the last value.
SETTLE_AFTER, SETTLE_SECONDS = 2.0, 0.6
MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~:")


@st.cache_resource
def registry() -> RunRegistry:
    """The process-wide, bounded cache of training runs shared by every session."""
    return RunRegistry()


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
