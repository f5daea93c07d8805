"""The sidebar: every control of a lab run, lesson presets, and the lesson link (URL)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnlab import corpus, lessons
from rnnlab.cells import CELLS
from rnnlab.config import CLIPS, CORPORA, OPTIMIZERS, LabConfig
from rnnlab.i18n import LANGS, option_label, t
from rnnlab.model import ACTIVATIONS, FORGET_BIAS, INITS
from ui.shared import DEFAULT

# Choice controls are synced with the URL by the app, by code (act=tanh): Streamlit's own binding
# would write the translated label, so a link would change with the page's language.
CHOICES = {"lang": LANGS, "preset": tuple(lessons.PRESETS), "corpus": CORPORA,
           "cell": tuple(CELLS), "act": ACTIVATIONS, "init": INITS, "opt": OPTIMIZERS,
           "clip": CLIPS}
CHOICE_FIELDS = {"corpus": "corpus", "cell": "cell", "act": "activation", "init": "init",
                 "opt": "optimizer", "clip": "clip"}
LR_GRID = (1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 1.25, 2.0)
CLIP_GRID = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0)
# the numeric controls: URL name -> (LabConfig field, kind, widget arguments)
NUMBERS = {
    "hidden": ("hidden", "slider", dict(min_value=4, max_value=256, step=4)),
    "seq": ("seq_len", "slider", dict(min_value=5, max_value=200, step=5)),
    "batch": ("batch", "slider", dict(min_value=1, max_value=64, step=1)),
    "rho": ("rho", "slider", dict(min_value=0.1, max_value=6.0, step=0.05)),
    "lr": ("lr", "select", dict(options=LR_GRID)),
    "clip_at": ("clip_at", "select", dict(options=CLIP_GRID)),
    "steps": ("steps", "slider", dict(min_value=20, max_value=2000, step=20)),
    "seed": ("seed", "number", dict(min_value=0, max_value=999_999, step=1)),
    "dist": ("distance", "slider", dict(min_value=1, max_value=60, step=1)),
}


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)
def uploaded_corpus(data: bytes, min_chars: int) -> corpus.Corpus:
    return corpus.corpus_from_bytes(data, min_chars=min_chars)


URL_OF = {field: name for name, (field, _, _) in NUMBERS.items()} | {
    field: name for name, field in CHOICE_FIELDS.items()} | {"reset_state": "reset"}


def seed_from_url() -> str:
    """On a session's first run, copy the link's choice parameters into the controls."""
    state = st.session_state
    if "seeded" not in state:
        state.seeded = True
        query = st.query_params
        ignored = []
        preset = query.get("preset")
        if preset in lessons.PRESETS:
            apply_preset(preset, only_missing=set(query))
        for name, options in CHOICES.items():
            value = query.get(name)
            if value is None or name == "preset":
                continue
            if value in options:
                state[name] = value
            else:
                ignored.append(name)
        state.ignored = ignored
        state.link_numbers = {n: query.get(n) for n in NUMBERS if query.get(n) is not None}
    return state.get("lang", "en") if state.get("lang") in LANGS else "en"


def apply_preset(code: str, only_missing: set[str] = frozenset()) -> None:
    """Set every control to the preset's value (skipping the link's own parameters)."""
    cfg = lessons.PRESETS[code]
    state = st.session_state
    for url_name, field in CHOICE_FIELDS.items():
        if url_name not in only_missing:
            state[url_name] = getattr(cfg, field)
    for url_name, (field, _, _) in NUMBERS.items():
        if url_name not in only_missing:
            state[url_name] = getattr(cfg, field)
    if "reset" not in only_missing:
        state["reset"] = cfg.reset_state
    state.preset = code


def on_preset() -> None:
    code = st.session_state.get("preset")
    if code in lessons.PRESETS:
        apply_preset(code)


def choice(container, name: str, kind: str, lang: str, label_key: str, default: str,
           disabled: bool = False) -> str:
    options = CHOICES[name]
    if st.session_state.get(name) not in options:
        st.session_state[name] = default
    return container.selectbox(t(label_key, lang), options, key=name,
                               format_func=lambda c: option_label(kind, c, lang),
                               help=t(label_key + ".help", lang), disabled=disabled)


def number(container, url_name: str, lang: str):
    field, kind, args = NUMBERS[url_name]
    default = getattr(DEFAULT, field)
    label, help_text = t(f"ctl.{url_name}", lang), t(f"ctl.{url_name}.help", lang)
    common = dict(key=url_name, help=help_text, bind="query-params")
    if url_name not in st.session_state:
        common["value"] = default
    if kind == "slider":
        return container.slider(label, **args, **common)
    if kind == "select":
        return container.select_slider(label, format_func=lambda v: f"{v:g}", **args, **common)
    return container.number_input(label, **args, **common)


def sidebar(lang: str) -> tuple[LabConfig, corpus.Corpus, list[str]]:
    """Every control; returns the config, the training text and notes to show."""
    sb = st.sidebar
    notes = []
    sb.radio(t("ctl.lang", lang), LANGS, key="lang", horizontal=True,
             format_func=lambda c: option_label("lang", c, c))
    lang = st.session_state.lang
    if st.session_state.get("preset") not in lessons.PRESETS:
        st.session_state.preset = "lecture"
    sb.selectbox(t("ctl.preset", lang), tuple(lessons.PRESETS), key="preset",
                 on_change=on_preset, format_func=lambda c: t(f"preset.{c}.name", lang),
                 help=t("ctl.preset.help", lang))
    description = sb.empty()  # filled once the settings are known: the lesson's, or changed

    sb.subheader(t("ui.data", lang))
    corpus_name = choice(sb, "corpus", "corpus", lang, "ctl.corpus", DEFAULT.corpus)
    distance = number(sb, "dist", lang) if corpus_name == "longrange" else DEFAULT.distance
    upload = None
    if corpus_name == "upload":
        upload = sb.file_uploader(t("ctl.upload", lang), type=["txt"],
                                  help=t("ctl.upload.help", lang), key="upload")
    sb.subheader(t("ui.model", lang))
    cell = choice(sb, "cell", "cell", lang, "ctl.cell", DEFAULT.cell)
    activation = choice(sb, "act", "act", lang, "ctl.act", DEFAULT.activation,
                        disabled=cell != "rnn")
    if cell != "rnn":
        sb.caption(t("ui.gated_activation", lang, fb=FORGET_BIAS))
    hidden = number(sb, "hidden", lang)
    init = choice(sb, "init", "init", lang, "ctl.init", DEFAULT.init)
    rho = number(sb, "rho", lang)
    sb.subheader(t("ui.training", lang))
    seq_len = number(sb, "seq", lang)
    batch = number(sb, "batch", lang)
    optimizer = choice(sb, "opt", "opt", lang, "ctl.opt", DEFAULT.optimizer)
    lr = number(sb, "lr", lang)
    clip = choice(sb, "clip", "clip", lang, "ctl.clip", DEFAULT.clip)
    clip_at = number(sb, "clip_at", lang) if clip != "none" else DEFAULT.clip_at
    steps = number(sb, "steps", lang)
    reset = sb.toggle(t("ctl.reset", lang), key="reset", bind="query-params",
                      help=t("ctl.reset.help", lang),
                      **({} if "reset" in st.session_state else {"value": DEFAULT.reset_state}))
    seed = number(sb, "seed", lang)

    config = LabConfig(corpus=corpus_name, cell=cell, distance=int(distance),
                       activation=activation,
                       hidden=int(hidden), seq_len=int(seq_len), batch=int(batch), init=init,
                       rho=float(rho), optimizer=optimizer, lr=float(lr), clip=clip,
                       clip_at=float(clip_at), steps=int(steps), seed=int(seed),
                       reset_state=bool(reset)).canonical()
    shown = {"hidden": hidden, "seq": seq_len, "batch": batch, "rho": rho, "lr": lr,
             "steps": steps, "seed": seed}
    shown |= {"dist": distance} if corpus_name == "longrange" else {}
    shown |= {"clip_at": clip_at} if clip != "none" else {}
    check_link_numbers(shown)
    if st.session_state.get("ignored"):
        notes.append(t("url.ignored", lang, names=", ".join(st.session_state.ignored)))
    st.session_state.asked = config
    problems = config.problems()
    if problems:
        notes += [t(p.code, lang, **p.params) for p in problems]
        config = DEFAULT
    preset = st.session_state.preset
    changed = lessons.changed_fields(preset, config)
    with description.container():
        st.caption(t(f"preset.{preset}.desc", lang))
        if changed:
            # the controls as the sidebar names them, in the page's language
            names = ("、" if lang == "zh" else ", ").join(
                f"“{t('ctl.' + URL_OF[f], lang)}”" if f in URL_OF else f for f in changed)
            st.caption(t("ui.preset_changed", lang, names=names))
    text, message = training_text(config, upload, lang)
    if message:
        notes.append(message)
        config = config.replace(corpus="english")
    needed = config.batch * config.seq_len + 1
    if len(text.ids) < needed:  # a bundled text shorter than the link's window (Chinese)
        notes.append(t("err.window_too_long", lang, chars=len(text.ids), needed=needed))
        config = config.replace(batch=DEFAULT.batch, seq_len=DEFAULT.seq_len)
    return config, text, notes


def check_link_numbers(shown: dict) -> None:
    """On the first run, note the link's numbers that the controls could not take as given."""
    asked = st.session_state.pop("link_numbers", {})
    for name, raw in asked.items():
        if name not in shown:  # a control this page does not show (e.g. d for a bundled text)
            continue
        try:
            ok = np.isclose(float(raw), float(shown[name]), rtol=1e-9, atol=0)
        except (TypeError, ValueError, OverflowError):
            ok = False
        if not ok and name not in st.session_state.ignored:
            st.session_state.ignored.append(name)


