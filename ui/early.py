"""Imported first by app.py, for its one side effect: the training workers start now.

A cold server's first page spends about half a second importing numpy, pandas, Altair and the
lab; the workers (rnnlab/pool.py) import theirs meanwhile on the other core, and the first
training run finds them ready instead of waiting for them to start after the page's imports.
Only rnnlab.runs is imported here, which itself imports nothing heavy; later script runs find the
workers started and do nothing.
"""

from rnnlab import runs

runs.start_workers()
