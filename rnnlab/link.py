"""A lesson link: every setting of the page, and the seed, in the URL's query string.

One codec reads and writes it. The run's settings are rnnlab.config.SETTINGS; what the tabs show
(the analysed text, the prediction, the checkpoint, the toggles) are the VIEW settings below, of
the same kind. A link is typed by hand or pasted by thirty students, so reading one never raises:
a value that cannot be used as written leaves its setting at the lesson's value (or the
default), with a Problem that names the parameter, quotes what the link said and says what is
used instead.

    read({"preset": "edge", "hidden": "32"}, PRESETS).values["hidden"] == 32
    write(values) == {"preset": "edge", "hidden": "32", ...}   # what differs from the defaults
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rnnlab.config import SETTINGS, BadValueError, LabConfig, Problem, Setting, decode, encode
from rnnlab.experiments.compare import DEFAULT_LINK, MAX_LINK

LANGUAGES = ("en", "zh")
TEXT_MAX = 150  # characters of the analysed text at most: T(T+1)/2 pairs of (t, k)
QUOTE_MAX = 40  # characters of a link's value quoted in a note


def _view(name: str, kind: str, default: Any, label: str, widget: str, **more) -> Setting:
    return Setting(name, kind, default, label=label, widget=widget, **more)


# the page's own settings, in the order they appear: language and lesson first, then the tabs
HEAD = (
    _view("lang", "choice", "en", "ctl.lang", "radio", options=LANGUAGES),
    _view("preset", "choice", "lecture", "ctl.preset", "selectbox"),  # options: the lessons
)
VIEW = (
    _view("text", "text", "", "ctl.text", "text_area", hi=TEXT_MAX),
    _view("pos", "int", None, "ctl.pos", "slider", lo=1, hi=TEXT_MAX),  # None: the last
    _view("words", "flag", True, "ctl.by_word", "toggle"),
    _view("ckpt", "int", None, "ctl.checkpoint", "select_slider", lo=0, hi=10**6),  # None: last
    _view("note_form", "flag", False, "ctl.lecture_form", "toggle"),
    _view("temp", "float", 0.8, "ctl.temperature", "slider", lo=0.1, hi=2.0, step=0.1),
    _view("sweep", "flag", False, "ctl.sweep", "toggle"),
    _view("remedy", "flag", False, "ctl.remedy", "toggle"),
    _view("cmp", "text", DEFAULT_LINK, "exp.cmp.input", "text_input", hi=MAX_LINK),
    _view("cmp_sweep", "flag", False, "exp.cmp.sweep", "toggle"),
    _view("lr_bench", "flag", False, "exp.lr.run", "toggle"),
)
ALL: dict[str, Setting] = {s.name: s for s in (*HEAD, *SETTINGS, *VIEW)}


@dataclass(frozen=True)
class Reading:
    """What a link says: every setting's value by link name, and what could not be used."""

    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)  # params: name, value, used, ...


def defaults(presets: Mapping[str, LabConfig] = (), preset: str = "lecture") -> dict[str, Any]:
    """Every setting's value when a link says nothing but its lesson."""
    values = {s.name: s.default for s in ALL.values()}
    values["preset"] = preset
    base = presets.get(preset) if presets else None
    return values | (values_of(base) if base is not None else {})


def values_of(config: LabConfig) -> dict[str, Any]:
    """The run settings of `config`, by link name."""
    return {s.name: getattr(config, s.field) for s in SETTINGS}


def config_of(values: Mapping[str, Any]) -> LabConfig:
    """The LabConfig the run settings among `values` give (others: LabConfig's defaults)."""
    return LabConfig(**{s.field: values[s.name] for s in SETTINGS if s.name in values})


def read(query: Mapping[str, str | Sequence[str]],
         presets: Mapping[str, LabConfig] = ()) -> Reading:
    """The settings a link's query gives, on top of its lesson (`preset`, one of `presets`).

    Never raises. Names the page does not know (`utm_source`) are left alone; a repeated name
    takes its last value, and says so.
    """
    problems: list[Problem] = []
    lessons = tuple(presets) or ("lecture",)
    table = dict(ALL) | {"preset": replace(ALL["preset"], options=lessons)}

    def take(name: str, fallback: Any) -> Any:
        raw = query.get(name)
        if raw is None:
            return fallback
        given = [str(r) for r in raw] if isinstance(raw, list | tuple) else [str(raw)]
        if not given:
            return fallback
        text = given[-1]
        try:
            value = decode(table[name], text)
        except BadValueError as bad:
            value = fallback
            problems.append(_problem(bad.problem, name, text, table[name], value))
        if len(given) > 1:
            problems.append(_problem(Problem("value.repeated", {"count": len(given)}), name,
                                     text, table[name], value))
        return value

    preset = take("preset", "lecture")
    values = defaults(presets, preset)
    for name in table:
        if name != "preset":
            values[name] = take(name, values[name])
    return Reading(values, problems)


def _problem(problem: Problem, name: str, text: str, setting: Setting, used: Any) -> Problem:
    quoted = text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX] + "…"
    return Problem(problem.code, problem.params | {
        "name": name, "label": setting.label, "value": quoted,
        "used": None if used is None else encode(setting, used)})


def write(values: Mapping[str, Any]) -> dict[str, str]:
    """The query of a link to `values`: each setting that differs from its default, spelt so that
    `read` gives it back. A lesson's settings are written out too, so that the link keeps its
    meaning if the lesson is ever changed."""
    out = {}
    for name, setting in ALL.items():
        value = values.get(name, setting.default)
        if value is None or value == setting.default:
            continue
        out[name] = encode(setting, value)
    return out


def query_of(config: LabConfig) -> dict[str, str]:
    """The query of a link to the run `config`, with every view setting at its default."""
    return write(defaults() | values_of(config))
