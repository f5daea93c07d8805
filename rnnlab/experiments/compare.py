"""Runs side by side: up to four configurations that differ from the current one, and the link
that holds them.

The comparison link is one query parameter, `cmp`, next to the single run's own parameters
(which give run A, the current settings). It lists runs B, C, D, separated by `|`; each run is
the settings it changes, `name:value` pairs separated by `,`, with the lesson link's names:

    cmp=act:tanh|act:relu                         A (current) vs tanh vs ReLU
    cmp=clip:value,clip_at:1|clip:norm,clip_at:1   A vs value clipping vs norm clipping at 1

`reset:1` (or 0) sets the state reset, which has no single-run link name. A part that cannot be
used is reported as a note and left out; nothing in a link raises.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from rnnlab.config import OF_FIELD, SETTINGS, LabConfig, decode, encode
from rnnlab.contributions import distant_contributions
from rnnlab.corpus import load_corpus
from rnnlab.evaluate import key_recall
from rnnlab.jacobians import jacobian_norms, pair_budget, starts_within

MAX_VARIANTS = 3  # B, C, D: four runs with the current one
LETTERS = "ABCD"
# every setting a comparison may change, by link name (the corpus and its text stay A's)
FIELD_OF = {s.name: s.field for s in SETTINGS if s.field != "corpus"}
URL_OF = {name: url for url, name in FIELD_OF.items()}
MAX_LINK = 600  # characters of `cmp` read at most
DEFAULT_LINK = "act:tanh|act:relu|act:tanh,init:orthogonal"  # the tab's comparison at first


@dataclass(frozen=True)
class Variant:
    """One run of a comparison: its letter, the settings it changes, and its config."""

    letter: str
    changes: tuple[tuple[str, object], ...]  # (field name, value), in link order
    config: LabConfig

    def label(self) -> str:
        """'B: clip = value, clip_at = 1'; run A's label is the caller's ("current settings")."""
        return f"{self.letter}: " + ", ".join(f"{URL_OF[f]} = {_text(f, v)}"
                                              for f, v in self.changes)


@dataclass(frozen=True)
class Note:
    """A part of the link that was left out: an i18n key and what fills it."""

    code: str  # "cmp.bad_name", "cmp.bad_value", "cmp.bad_config", "cmp.too_many", "cmp.empty"
    part: str
    detail: str = ""


def _text(field: str, value) -> str:
    """A value as a comparison spells it: the link codec's spelling, the reset as 1 or 0."""
    if isinstance(value, bool):
        return "1" if value else "0"
    return encode(OF_FIELD[field], value)


def _parse_one(name: str, raw: str):
    field = FIELD_OF[name]
    if field == "reset_state" and raw.strip() not in ("0", "1"):
        raise ValueError("cfg.not_a_number")  # a comparison spells the reset 0 or 1, as it writes
    return decode(OF_FIELD[field], raw)


def parse_comparison(text: str | None, base: LabConfig) -> tuple[list[Variant], list[Note]]:
    """The runs B, C, D of a `cmp` link on top of the current config `base`, and notes on every
    part left out (unknown names, bad values, a config the server would refuse, too many runs)."""
    variants: list[Variant] = []
    notes: list[Note] = []
    if not text:
        return variants, notes
    for part in str(text)[:MAX_LINK].split("|"):
        part = part.strip()
        if not part:
            continue
        if len(variants) == MAX_VARIANTS:
            notes.append(Note("cmp.too_many", part, str(MAX_VARIANTS)))
            continue
        changes: dict[str, object] = {}
        ok = True
        for item in part.split(","):
            name, sep, raw = item.strip().partition(":")
            name = name.strip()
            if not sep or name not in FIELD_OF:
                notes.append(Note("cmp.bad_name", item.strip() or part))
                ok = False
                continue
            try:
                changes[FIELD_OF[name]] = _parse_one(name, raw[:64])
            except (ValueError, OverflowError):
                notes.append(Note("cmp.bad_value", item.strip()))
                ok = False
        if not ok:
            continue
        config = base.replace(**changes).canonical()  # as the sidebar's: runs are shared
        problems = config.problems()
        if problems:
            notes.append(Note("cmp.bad_config", part, problems[0].code))
            continue
        letter = LETTERS[len(variants) + 1]
        variants.append(Variant(letter, tuple(changes.items()), config))
    return variants, notes


def comparison_link(variants: list[Variant]) -> str:
    """The `cmp` value of a comparison: parse_comparison's inverse."""
    return "|".join(",".join(f"{URL_OF[f]}:{_text(f, v)}" for f, v in variant.changes)
                    for variant in variants)


def differences(config: LabConfig, base: LabConfig) -> tuple[tuple[str, object], ...]:
    """The settings in which `config` differs from `base`, as Variant.changes."""
    return tuple((f.name, getattr(config, f.name)) for f in fields(config)
                 if f.name in URL_OF and getattr(config, f.name) != getattr(base, f.name))


def histories(results: dict[str, object]) -> pd.DataFrame:
    """The runs' histories stacked: run (label), step, loss, loss_smooth, grad_norm, w_norm."""
    parts = []
    for label, result in results.items():
        h = result.history.reindex(columns=["step", "loss", "grad_norm", "w_norm"])
        h["loss_smooth"] = h["loss"].ewm(span=20, ignore_na=True).mean()
        parts.append(h.assign(run=label))
    columns = ["run", "step", "loss", "loss_smooth", "grad_norm", "w_norm"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def by_distance(params, ids: np.ndarray, activation: str) -> pd.DataFrame:
    """What compares across cells, by distance d = t − k on the analysed text `ids` (T+1,):
    the median over t of ‖∂J_t/∂x_k‖ (grad_x) and of the measured ‖∂s_t/∂s_k‖₂ (jacobian).
    Columns distance, quantity, median."""
    inputs, targets = ids[:-1], ids[1:]
    with np.errstate(all="ignore"):
        pairs = distant_contributions(params, inputs, targets, activation=activation)
        # the page's budget a run: at the default size the same pairs as tab ③ (all of the
        # default passage's for the RNN and the GRU at H = 64)
        ks = starts_within(len(inputs), pair_budget(params, len(inputs)))
        norms = jacobian_norms(params, inputs, activation=activation, ks=ks)
    grad_x = pairs.groupby("distance")["grad_x"].median()
    jac = norms.groupby("distance")["measured"].median()
    out = [pd.DataFrame({"distance": s.index.to_numpy(), "quantity": q, "median": s.to_numpy()})
           for q, s in (("grad_x", grad_x), ("jacobian", jac))]
    return pd.concat(out, ignore_index=True)


def recall_configs(runs: dict[str, LabConfig], distances) -> dict[tuple[str, int], LabConfig]:
    """{(run label, d): that run's config on the long-range text at distance d}: the trainings
    behind "recall against d" for each compared run (with the remedy panel's distances they are
    the very runs that panel trains, shared through the registry)."""
    return {(label, int(d)): cfg.replace(corpus="longrange", distance=int(d)).canonical()
            for label, cfg in runs.items() for d in distances}


def recall_by_distance(results: dict[tuple[str, int], object]) -> pd.DataFrame:
    """Columns run, distance, accuracy, window (T), from {(run label, d): TrainResult}; the key
    recall of each trained run on a fresh text of its task (rnnlab.evaluate.key_recall)."""
    rows = []
    for (label, d), result in results.items():
        text = load_corpus("longrange", distance=d)
        r = key_recall(result.params, text, result.config.activation)
        rows.append((label, d, r.accuracy, result.config.seq_len))
    return pd.DataFrame(rows, columns=["run", "distance", "accuracy", "window"])