def training_text(config: LabConfig, upload, lang: str) -> tuple[corpus.Corpus, str | None]:
    """The corpus to train on, and a message when an upload could not be used."""
    if config.corpus != "upload":
        return corpus.load_corpus(config.corpus, distance=config.distance), None
    fallback = corpus.load_corpus("english")
    if upload is None:
        return fallback, t("ui.upload_first", lang)
    try:
        return uploaded_corpus(upload.getvalue(), config.batch * config.seq_len + 1), None
    except corpus.CorpusError as err:
        sep = "" if lang == "zh" else " "
        return fallback, t(f"err.{err.code}", lang, **err.params) + sep + t("ui.using_english",
                                                                              lang)


def write_url(config: LabConfig) -> None:
    """Keep the link's choice parameters equal to the controls (numeric ones Streamlit binds):
    a link refused as too heavy keeps its own choices, beside the note that says what ran."""
    query = st.query_params
    asked = st.session_state.get("asked", config)  # the controls' config, before any fallback
    wanted = {"lang": st.session_state.get("lang", "en")}
    wanted |= {name: getattr(asked, field) for name, field in CHOICE_FIELDS.items()}
    preset = lessons.matching_preset(asked)
    defaults = {"lang": "en"} | {n: getattr(DEFAULT, f) for n, f in CHOICE_FIELDS.items()}
    for name, value in wanted.items():
        if value == defaults[name]:
            query.pop(name, None)
        elif query.get(name) != value:
            query[name] = value
    if preset and preset != "lecture":
        query["preset"] = preset
    else:
        query.pop("preset", None)
