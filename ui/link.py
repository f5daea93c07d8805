"""The page's side of the lesson link: the settings' values in the session, the widgets built from
their table (rnnlab.config.SETTINGS, rnnlab.link.VIEW), and the address bar kept equal to them.

No widget is bound to the URL by Streamlit: a session reads its link once, through rnnlab.link's
codec, and keeps every setting's value in `st.session_state.link` (a widget's own state is
dropped by Streamlit on every run the widget is not drawn in, a closed tab's say; this store is
not). Each run writes the address bar back from the store, with the same codec.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from rnnlab import link
from rnnlab.config import Problem, clean, encode
from rnnlab.teaching import lessons
from rnnlab.teaching.i18n import option_label, tr
from ui.shared import md_escape

STORE = "link"


def start() -> str:
    """On a session's first run, read its link into the store; returns the page's language."""
    state = st.session_state
    if STORE not in state:
        query = {name: st.query_params.get_all(name) for name in st.query_params}
        reading = link.read(query, lessons.PRESETS)
        state[STORE] = dict(reading.values)
        state.link_problems = reading.problems
    return state[STORE]["lang"]


def get(name: str) -> Any:
    return st.session_state[STORE][name]


def put(name: str, value: Any) -> None:
    """Set a setting and its widget (from a callback, or before the widget is drawn)."""
    st.session_state[STORE][name] = value
    st.session_state[name] = value


def values() -> dict[str, Any]:
    return dict(st.session_state[STORE])


def widget(container, name: str, lang: str, *, options=None, hi=None, auto=None,
           format_func=None, help_params: dict | None = None, **more) -> Any:
    """The widget of setting `name`, drawn in `container` from its table entry, holding the
    store's value; returns the value it holds now.

    `options` replaces a choice's or a select slider's options (the lessons, the run's
    checkpoints), `hi` a slider's upper end (the analysed text's length); `auto` is the value of
    a setting whose default is None ("the last"), which the widget follows until it is moved.
    """
    setting = link.ALL[name]
    state, store = st.session_state, st.session_state[STORE]
    choices = tuple(options if options is not None else setting.options)
    top = setting.hi if hi is None else hi
    if name not in state:  # a new session, or a widget not drawn on the last run
        kept = auto if store[name] is None else store[name]
    elif store[name] is None and state[name] == state.get(f"{name}.auto"):
        kept = auto  # following "the last": the text or the run changed it
    else:
        kept = state[name]  # the student's latest move, or a callback's
    if setting.widget in ("selectbox", "radio", "select_slider") and kept not in choices:
        kept = auto if auto in choices else setting.default
    elif setting.widget == "slider" and kept is not None:
        kept = min(max(kept, setting.lo), top)
    if state.get(name) != kept:
        state[name] = kept  # before the widget is drawn: allowed, and what it shows
    label = tr(setting.label, lang)
    common = dict(key=name, help=tr(setting.label + ".help", lang, **(help_params or {})), **more)
    kind = setting.widget
    if kind in ("selectbox", "radio"):
        fmt = format_func or (lambda c: option_label(name, c, lang))
        draw = container.radio if kind == "radio" else container.selectbox
        value = draw(label, choices, format_func=fmt, **common)
    elif kind == "select_slider":
        fmt = format_func or (lambda v: encode(setting, v))
        value = container.select_slider(label, choices, format_func=fmt, **common)
    elif kind == "slider":
        cast = int if setting.kind == "int" else float
        value = container.slider(label, cast(setting.lo), cast(top), step=cast(setting.step),
                                 **common)
    elif kind == "number":
        value = container.number_input(label, int(setting.lo), int(setting.hi),
                                       step=int(setting.step), **common)
    elif kind == "toggle":
        value = container.toggle(label, **common)
    elif kind == "text_area":
        value = container.text_area(label, max_chars=int(setting.hi), **common)
    else:
        value = container.text_input(label, max_chars=int(setting.hi), **common)
    value = clean(setting, value)
    state[f"{name}.auto"] = auto
    store[name] = None if setting.default is None and value == auto else value
    return value


def problems() -> list[Problem]:
    """What the session's link said that could not be used as written (its first run only)."""
    return st.session_state.pop("link_problems", [])


def notes(found: list[Problem], lang: str) -> str | None:
    """One note for the page on a link's unusable values: each names the control and the link's
    parameter, quotes what the link said (as text), and says what the page uses instead."""
    if not found:
        return None
    lines = []
    for p in found:
        what = tr("link.what", lang, label=tr(p.params["label"], lang), name=p.params["name"],
                 value=md_escape(p.params["value"]))
        used = p.params["used"]
        used = (tr("link.used_auto", lang) if used is None else
                tr("link.used_empty", lang) if used == "" else f"“{md_escape(used)}”")
        params = {k: md_escape(str(v)) for k, v in p.params.items()
                  if k not in ("label", "name", "value", "used")}
        lines.append("- " + tr(p.code, lang, what=what, used=used, **params))
    return tr("link.intro", lang) + "\n" + "\n".join(lines)


def write_url() -> None:
    """The address bar, from the store: every setting that differs from its default. A link
    the server refused as too heavy keeps the student's own choices (the note says what ran)."""
    wanted = link.write(st.session_state[STORE])
    query = st.query_params
    for name in link.ALL:
        if name in wanted:
            if query.get_all(name) != [wanted[name]]:
                query[name] = wanted[name]
        elif name in query:
            del query[name]
