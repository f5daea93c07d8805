"""The sidebar: every control of a lab run, lesson presets, and the lesson link (URL)."""

from __future__ import annotations

import streamlit as st

from rnnlab import corpus
from rnnlab import link as link_codec
from rnnlab.config import OF_FIELD, LabConfig, resolve
from rnnlab.model import FORGET_BIAS
from rnnlab.teaching import lessons
from rnnlab.teaching.i18n import option_label, tr
from ui import link


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)
def uploaded_corpus(data: bytes, min_chars: int) -> corpus.Corpus:
    return corpus.corpus_from_bytes(data, min_chars=min_chars)


def apply_preset() -> None:
    """The lesson selectbox's callback: every run setting to the chosen lesson's value."""
    code = st.session_state.get("preset")
    if code in lessons.PRESETS:
        for name, value in link_codec.values_of(lessons.PRESETS[code]).items():
            link.put(name, value)
        link.put("preset", code)


def sidebar(lang: str) -> tuple[LabConfig, corpus.Corpus, list[str]]:
    """Every control; returns the config, the training text and notes to show."""
    sb = st.sidebar
    notes = []
    lang = link.widget(sb, "lang", lang, horizontal=True,
                       format_func=lambda c: option_label("lang", c, c))
    preset = link.widget(sb, "preset", lang, options=tuple(lessons.PRESETS),
                         on_change=apply_preset,
                         format_func=lambda c: tr(f"preset.{c}.name", lang))
    description = sb.empty()  # filled once the settings are known: the lesson's, or changed

    sb.subheader(tr("ui.data", lang))
    corpus_name = link.widget(sb, "corpus", lang)
    if corpus_name == "longrange":
        link.widget(sb, "dist", lang)
    upload = None
    if corpus_name == "upload":
        upload = sb.file_uploader(tr("ctl.upload", lang), type=["txt"],
                                  help=tr("ctl.upload.help", lang), key="upload")
    sb.subheader(tr("ui.model", lang))
    cell = link.widget(sb, "cell", lang)
    link.widget(sb, "act", lang, disabled=cell != "rnn")
    if cell != "rnn":
        sb.caption(tr("ui.gated_activation", lang, fb=FORGET_BIAS))
    for name in ("hidden", "init", "rho"):
        link.widget(sb, name, lang)
    sb.subheader(tr("ui.training", lang))
    for name in ("seq", "batch", "opt", "lr", "clip"):
        link.widget(sb, name, lang)
    if link.get("clip") != "none":
        link.widget(sb, "clip_at", lang)
    for name in ("steps", "reset", "seed"):
        link.widget(sb, name, lang)

    asked = link_codec.config_of(link.values()).canonical()  # hidden settings: unused
    note = link.notes(link.problems(), lang)
    if note:
        notes.append(note)
    source, message = None, None

    def chars(config: LabConfig) -> int:  # the length of the text `config` trains on
        nonlocal source, message
        source, message = training_text(config, upload, lang)
        return len(source.ids)

    resolved = resolve(asked, chars)  # the lab's policy: what runs instead, and why
    config = resolved.config
    notes += [tr(p.code, lang, **p.params) for p in resolved.problems]
    if message:  # an upload that cannot be used: the English text, and the reason
        notes.append(message)
        config = config.replace(corpus="english")
    changed = lessons.changed_fields(preset, config)
    with description.container():
        st.caption(tr(f"preset.{preset}.desc", lang))
        if changed:
            # the controls as the sidebar names them, in the page's language
            names = ("、" if lang == "zh" else ", ").join(
                f"“{tr(OF_FIELD[f].label, lang)}”" for f in changed)
            st.caption(tr("ui.preset_changed", lang, names=names))
    return config, source, notes


def training_text(config: LabConfig, upload, lang: str) -> tuple[corpus.Corpus, str | None]:
    """The corpus to train on, and a message when an upload could not be used."""
    if config.corpus != "upload":
        return corpus.load_corpus(config.corpus, distance=config.distance), None
    fallback = corpus.load_corpus("english")
    if upload is None:
        return fallback, tr("ui.upload_first", lang)
    try:
        return uploaded_corpus(upload.getvalue(), config.text_needed()), None
    except corpus.CorpusError as err:
        sep = "" if lang == "zh" else " "
        return fallback, tr(f"err.{err.code}", lang, **err.params) + sep + tr("ui.using_english",
                                                                              lang)
