"""The remedy, measured: the lecture's RNN, tanh with an orthogonal W_hh, the GRU and the LSTM on
the same long-range task, seed and sizes, scored by key recall against the distance d.

`remedy_configs` derives the runs from the page's config (only the cell, the activation, the
initialisation and d differ); `recall_table` scores the trained runs; `reach` says, per setting,
up to which d the recall stayed at or above a level. The BPTT window T is the same for all
runs; distances above T/2 are flagged, since there truncation, not vanishing, may be what limits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnnlab.cells import CELLS
from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus
from rnnlab.evaluate import key_recall

DISTANCES = (5, 10, 15, 20, 30)
# (code, the settings that differ from the page's config)
SETTINGS = (
    ("rnn_sigmoid", dict(cell="rnn", activation="sigmoid", init="gaussian")),
    ("rnn_tanh_orth", dict(cell="rnn", activation="tanh", init="orthogonal")),
    ("gru", dict(cell="gru")),
    ("lstm", dict(cell="lstm")),
)
LEVEL = 0.5  # `reach` counts a distance as recalled when at least half the keys come back


def remedy_configs(config: LabConfig) -> dict[tuple[str, int], LabConfig]:
    """{(setting, d): config} for every setting whose cell exists and every d in DISTANCES;
    each is `config` on the long-range text with that setting and distance."""
    out = {}
    for code, changes in SETTINGS:
        if changes["cell"] not in CELLS:
            continue
        for d in DISTANCES:
            out[(code, d)] = config.replace(corpus="longrange", distance=d,
                                            **changes).canonical()
    return out


def recall_table(results: dict[tuple[str, int], object]) -> pd.DataFrame:
    """Columns setting, distance, accuracy, chance, window (T), truncated (d > T/2), from
    {(setting, d): TrainResult}; runs that failed (None) are left out."""
    rows = []
    for (code, d), result in results.items():
        if result is None:
            continue
        c = result.config
        r = key_recall(result.params, load_corpus("longrange", distance=d), c.activation)
        rows.append({"setting": code, "distance": d, "accuracy": r.accuracy,
                     "chance": r.chance_accuracy, "window": c.seq_len,
                     "truncated": d > c.seq_len / 2})
    return pd.DataFrame(rows, columns=["setting", "distance", "accuracy", "chance", "window",
                                       "truncated"])


def reach(table: pd.DataFrame, level: float = LEVEL) -> dict[str, int | None]:
    """Per setting, the largest d of the grid up to which every distance recalled ≥ `level`
    (None when even the shortest did not)."""
    out = {}
    for code, _ in SETTINGS:  # in the order of SETTINGS, whatever the table's
        rows = table[table["setting"] == code].sort_values("distance")
        if rows.empty:
            continue
        ok = rows["accuracy"].to_numpy() >= level
        first_miss = np.argmin(ok) if not ok.all() else len(ok)
        out[code] = int(rows["distance"].iloc[first_miss - 1]) if first_miss > 0 else None
    return out
