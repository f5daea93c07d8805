"""What every panel of the page shares: the class-wide run registry, and safe text."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from rnnlab.config import LabConfig
from rnnlab.i18n import t
from rnnlab.runs import RunRegistry

ENGINE_VERSION = "2"  # bump when a change to rnnlab changes the numbers a config produces
DEFAULT = LabConfig()
POLL_SECONDS = 0.5
MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~:")


@st.cache_resource
def registry() -> RunRegistry:
    """The process-wide, bounded cache of training runs shared by every session."""
    return RunRegistry()


def watch(key: tuple, work) -> object:
    """This session's run for `key`, shared with every session asking for the same; the run it
    watched before is told that this session left, so an abandoned run stops at once."""
    state = st.session_state
    who = state.setdefault("who", uuid.uuid4().hex)
    previous = state.get("watching")
    if previous is not None and previous != key:
        registry().leave(previous, who)
    state.watching = key
    run = registry().get(key, work)
    run.touch(who)
    return run


def md_escape(text: str) -> str:
    """User text made inert for st.markdown: no emphasis, maths, links or HTML."""
    return "".join("\\" + c if c in MD_SPECIAL else c for c in text)


def csv_button(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    st.download_button(t("ui.download_csv", lang), frame.to_csv(index=False), file_name=name,
                       mime="text/csv", key=key)
