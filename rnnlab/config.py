"""One lab run's settings: a frozen, hashable dataclass, the table of its settings (each one's link
name, kind, range and default), and their validation.

The ranges are sized for a shared classroom server: one process serves a whole class, so a run's
cost is bounded both per setting and as a whole (`SECONDS_LIMIT` on its training and
`PAGE_SECONDS_LIMIT` on its page, training and analyses, as rnnlab.cost predicts them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any, NamedTuple

from rnnlab import cost
from rnnlab.cells import CELLS
from rnnlab.model import ACTIVATIONS, INITS

CORPORA = ("english", "chinese", "longrange", "upload")
OPTIMIZERS = ("sgd", "adagrad", "adam")
CLIPS = ("none", "value", "norm")

# CPU seconds a run's training may take on one core of the 2-core classroom server, as rnnlab.cost
# predicts them (fitted on that machine), and its whole page: the training and the page's analyses
# of the longest text a student may type (where the analyses cost more than the 2 s between the two)
SECONDS_LIMIT = 8.0
PAGE_SECONDS_LIMIT = 10.0


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

    def seconds(self) -> float:
        """Predicted CPU seconds of training this run on one core (rnnlab.cost): what bounds it."""
        return cost.run_seconds(self)

    def page_seconds(self) -> float:
        """Predicted CPU seconds of this run's page: its training, then the page's analyses of
        the longest text a student may give them (rnnlab.cost.analysis_seconds)."""
        return self.seconds() + cost.analysis_seconds(self.cell, self.hidden)

    def problems(self) -> list[Problem]:
        """Everything wrong with this config, as translatable problems (empty when valid)."""
        out = [p for f in fields(self) if (p := check_value(f.name, getattr(self, f.name)))]
        if out:
            return out
        if (seconds := self.seconds()) > SECONDS_LIMIT:
            out.append(Problem("cfg.too_much_work", {
                "seconds": beyond(seconds, SECONDS_LIMIT), "limit": f"{SECONDS_LIMIT:g}"}))
        elif (page := self.page_seconds()) > PAGE_SECONDS_LIMIT:
            out.append(Problem("cfg.too_much_page_work", {
                "seconds": beyond(page, PAGE_SECONDS_LIMIT), "analyses": f"{page - seconds:.1f}",
                "limit": f"{PAGE_SECONDS_LIMIT:g}"}))
        return out

    def replace(self, **changes: Any) -> LabConfig:
        return replace(self, **changes)

    def canonical(self) -> LabConfig:
        """The same run with the settings it does not use at their defaults (the clipping
        threshold without clipping, d off the long-range text, the activation of a gated cell),
        so that two configs that train the same network are equal, and share one run."""
        default = LabConfig()
        return replace(self, **{name: getattr(default, name) for name in self.unused()})

    def unused(self) -> set[str]:
        """The fields this run does not read: the clipping threshold without clipping, d off the
        long-range text, the activation of a gated cell (its gates have their own)."""
        return ({"clip_at"} if self.clip == "none" else set()) | (
            {"distance"} if self.corpus != "longrange" else set()) | (
            {"activation"} if self.cell != "rnn" else set())

    def text_needed(self) -> int:
        """Characters one training step reads: B streams of T characters, plus the last target."""
        return self.batch * self.seq_len + 1


@dataclass(frozen=True)
class Resolved:
    """The run a page trains for the settings it was asked for, and why it differs from them."""

    config: LabConfig
    problems: tuple[Problem, ...] = ()


def resolve(asked: LabConfig, chars: Callable[[LabConfig], int]) -> Resolved:
    """The run for `asked`: the default run when the lab refuses `asked` (a value out of its
    range, too much work), and the default window (B, T) when the text is shorter than one step
    reads (the Chinese text is). `chars(config)` is the length of the text `config` trains on."""
    problems = asked.problems()
    config = LabConfig() if problems else asked
    have = chars(config)
    if have < config.text_needed():
        problems.append(Problem("err.window_too_long", {"chars": have,
                                                        "needed": config.text_needed()}))
        config = config.replace(batch=LabConfig.batch, seq_len=LabConfig.seq_len)
    return Resolved(config, tuple(problems))


# the learning rates and clipping thresholds a lab run may use: the sliders' stops
LR_GRID = (1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 1.25, 2.0)
CLIP_GRID = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0)


@dataclass(frozen=True)
class Setting:
    """One setting of the lab: its name in a lesson link (also its widget's key), what values it
    takes, and where it goes. The sidebar's widgets, the link codec (rnnlab.link) and the
    validation of a LabConfig are all built from these records."""

    name: str  # the link's query parameter and the widget's key: "hidden", "act", "pos"
    kind: str  # "choice", "int", "float", "grid" (one of `options`), "flag" or "text"
    default: Any  # None: chosen by the page (the last position, the last checkpoint)
    field: str | None = None  # the LabConfig field it sets; None for a view setting
    options: tuple = ()  # a choice's codes, or a grid's values
    lo: float = 0.0  # int and float: the range, both ends allowed
    hi: float = 0.0  # ... and for text, the most characters
    step: float = 1.0  # the slider's step (values between steps are allowed)
    label: str = ""  # i18n key of the widget's label; its help text is label + ".help"
    widget: str = ""  # "selectbox", "slider", "select_slider", "number", "toggle", "radio", "text"


def _run_settings() -> tuple[Setting, ...]:
    d = LabConfig()

    def choice(name, field, options):
        return Setting(name, "choice", getattr(d, field), field, tuple(options),
                       label=f"ctl.{name}", widget="selectbox")

    def number(name, field, kind, lo, hi, step, widget="slider"):
        return Setting(name, kind, getattr(d, field), field, lo=lo, hi=hi, step=step,
                       label=f"ctl.{name}", widget=widget)

    def grid(name, field, options):
        return Setting(name, "grid", getattr(d, field), field, options, label=f"ctl.{name}",
                       widget="select_slider")

    return (
        choice("corpus", "corpus", CORPORA),
        number("dist", "distance", "int", 1, 60, 1),
        choice("cell", "cell", CELLS),
        choice("act", "activation", ACTIVATIONS),
        number("hidden", "hidden", "int", 4, 256, 4),
        choice("init", "init", INITS),
        number("rho", "rho", "float", 0.1, 6.0, 0.05),
        number("seq", "seq_len", "int", 5, 200, 5),
        number("batch", "batch", "int", 1, 64, 1),
        choice("opt", "optimizer", OPTIMIZERS),
        grid("lr", "lr", LR_GRID),
        choice("clip", "clip", CLIPS),
        grid("clip_at", "clip_at", CLIP_GRID),
        number("steps", "steps", "int", 20, 2000, 20),
        Setting("reset", "flag", d.reset_state, "reset_state", label="ctl.reset", widget="toggle"),
        number("seed", "seed", "int", 0, 999_999, 1, widget="number"),
    )


# the settings of a training run, in the sidebar's order; by LabConfig field
SETTINGS: tuple[Setting, ...] = _run_settings()
OF_FIELD: dict[str, Setting] = {s.field: s for s in SETTINGS}


def beyond(value: float, limit: float) -> str:
    """`value` (> limit) with as few decimals as show that it is over `limit`: 8.04 s against a
    limit of 8 s reads "8.04", never "8.0"."""
    for digits in range(1, 10):
        text = f"{value:.{digits}f}"
        if float(text) > limit:
            return text
    return repr(value)


class Problem(NamedTuple):
    """A validation message: an i18n key and the values that fill it."""

    code: str
    params: dict


def check_value(field: str, value: Any) -> Problem | None:
    """None when `value` is valid for LabConfig field `field`, else the problem with it."""
    setting = OF_FIELD.get(field)
    if setting is None:
        return None
    name = setting.name
    if setting.kind == "choice":
        if value not in setting.options:
            return Problem("cfg.unknown_choice", {"name": name, "value": str(value),
                                                  "choices": ", ".join(setting.options)})
        return None
    if setting.kind == "flag":
        return None if isinstance(value, bool) else Problem(
            "cfg.not_a_number", {"name": name, "value": str(value)})
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return Problem("cfg.not_a_number", {"name": name, "value": str(value)})
    if setting.kind == "grid":
        if not any(math.isclose(value, v, rel_tol=1e-9) for v in setting.options):
            stops = ", ".join(f"{v:g}" for v in setting.options)
            return Problem("cfg.off_grid", {"name": name, "value": encode(setting, value),
                                            "choices": stops})
        return None
    if setting.kind == "int" and value != int(value):
        return Problem("cfg.not_a_number", {"name": name, "value": str(value)})
    if not setting.lo <= value <= setting.hi:
        return Problem("cfg.out_of_range", {"name": name, "lo": encode(setting, setting.lo),
                                            "hi": encode(setting, setting.hi),
                                            "value": encode(setting, value)})
    return None


def check_trainable(config: LabConfig) -> str | None:
    """Why `train` cannot run `config` at all (an unknown choice, a size below 1, a number that is
    not finite), or None. Looser than `problems()`, the lab's own ranges: the engine trains any
    sensible network (tests and experiments use 4 steps, 8 characters, lr = 1e-5)."""
    for s in SETTINGS:
        value = getattr(config, s.field)
        if s.kind == "choice" and value not in s.options:
            return f"{s.field} = {value!r} is not one of {s.options}"
        if s.kind in ("int", "float", "grid") and (
                isinstance(value, bool) or not isinstance(value, int | float)
                or not math.isfinite(value) or value < 0
                or (s.kind == "int" and value != int(value))):
            return f"{s.field} = {value!r} is not a finite number of the right kind"
    for name in ("hidden", "seq_len", "batch", "steps"):
        if getattr(config, name) < 1:
            return f"{name} = {getattr(config, name)} is below 1"
    return None


# ---- reading one value as a link writes it ----

# a number as a link may spell it, ASCII only ("64", "-0.5", "1e-05", ".5"): not "inf", "nan",
# "1_000", full-width or Arabic-Indic digits, which Python's float() would also take
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
MAX_VALUE_CHARS = 40  # a number or a choice longer than this is not read at all


class BadValueError(ValueError):
    """A link's value a setting cannot take: `problem` says why (an i18n key "value.*")."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def decode(setting: Setting, text: str) -> Any:
    """The value of `setting` that the link's `text` spells; raises BadValueError if none.

    Strict on purpose: a value is taken only when the page can show exactly the value it uses.
    """
    text = str(text)
    room = setting.hi if setting.kind == "text" else MAX_VALUE_CHARS
    if len(text) > room:
        raise BadValueError(Problem("value.too_long", {"length": len(text), "max": int(room)}))
    if setting.kind == "text":
        return text
    text = text.strip()
    if not text:
        raise BadValueError(Problem("value.empty", {}))
    if setting.kind == "choice":
        options = {o.lower(): o for o in setting.options}
        if text.lower() not in options:
            choices = ", ".join(setting.options)
            raise BadValueError(Problem("value.unknown_choice", {"choices": choices}))
        return options[text.lower()]
    if setting.kind == "flag":
        word = text.lower()
        if word not in ("true", "false", "1", "0"):
            raise BadValueError(Problem("value.not_a_flag", {}))
        return word in ("true", "1")
    if not _NUMBER.fullmatch(text):
        raise BadValueError(Problem("value.not_a_number", {}))
    value = float(text)  # finite, or +-inf for "1e999"
    if setting.kind == "grid":
        match = [v for v in setting.options if math.isclose(value, v, rel_tol=1e-9)]
        if not match:
            stops = ", ".join(encode(setting, v) for v in setting.options)
            raise BadValueError(Problem("value.off_grid", {"choices": stops}))
        return match[0]
    if math.isfinite(value) and setting.kind == "int" and value != math.floor(value):
        raise BadValueError(Problem("value.not_whole", {}))
    if not (math.isfinite(value) and setting.lo <= value <= setting.hi):
        raise BadValueError(Problem("value.out_of_range", {"lo": encode(setting, setting.lo),
                                                      "hi": encode(setting, setting.hi)}))
    return int(value) if setting.kind == "int" else clean(setting, value)


def clean(setting: Setting, value: Any) -> Any:
    """A widget's value as the link holds it: floats to 12 significant digits, so that a slider's
    1.1500000000000001 is the 1.15 a link reads back, and both train the same network."""
    if setting.kind == "float" and isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.12g}")
    if setting.kind == "int" and isinstance(value, float) and value == int(value):
        return int(value)
    return value


def encode(setting: Setting, value: Any) -> str:
    """The link's spelling of a value; `decode` reads it back to the same value."""
    if setting.kind == "flag":
        return "true" if value else "false"
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(float(f"{value:.12g}"))
    return str(value)
