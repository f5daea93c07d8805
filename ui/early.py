"""Imported first by app.py, for its one side effect: the training workers start now.

A cold server's first page spends about half a second importing numpy, pandas, Altair and the
lab; the workers (rnnlab/pool.py) import theirs meanwhile on the other core, and the first
training run finds them ready instead of waiting for them to start after the page's imports.
Only Streamlit (already loaded by the server) and rnnlab.runs are imported here, and neither
imports numpy. Once a process: later script runs, and a reload of the app's modules after a
code update (which imports rnnlab.pool afresh), find the workers started and start no more.
"""

import streamlit as st

from rnnlab import runs


@st.cache_resource(show_spinner=False)
def workers_started() -> bool:
    runs.start_workers()
    return True


workers_started()
