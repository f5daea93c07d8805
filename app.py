"""rnnlab: vanishing and exploding gradients in a recurrent network, made visible.

The page reads top to bottom: the sidebar gives a LabConfig, a shared training run is started or
joined, and each tab draws what rnnlab computed. The panels live in ui/, all maths in rnnlab/.
"""

from __future__ import annotations

import time

import streamlit as st

import ui.early  # noqa: F401 - first: starts the training workers while the page imports the rest
from rnnlab import blas
from rnnlab.teaching.i18n import tr
from rnnlab.train import train
from ui.distant import distant_tab
from ui.experiments_tab import experiments_tab
from ui.jacobian import jacobian_tab
from ui.link import start, write_url
from ui.shared import ENGINE_VERSION, registry, turns, watch
from ui.sidebar import sidebar
from ui.theory_tab import theory_tab
from ui.training import training_tab


def page() -> None:
    arrived = time.monotonic()  # this script run's place in the class's queue (ui.shared.turns)
    st.set_page_config(page_title="rnnlab", page_icon="∂", layout="wide")
    blas.set_threads(1)
    lang = start()  # the session's link, read once
    config, source, notes = sidebar(lang)
    lang = st.session_state.link["lang"]
    write_url()
    st.title(tr("ui.title", lang))
    st.caption(tr("ui.subtitle", lang))
    for note in notes:
        st.warning(note)
    run = watch((ENGINE_VERSION, config, source.key),
                lambda on_step: train(config, source, on_step))
    tabs = st.tabs([tr("tab.training", lang), tr("tab.distant", lang), tr("tab.jacobian", lang),
                    tr("tab.theory", lang), tr("tab.experiments", lang)],
                   key="tab", on_change="rerun")  # so that a hidden tab can skip its work
    with tabs[3]:
        theory_tab(lang)
    with tabs[0]:
        result = training_tab(run, config, source, lang)
    if result is None:
        return
    stats = registry().stats()
    st.sidebar.caption(tr("ui.server", lang, started=stats["started"], cached=stats["cached"],
                         mb=stats["bytes"] / 2**20, running=stats["running"]))
    run_key = repr(run.key)
    with turns().turn(arrived):  # a class's pages draw their analyses in the order they came
        with tabs[1]:
            window = distant_tab(run_key, result, config, source, lang)
        with tabs[2]:
            jacobian_tab(run_key, result, config, source, window, lang)
    with tabs[4]:  # the Experiments tab (issue #12): dozens of runs, only for who opens it
        if tabs[4].open is not False:
            experiments_tab(config, source, lang)


def main() -> None:
    page()
    write_url()  # again: the tabs' own settings (the text, the prediction, the checkpoint)


main()
