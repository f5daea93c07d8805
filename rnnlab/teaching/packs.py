"""Lesson packs: the finished training runs behind the default link and every lesson, shipped
with the app so that the first student of the day waits for no training.

A pack is one .npz per run in rnnlab/data/packs/, named by the engine version and a digest of the
config and the text, holding the run's history, its checkpoints and final state. Packs of another
engine version are ignored. Rebuild them with `python -m rnnlab.teaching.packs`; tests/test_packs.py
retrains each one and fails when a shipped pack no longer equals a fresh run.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus
from rnnlab.model import Params
from rnnlab.teaching.lessons import PRESETS
from rnnlab.train import HISTORY_COLUMNS, TrainResult, train
from rnnlab.version import ENGINE_VERSION

FOLDER = "packs"


def pack_configs() -> list[LabConfig]:
    """The runs every class needs: the default link's and each lesson's (canonical, distinct)."""
    configs = [LabConfig().canonical()] + [c.canonical() for c in PRESETS.values()]
    return list(dict.fromkeys(configs))


def corpus_for(config: LabConfig):
    return load_corpus(config.corpus, distance=config.distance)


def pack_name(config: LabConfig, corpus_key: str, version: str = ENGINE_VERSION) -> str:
    blob = json.dumps({"config": asdict(config), "corpus": corpus_key}, sort_keys=True)
    return f"v{version}-{hashlib.sha256(blob.encode()).hexdigest()[:16]}.npz"


def to_bytes(result: TrainResult, corpus_key: str) -> bytes:
    """One run as .npz bytes: history columns, checkpoints, the last parameters and state."""
    arrays: dict[str, np.ndarray] = {f"history/{c}": result.history[c].to_numpy()
                                     for c in HISTORY_COLUMNS}
    for step, p in result.checkpoints.items():
        arrays |= {f"ckpt/{step}/{n}": a for n, a in p.as_dict().items()}
    arrays |= {f"params/{n}": a for n, a in result.params.as_dict().items()}
    meta = {"config": asdict(result.config), "corpus": corpus_key,
            "diverged_at": result.diverged_at, "stopped_at": result.stopped_at,
            "steps_done": result.steps_done, "cell": result.params.cell,
            "engine_version": ENGINE_VERSION}
    arrays["h_last"] = result.h_last
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def from_bytes(data: bytes) -> tuple[TrainResult, str]:
    """(the run, its corpus key) from to_bytes's output."""
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        meta = json.loads(z["meta"].tobytes().decode())
        history = pd.DataFrame({c: z[f"history/{c}"] for c in HISTORY_COLUMNS})
        cell = meta["cell"]

        def params(prefix: str) -> Params:
            named = {k.rsplit("/", 1)[1]: z[k] for k in z.files if k.startswith(prefix)}
            return Params(**named, cell=cell)

        steps = sorted({int(k.split("/")[1]) for k in z.files if k.startswith("ckpt/")})
        checkpoints = {s: params(f"ckpt/{s}/") for s in steps}
        result = TrainResult(config=LabConfig(**meta["config"]), history=history,
                             checkpoints=checkpoints, params=params("params/"),
                             h_last=z["h_last"], diverged_at=meta["diverged_at"],
                             stopped_at=meta["stopped_at"], steps_done=meta["steps_done"])
    return result, meta["corpus"]


def shipped(folder=None) -> dict[tuple[LabConfig, str], TrainResult]:
    """Every pack of this engine version in `folder` (by default the installed package's):
    {(config, corpus key): run}."""
    folder = resources.files("rnnlab") / "data" / FOLDER if folder is None else folder
    out = {}
    if not folder.is_dir():
        return out
    for entry in folder.iterdir():
        if entry.name.startswith(f"v{ENGINE_VERSION}-") and entry.name.endswith(".npz"):
            result, corpus_key = from_bytes(entry.read_bytes())
            out[(result.config, corpus_key)] = result
    return out


def build(folder: Path) -> list[Path]:
    """Train every pack config and write its pack; packs of other versions are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("v*.npz"):
        if not old.name.startswith(f"v{ENGINE_VERSION}-"):
            old.unlink()
    written = []
    for config in pack_configs():
        text = corpus_for(config)
        path = folder / pack_name(config, text.key)
        path.write_bytes(to_bytes(train(config, text), text.key))
        written.append(path)
    return written


if __name__ == "__main__":
    from rnnlab import blas

    blas.set_threads(1)  # as the app trains: the packs must equal what it would compute
    here = Path(__file__).resolve().parents[1] / "data" / FOLDER
    for p in build(here):
        print(f"{p.relative_to(here.parents[1])}: {p.stat().st_size / 1024:.0f} KiB")
