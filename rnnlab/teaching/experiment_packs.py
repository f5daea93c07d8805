"""Precomputed experiments shipped with the app, so that the first student of the day gets the
default experiment links at once.

A pack is one experiment's table as CSV under rnnlab/data/experiments/, named by a digest of
what decides it: the engine version, the experiment's kind and spec, and its context (the
corpus and analysed text). A pack made by another engine version has another name, so it is
simply never found; tests/test_experiments.py checks that every default link has a pack and
that it equals a fresh computation. (The lessons' training runs are in rnnlab.teaching.packs.)
Rebuild them after a change to the numbers or to the lessons with

    python -m rnnlab.teaching.experiment_packs            # all: about three minutes
    python -m rnnlab.teaching.experiment_packs phase      # the phase diagrams only: seconds
"""

from __future__ import annotations

import functools
import hashlib
import sys
from importlib import resources
from pathlib import Path

import pandas as pd

from rnnlab.corpus import load_corpus, passage
from rnnlab.experiments.longrange import LongRangeSpec, long_range_benchmark
from rnnlab.experiments.phase import PhaseSpec, phase_diagram
from rnnlab.teaching.lessons import PRESETS
from rnnlab.version import ENGINE_VERSION

FOLDER = "experiments"
KINDS = ("phase", "longrange")
WINDOW = 80  # characters of the default analysed text (corpus.PASSAGE_CHARS)


def pack_name(kind: str, spec, context: tuple = (), engine_version: str = ENGINE_VERSION
              ) -> str:
    digest = hashlib.sha256(repr((engine_version, kind, spec, context)).encode()).hexdigest()
    return f"{kind}-{digest[:16]}.csv"


def _folder():
    return resources.files("rnnlab") / "data" / FOLDER


def load_pack(kind: str, spec, context: tuple = ()) -> pd.DataFrame | None:
    """The shipped table of this experiment (a copy), or None when none was shipped."""
    table = _read(pack_name(kind, spec, context))
    return None if table is None else table.copy()


@functools.lru_cache(maxsize=32)
def _read(name: str) -> pd.DataFrame | None:
    path = _folder() / name
    if not path.is_file():
        return None
    with path.open("r", encoding="utf-8") as f:
        return pd.read_csv(f)


def default_phase_links() -> list[tuple[PhaseSpec, tuple[str, str], object]]:
    """(spec, context, ids) of the phase diagram of every lesson's default link: its init, its
    corpus and the default analysed text."""
    out, seen = [], set()
    for config in PRESETS.values():
        text = load_corpus(config.corpus, distance=config.distance)
        window = passage(text, WINDOW)
        spec, context = PhaseSpec(init=config.init), (text.key, window)
        if (spec, context) not in seen:
            seen.add((spec, context))
            out.append((spec, context, (text.vocab.encode(window)[:-1], len(text.vocab))))
    return out


def build(folder: Path, kinds: tuple[str, ...] = KINDS) -> list[Path]:
    """Compute and write the default packs of `kinds` into `folder`; returns the files written.
    The phase diagrams take seconds, the long-range benchmark minutes."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if "phase" in kinds:
        for spec, context, (ids, vocab_size) in default_phase_links():
            table = phase_diagram(ids, vocab_size, spec).table
            written.append(_write(folder / pack_name("phase", spec, context), table))
    if "longrange" in kinds:
        spec = LongRangeSpec()
        table = long_range_benchmark(spec).table
        written.append(_write(folder / pack_name("longrange", spec), table))
    return written


def _write(path: Path, table: pd.DataFrame) -> Path:
    table.to_csv(path, index=False, float_format="%.17g")  # exact float64 round trip
    return path


if __name__ == "__main__":
    from rnnlab import blas

    blas.set_threads(1)
    kinds = tuple(sys.argv[1:]) or KINDS
    here = Path(__file__).resolve().parents[1] / "data" / FOLDER
    for kind in kinds:
        for old in here.glob(f"{kind}-*.csv"):  # older packs of that kind are never read again
            old.unlink()
    for p in build(here, kinds):
        print(p)
