"""The long-range benchmark, in the spirit of Pascanu, Mikolov & Bengio (2013), Figure 7: recall
of the key d characters back (`rnnlab.evaluate.key_recall`) against d, one line per setting.

Every run's BPTT window is T = max(2d, T_min) characters, so a dependency of d always fits in
one window twice over: a failure at large d is the gradient's, not the truncation's. The whole
benchmark is one computation (one entry of the shared registry, reporting after each training),
so its hundred-odd small trainings neither crowd the class's runs out of the cache nor take
more than one training slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnlab.cells import CELLS
from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus
from rnnlab.evaluate import key_recall
from rnnlab.train import train

LR_DISTANCES = (2, 5, 10, 20, 30, 45, 60)
LR_SEEDS = (0, 1, 2)
MIN_WINDOW = 20
# the settings, without clipping; each also runs with norm clipping at 1 where it matters
_BASE = LabConfig(corpus="longrange", hidden=32, batch=4, steps=2000, optimizer="adam", lr=0.01,
                  clip="none", clip_at=1.0)
SETTINGS: dict[str, LabConfig] = {
    "sigmoid": _BASE,  # the lecture's network
    "tanh_orthogonal": _BASE.replace(activation="tanh", init="orthogonal"),
    "irnn": _BASE.replace(activation="relu", init="identity", lr=0.005, reset_state=True),
}
CLIPPED = ("sigmoid", "tanh_orthogonal", "irnn")  # the settings also run with norm clipping
GATED = tuple(c for c in ("gru", "lstm") if c in CELLS)


@dataclass(frozen=True)
class LongRangeSpec:
    distances: tuple[int, ...] = LR_DISTANCES
    seeds: tuple[int, ...] = LR_SEEDS
    steps: int = 2000

    def runs(self) -> list[tuple[str, int, int, LabConfig]]:
        """(setting, d, seed, config) of every training: the settings × clipping, the gated
        cells, at every distance and seed, each with its window T = max(2d, MIN_WINDOW)."""
        named = [(name, cfg) for name, cfg in SETTINGS.items()]
        named += [(f"{name}+clip", SETTINGS[name].replace(clip="norm")) for name in CLIPPED]
        named += [(cell, _BASE.replace(cell=cell, activation="tanh", clip="norm"))
                  for cell in GATED]
        return [(name, d, seed, cfg.replace(distance=d, seq_len=max(2 * d, MIN_WINDOW),
                                            seed=seed, steps=self.steps))
                for name, cfg in named for d in self.distances for seed in self.seeds]


@dataclass
class LongRangeResult:
    spec: LongRangeSpec
    table: pd.DataFrame  # setting, distance, seed, window, accuracy, loss, chance
    stopped_at: int | None = None

    def nbytes(self) -> int:
        return int(self.table.memory_usage(deep=True).sum())


def long_range_benchmark(spec: LongRangeSpec = LongRangeSpec(),
                         on_run: Callable[[dict], bool | None] | None = None) -> LongRangeResult:
    """Train every run of `spec` and score its recall; `on_run(record)` after each training
    (done, total) may stop it by returning True."""
    runs = spec.runs()
    rows, stopped_at = [], None
    for i, (name, d, seed, cfg) in enumerate(runs, start=1):
        text = load_corpus("longrange", distance=d)
        result = train(cfg, text)
        if result.diverged_at is None:
            r = key_recall(result.params, text, cfg.activation)
            acc, loss, chance = r.accuracy, r.loss, r.chance_accuracy
        else:  # a diverged network recalls nothing: scored at chance, marked
            acc, loss, chance = np.nan, np.nan, np.nan
        rows.append((name, d, seed, cfg.seq_len, acc, loss, chance))
        if on_run and on_run({"done": i, "total": len(runs)}) and i < len(runs):
            stopped_at = i
            break
    table = pd.DataFrame(rows, columns=["setting", "distance", "seed", "window", "accuracy",
                                        "loss", "chance"])
    return LongRangeResult(spec, table, stopped_at)


def recall_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per setting and d: the median, min and max recall over the seeds (diverged runs left
    out, and counted in `diverged`)."""
    g = table.groupby(["setting", "distance"], sort=False)
    out = pd.DataFrame({"accuracy": g["accuracy"].median(), "acc_min": g["accuracy"].min(),
                        "acc_max": g["accuracy"].max(), "window": g["window"].first(),
                        "chance": g["chance"].max(),
                        "diverged": g["accuracy"].apply(lambda a: int(a.isna().sum()))})
    return out.reset_index()


def longest_recalled(summary: pd.DataFrame, level: float = 0.9) -> dict[str, int | None]:
    """Per setting, the largest d up to which the median recall stays ≥ `level` at every d."""
    out = {}
    for name, part in summary.groupby("setting", sort=False):
        part = part.sort_values("distance")
        ok = part["accuracy"].to_numpy() >= level
        n = int(np.argmin(ok)) if not ok.all() else len(ok)
        out[str(name)] = int(part["distance"].iloc[n - 1]) if n else None
    return out
