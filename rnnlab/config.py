"""One lab run's settings: a frozen, hashable dataclass, its valid ranges, and their validation.

The ranges are sized for a shared classroom server: one process serves a whole class, so a run's
cost is bounded both per setting and as a whole (`WORK_LIMIT`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any, NamedTuple

from rnnlab.cells import CELLS
from rnnlab.model import ACTIVATIONS, INITS

CORPORA = ("english", "chinese", "longrange", "upload")
OPTIMIZERS = ("sgd", "adagrad", "adam")
CLIPS = ("none", "value", "norm")

# multiply-adds of a whole run, roughly steps * seq_len * batch * hidden * (3 G hidden + 2 vocab)
# with G the cell's gate blocks (1 for the RNN, 3 GRU, 4 LSTM), counted with the largest
# vocabulary an upload can have; 4e10 is about 15 s of float64 maths on
# one core of a 2-core classroom server
WORK_LIMIT = 4e10
VOCAB_FOR_COST = 300  # = corpus.MAX_VOCAB


class Choice(NamedTuple):
    options: tuple[str, ...]


class Range(NamedTuple):
    lo: float
    hi: float
    integer: bool


# every setting, with the name it has in a lesson link (the URL's query parameter)
LIMITS: dict[str, Choice | Range] = {
    "cell": Choice(tuple(CELLS)),
    "corpus": Choice(CORPORA),
    "distance": Range(1, 100, True),
    "activation": Choice(ACTIVATIONS),
    "hidden": Range(2, 512, True),
    "seq_len": Range(2, 200, True),
    "batch": Range(1, 64, True),
    "init": Choice(INITS),
    "rho": Range(0.05, 8.0, False),
    "optimizer": Choice(OPTIMIZERS),
    "lr": Range(1e-5, 2.0, False),
    "clip": Choice(CLIPS),
    "clip_at": Range(0.01, 100.0, False),
    "steps": Range(1, 5000, True),
    "seed": Range(0, 2**31 - 1, True),
}

URL_NAMES = {"cell": "cell", "corpus": "corpus",
             "distance": "dist", "activation": "act", "hidden": "hidden",
             "seq_len": "seq", "batch": "batch", "init": "init", "rho": "rho", "optimizer": "opt",
             "lr": "lr", "clip": "clip", "clip_at": "clip_at", "steps": "steps", "seed": "seed"}


@dataclass(frozen=True)
class LabConfig:
    """Everything that decides a lab run's curves. Same config and seed, same curves."""

    corpus: str = "english"
    cell: str = "rnn"  # the lecture's RNN, or a gated cell (gru, lstm)
    distance: int = 10  # dependency distance of the synthetic long-range corpus
    activation: str = "sigmoid"  # the lecture's sigma
    hidden: int = 64  # H
    seq_len: int = 25  # T, characters per truncated-BPTT window
    batch: int = 16  # B parallel streams through the text
    init: str = "gaussian"
    rho: float = 1.0  # ||W_hh||_2 at initialisation
    optimizer: str = "adam"
    lr: float = 0.01
    clip: str = "norm"
    clip_at: float = 5.0
    steps: int = 300
    seed: int = 0
    reset_state: bool = False  # start every window from h_0 = 0 instead of carrying h

    def work(self) -> float:
        """Multiply-adds of the whole run (rough): the number that bounds its cost."""
        H = self.hidden
        G = CELLS[self.cell].gates if self.cell in CELLS else 1
        return float(self.steps) * self.seq_len * self.batch * H * (3 * G * H + 2 * VOCAB_FOR_COST)

    def problems(self) -> list[Problem]:
        """Everything wrong with this config, as translatable problems (empty when valid)."""
        out = [p for f in fields(self) if (p := check_value(f.name, getattr(self, f.name)))]
        if not out and self.work() > WORK_LIMIT:
            out.append(Problem("cfg.too_much_work",
                               {"work": self.work(), "limit": WORK_LIMIT}))
        return out

    def replace(self, **changes: Any) -> LabConfig:
        return replace(self, **changes)

    def canonical(self) -> LabConfig:
        """The same run with the settings it does not use at their defaults (the clipping
        threshold without clipping, d off the long-range text, the activation of a gated cell),
        so that two configs that train the same network are equal, and share one run."""
        default = LabConfig()
        unused = {}
        if self.clip == "none":
            unused["clip_at"] = default.clip_at
        if self.corpus != "longrange":
            unused["distance"] = default.distance
        if self.cell != "rnn":
            unused["activation"] = default.activation
        return replace(self, **unused)


class Problem(NamedTuple):
    """A validation message: an i18n key and the values that fill it."""

    code: str
    params: dict


def check_value(name: str, value: Any) -> Problem | None:
    """None when `value` is valid for setting `name`, else the problem with it."""
    limit = LIMITS.get(name)
    if limit is None:
        return None
    if isinstance(limit, Choice):
        if value not in limit.options:
            return Problem("cfg.unknown_choice",
                           {"name": name, "value": str(value), "choices": ", ".join(limit.options)})
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return Problem("cfg.not_a_number", {"name": name, "value": str(value)})
    if limit.integer and value != int(value):
        return Problem("cfg.not_a_number", {"name": name, "value": str(value)})
    if not limit.lo <= value <= limit.hi:
        return Problem("cfg.out_of_range",
                       {"name": name, "lo": _fmt(limit.lo), "hi": _fmt(limit.hi),
                        "value": _fmt(value)})
    return None


def parse_value(name: str, text: str) -> Any:
    """The typed value of a URL string for setting `name`; raises ValueError when it is not one."""
    limit = LIMITS[name]
    text = text.strip()
    if isinstance(limit, Choice):
        value: Any = text
    elif limit.integer:
        value = int(text)
    else:
        value = float(text)
    problem = check_value(name, value)
    if problem:
        raise ValueError(problem.code)
    return value


def from_query(query: dict[str, str | list[str]], base: LabConfig | None = None
               ) -> tuple[LabConfig, list[str]]:
    """A config from a lesson link's parameters; returns it and the names that were ignored.

    Unknown names are left alone (the app has its own, such as `lang`); a known name with a bad
    value keeps the base value; a repeated key uses its last value.
    """
    config = base or LabConfig()
    changes, ignored = {}, []
    for field_name, url_name in URL_NAMES.items():
        if url_name not in query:
            continue
        raw = query[url_name]
        raw = raw[-1] if isinstance(raw, list) and raw else raw
        try:
            changes[field_name] = parse_value(field_name, str(raw)[:64])
        except (ValueError, OverflowError):
            ignored.append(url_name)
    return replace(config, **changes), ignored


def to_query(config: LabConfig) -> dict[str, str]:
    """The lesson-link parameters that differ from the defaults."""
    default = LabConfig()
    return {URL_NAMES[f.name]: _fmt(getattr(config, f.name)) for f in fields(config)
            if f.name in URL_NAMES and getattr(config, f.name) != getattr(default, f.name)}


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
